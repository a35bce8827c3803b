/// A project as the API names it: its numeric id or its full path (`group/subgroup/project`),
/// sent URL-encoded as one path segment (`group%2Fsubgroup%2Fproject`).
public struct GitLabProjectID: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 1024, !trimmed.contains(where: { $0.isNewline }) else {
            throw GitLabError.configuration("a GitLab project is its numeric id or its path (group/project)")
        }
        self.value = trimmed
    }

    public var isNumeric: Bool { value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber) }

    /// The id as one URL path segment.
    public var pathSegment: String { GitLabPath.encode(value) }

    public var description: String { value }
}

/// Percent-encoding of one path segment: everything but RFC 3986's unreserved characters, so a
/// `/` in a project path or a `#`/`?` in a ref cannot change the request's route.
enum GitLabPath {
    static func encode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
