/// Tenants that own something tenantctl created, from the journal's owned resources (address →
/// `<tenant>/<environment>`): the names `--tenant` may use for a tenant gone from git.
enum RemovedTenants {
    static func owners(_ owned: [String: [String: String]]) -> Set<String> {
        Set(owned.values.flatMap(\.values).compactMap { $0.split(separator: "/").first.map(String.init) })
    }
}
