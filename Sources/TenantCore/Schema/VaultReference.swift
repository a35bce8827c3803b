/// A pointer to a secret in Vault's KV v2 store: `vault:<path>#<key>`, e.g.
/// `vault:tenants/acme#admin_password`.
///
/// Manifests carry only these references; the value is read by the executor that needs it, so the
/// secret never appears in git, plans or logs.
public struct VaultReference: Hashable, Sendable, Codable, CustomStringConvertible {
    public static let scheme = "vault:"

    public var path: String
    public var key: String

    public init(path: String, key: String) {
        self.path = path
        self.key = key
    }

    public var description: String { "\(Self.scheme)\(path)#\(key)" }

    /// A KV mount path: segments of path characters, no `.` or `..` segment, no empty segment.
    public static func isMountPath(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy(isPathCharacter)
            && text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    public static func looksLikeReference(_ text: String) -> Bool {
        text.hasPrefix(scheme)
    }

    /// Parses a reference, or says what is wrong with it.
    public static func parse(_ text: String) -> Result<VaultReference, ReferenceError> {
        guard text.hasPrefix(scheme) else { return .failure(.init("does not start with '\(scheme)'")) }
        let body = text.dropFirst(scheme.count)
        let parts = body.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(.init("has no '#<key>' part; write vault:<path>#<key>"))
        }
        let path = String(parts[0]), key = String(parts[1])
        if path.isEmpty { return .failure(.init("has an empty path; write vault:<path>#<key>")) }
        if path.hasPrefix("/") || path.hasSuffix("/") || path.contains("//") {
            return .failure(.init("has path '\(path)', which must not start or end with '/' nor contain '//'"))
        }
        let segments = path.split(separator: "/")
        for segment in segments where segment == "." || segment == ".." {
            return .failure(.init("has path '\(path)', which must not contain '.' or '..' segments"))
        }
        if let bad = path.unicodeScalars.first(where: { !isPathCharacter($0) }) {
            return .failure(.init("has path '\(path)', which contains '\(bad)'; use letters, digits, '-', '_', '.' and '/'"))
        }
        if key.isEmpty { return .failure(.init("has an empty key after '#'")) }
        if let bad = key.unicodeScalars.first(where: { !isKeyCharacter($0) }) {
            return .failure(.init("has key '\(key)', which contains '\(bad)'; use letters, digits, '-', '_' and '.'"))
        }
        return .success(VaultReference(path: path, key: key))
    }

    public struct ReferenceError: Error, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    private static func isPathCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isKeyCharacter(scalar) || scalar == "/"
    }

    private static func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
        default: return false
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch Self.parse(text) {
        case let .success(reference): self = reference
        case let .failure(error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "vault reference \(error)"))
        }
    }
}
