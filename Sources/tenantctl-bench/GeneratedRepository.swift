/// A repository the bench generated: where it is, what it holds, and the one-tenant commit on top.
struct GeneratedRepository: Sendable, Encodable {
    var path: String
    var tenants: Int
    var tenantsByOffer: [String: Int]
    /// Tenants written as `tenants/<name>/tenant.yaml` (with a runbook beside).
    var folderTenants: Int
    var domains: Int
    /// Size of all tenant manifests.
    var manifestBytes: Int
    /// The tenant whose file HEAD changes (HEAD~1 → HEAD), and that file.
    var modifiedTenant: String
    var modifiedPath: String
    var packed: Bool
    var writeSeconds: Double
    var gitSeconds: Double

    enum CodingKeys: String, CodingKey {
        case tenants
        case tenantsByOffer = "tenants_by_offer"
        case folderTenants = "folder_tenants"
        case domains
        case manifestBytes = "manifest_bytes"
        case modifiedTenant = "modified_tenant"
        case modifiedPath = "modified_path"
        case packed
        case writeSeconds = "write_seconds"
        case gitSeconds = "git_seconds"
    }
}
