/// The record types tenantctl manages. Others (MX, NS, SOA, SRV…) are observed only so that a
/// desired name held by one of them is seen as taken, never changed.
public enum DNSRecordType: String, Codable, Sendable, Hashable, Comparable, CaseIterable {
    case a = "A"
    case aaaa = "AAAA"
    case cname = "CNAME"
    case txt = "TXT"

    public static func < (lhs: DNSRecordType, rhs: DNSRecordType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// All records of one name and type in a zone (a DNS "RRset"): what providers list and what a
/// change writes as a whole, as Route 53 and RFC 2136 do.
///
/// Names are absolute, lower case, without the trailing dot (`www.acme.fr`); the zone apex is the
/// zone's own name. TXT values are the text itself, without the quotes of zone-file syntax:
/// providers quote and unquote at their edge, so that two providers' answers compare equal.
public struct DNSRecordSet: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var name: String
    /// The type as the provider reports it (`A`, `MX`, `SRV`…), so that foreign records keep
    /// their type in messages even when tenantctl does not manage it.
    public var type: String
    /// Seconds; nil when the provider reports the zone's default (OVH's `ttl: 0`).
    public var ttl: Int?
    /// Sorted, so that two observations of the same set are equal.
    public var values: [String]

    public init(name: String, type: String, ttl: Int?, values: [String]) {
        self.name = DNSName.normalized(name)
        self.type = type.uppercased()
        self.ttl = ttl
        self.values = values.sorted()
    }

    public init(name: String, type: DNSRecordType, ttl: Int?, values: [String]) {
        self.init(name: name, type: type.rawValue, ttl: ttl, values: values)
    }

    /// The managed type, nil for the others.
    public var managedType: DNSRecordType? { DNSRecordType(rawValue: type) }

    public var key: DNSRecordKey { DNSRecordKey(name: name, type: type) }

    public var description: String {
        "\(name) \(type)\(ttl.map { " \($0)" } ?? "") \(values.joined(separator: ", "))"
    }

    public static func < (lhs: DNSRecordSet, rhs: DNSRecordSet) -> Bool {
        (lhs.name, lhs.type, lhs.values.joined(separator: "\u{0}")) < (rhs.name, rhs.type, rhs.values.joined(separator: "\u{0}"))
    }
}

/// Name and type: what identifies a record set in a zone.
public struct DNSRecordKey: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var name: String
    public var type: String

    public init(name: String, type: String) {
        self.name = DNSName.normalized(name)
        self.type = type.uppercased()
    }

    public var description: String { "\(name) \(type)" }

    public static func < (lhs: DNSRecordKey, rhs: DNSRecordKey) -> Bool { (lhs.name, lhs.type) < (rhs.name, rhs.type) }
}
