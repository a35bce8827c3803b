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
    /// YAML files in manifest places that were not read (IgnoredFiles), for the summary line.
    public var ignoredFiles = 0

    public var tenantNames: [String] { tenants.keys.sorted() }
}
