/// A record as OVH answers `GET /domain/zone/{zone}/record/{id}`: the six fields of the recorded
/// answers, integer id and TTL (0 is the zone's default).
struct SimRecord: Codable, Sendable, Equatable {
    var id: Int
    var zone: String
    var subDomain: String
    var fieldType: String
    var target: String
    var ttl: Int
}

/// The record types the simulator accepts, as OVH's DnsRecordTypeEnum names them.
enum SimRecordTypes {
    static let known: Set<String> = ["A", "AAAA", "CAA", "CNAME", "DKIM", "DMARC", "DNAME", "LOC", "MX", "NAPTR", "NS", "PTR", "SPF", "SRV", "SSHFP", "TLSA", "TXT"]
}
