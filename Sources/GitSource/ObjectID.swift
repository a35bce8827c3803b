import CGit2

/// A commit id as 40 lowercase hex digits.
public struct ObjectID: Sendable, Hashable, CustomStringConvertible {
    public let hex: String

    public var description: String { hex }

    init(_ oid: git_oid) {
        let digits = Array("0123456789abcdef".utf8)
        hex = withUnsafeBytes(of: oid.id) { bytes in
            String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
        }
    }

    init(_ oid: UnsafePointer<git_oid>) {
        self.init(oid.pointee)
    }

    /// The libgit2 form; throws for ids that did not come from this module and are not hex.
    func oid() throws -> git_oid {
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else {
            throw GitSourceError.unknownRef(ref: hex)
        }
        return oid
    }
}
