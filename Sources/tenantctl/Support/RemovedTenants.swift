/// Tenants that own models tenantctl created, from the journal's `<controller>/<model>` →
/// `<tenant>/<environment>` records: the names `--tenant` may use for a tenant gone from git.
enum RemovedTenants {
    static func owners(_ managedModels: [String: String]) -> Set<String> {
        Set(managedModels.values.compactMap { $0.split(separator: "/").first.map(String.init) })
    }
}
