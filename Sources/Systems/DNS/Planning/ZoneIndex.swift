/// A zone's record sets looked up by name and type.
struct ZoneIndex {
    private var byName: [String: [DNSRecordSet]] = [:]

    init(_ records: [DNSRecordSet]) {
        for set in records { byName[set.name, default: []].append(set) }
    }

    func sets(at name: String) -> [DNSRecordSet] { byName[DNSName.normalized(name)] ?? [] }

    func set(_ name: String, _ type: String) -> DNSRecordSet? {
        sets(at: name).first { $0.type == type.uppercased() }
    }

    /// Who owns `name`, when its ownership TXT names `owner`.
    func owned(_ name: String, by owner: String) -> Ownership? {
        guard case let .marked(found) = Ownership.of(set(Ownership.txtName(for: name), "TXT")), found.owner == owner else { return nil }
        return found
    }

    /// Every name whose ownership TXT names `owner`, sorted.
    func ownedNames(by owner: String) -> [(name: String, ownership: Ownership)] {
        byName.keys.sorted().compactMap { txtName in
            guard let name = Ownership.markedName(txtName), let found = owned(name, by: owner) else { return nil }
            return (name, found)
        }
    }
}

/// How record values compare: CNAME targets as names (case, trailing dot), IPv6 addresses in
/// their canonical text, the rest as written.
enum RecordValues {
    static func same(_ lhs: [String], _ rhs: [String], type: String) -> Bool {
        normalized(lhs, type: type) == normalized(rhs, type: type)
    }

    static func normalized(_ values: [String], type: String) -> [String] {
        switch type.uppercased() {
        case "CNAME": return values.map(DNSName.normalized).sorted()
        case "AAAA": return values.map { IPv6Text.canonical($0) ?? $0.lowercased() }.sorted()
        default: return values.sorted()
        }
    }
}
