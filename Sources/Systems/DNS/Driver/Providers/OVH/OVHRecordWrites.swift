import DNSPlanning

/// One call that changes a record of OVH.
enum OVHRecordWrite: Equatable, Sendable {
    case create(target: String, ttl: Int)
    case update(id: Int, target: String, ttl: Int)
    case delete(id: Int)
}

/// The calls that turn the records of one name and type into a desired set, fewest first: a
/// record already holding a desired value is kept (its TTL updated if needed), a record holding
/// another value is rewritten in place with `PUT` rather than deleted and created (the name never
/// goes without an answer), and only what remains is created or deleted.
enum OVHRecordWrites {
    static func plan(existing: [OVHRecord], desired: DNSRecordSet?) -> [OVHRecordWrite] {
        guard let desired else { return existing.sorted { $0.id < $1.id }.map { .delete(id: $0.id) } }
        let type = desired.type
        let ttl = desired.ttl ?? 0
        var wanted = desired.values
        var unmatched: [OVHRecord] = []
        var writes: [OVHRecordWrite] = []
        for record in existing.sorted(by: { $0.id < $1.id }) {
            let value = OVHRecordValues.value(fromTarget: record.target, type: type)
            if let index = wanted.firstIndex(of: value) {
                wanted.remove(at: index)
                if (record.ttl ?? 0) != ttl {
                    writes.append(.update(id: record.id, target: record.target, ttl: ttl))
                }
            } else {
                unmatched.append(record)
            }
        }
        for value in wanted {
            let target = OVHRecordValues.target(fromValue: value, type: type)
            if !unmatched.isEmpty {
                writes.append(.update(id: unmatched.removeFirst().id, target: target, ttl: ttl))
            } else {
                writes.append(.create(target: target, ttl: ttl))
            }
        }
        writes += unmatched.map { .delete(id: $0.id) }
        return writes
    }
}
