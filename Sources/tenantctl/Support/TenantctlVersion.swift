enum TenantctlVersion {
    static let current = "0.1.0"
    /// The manifest schema this build reads (`apiVersion: tenantctl/v1`).
    static let schema = "tenantctl/v1"
}
