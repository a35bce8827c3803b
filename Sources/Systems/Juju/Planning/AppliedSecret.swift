/// What the journal says was applied to a secret option: the reference, and the Vault version of
/// the value when the source had versions (`vault:tenants/acme/db#password@4`; a key cannot hold
/// `@`, so the suffix is unambiguous).
public struct AppliedSecret: Equatable, Sendable {
    public var reference: String
    public var version: Int?

    public init(reference: String, version: Int?) {
        self.reference = reference
        self.version = version
    }

    public init(recorded: String) {
        if let at = recorded.lastIndex(of: "@"), let version = Int(recorded[recorded.index(after: at)...]) {
            self.init(reference: String(recorded[..<at]), version: version)
        } else {
            self.init(reference: recorded, version: nil)
        }
    }

    /// The text the journal keeps.
    public var recorded: String { version.map { "\(reference)@\($0)" } ?? reference }
}
