/// One zone: the records as the API reads and writes them, and the records the name servers
/// serve, which OVH updates only on `POST /domain/zone/{zone}/refresh`.
struct SimZone: Sendable {
    var name: String
    var records: [Int: SimRecord] = [:]
    var served: [Int: SimRecord] = [:]
    var refreshes = 0

    /// Whether what the API holds is what is served (`/status`'s `isDeployed`).
    var isDeployed: Bool { records == served }

    func ids(fieldType: String?, subDomain: String?) -> [Int] {
        records.values.filter { record in
            (fieldType == nil || record.fieldType == fieldType) && (subDomain == nil || record.subDomain == subDomain)
        }.map(\.id).sorted()
    }

    /// OVH refuses a CNAME beside any other record of the name, and any record beside a CNAME.
    func conflict(subDomain: String, fieldType: String, ignoring id: Int? = nil) -> Bool {
        records.values.contains { record in
            record.id != id && record.subDomain == subDomain && (record.fieldType == "CNAME" || fieldType == "CNAME")
        }
    }
}
