/// Every manifest of one commit, decoded, with the problems found while decoding.
public struct ManifestSet: Sendable {
    public var fleet: Fleet?
    public var offers: [String: Offer]
    public var bundles: [String: Bundle]
    /// Tenants by name; when two files claim one name, the first by path is kept and the other is
    /// reported by validation.
    public var tenants: [String: Tenant]
    public var tenantFiles: [String: [String]]
    public var diagnostics: [Diagnostic]

    public var tenantNames: [String] { tenants.keys.sorted() }
}
