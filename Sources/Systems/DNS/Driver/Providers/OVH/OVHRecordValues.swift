import Foundation
import DNSPlanning

/// Translation between OVH's `target` strings and tenantctl's record values.
///
/// - TXT: OVH stores what it was given; its default zones and the web console store the text in
///   literal quotes (`"\"1|www.pacalis.net\""`), the API stores it bare. Both read as the bare
///   text; tenantctl writes it bare.
/// - CNAME: OVH reads a target without a trailing dot as relative to the zone, so tenantctl
///   writes `target.` and reads it back as the absolute name without the dot, lower case.
/// - Others (A, AAAA, and MX, NS, SRV… which tenantctl only observes): as OVH gives them.
enum OVHRecordValues {
    static func value(fromTarget target: String, type: String) -> String {
        switch type.uppercased() {
        case "TXT": return TXTText.unquoted(target)
        case "CNAME": return DNSName.normalized(target)
        default: return target
        }
    }

    static func target(fromValue value: String, type: String) -> String {
        switch type.uppercased() {
        case "CNAME": return DNSName.normalized(value) + "."
        default: return value
        }
    }

    /// The record sets of `records`, grouped by name and type. A set's TTL is the smallest of its
    /// records' (OVH keeps one per record); 0, the zone's default, reads as nil.
    static func recordSets(_ records: [OVHRecord], zone: String) -> [DNSRecordSet] {
        var groups: [DNSRecordKey: [OVHRecord]] = [:]
        for record in records {
            let key = DNSRecordKey(name: DNSName.absolute(record.subDomain, in: zone), type: record.fieldType)
            groups[key, default: []].append(record)
        }
        return groups.map { key, records in
            let ttls = records.map { $0.ttl ?? 0 }.filter { $0 > 0 }
            return DNSRecordSet(name: key.name, type: key.type, ttl: ttls.min(),
                                values: records.map { value(fromTarget: $0.target, type: key.type) })
        }.sorted()
    }
}
