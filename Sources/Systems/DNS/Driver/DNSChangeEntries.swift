import DNSPlanning
import PlanModel
import Reconciler
import TenantCore

/// The provider writes a planned change stands for.
enum DNSChangeEntries {
    /// The sets the change replaces (deleted first), the record set, and its ownership TXT.
    static func upsert(_ change: Change, inputs: ChangeInputs) throws -> [DNSChangeBatch.Entry] {
        guard case let .string(name)? = change.parameters["name"], case let .string(type)? = change.parameters["type"],
              case let .int(ttl)? = change.parameters["ttl"], case let .string(ownership)? = change.parameters["ownership"] else {
            throw malformed(change)
        }
        let values: [String]
        if case let .strings(planned)? = change.parameters["values"] {
            values = planned
        } else if case let .string(application)? = change.parameters["application"] {
            // Known only now: the change that brought the application up read its address.
            guard let address = inputs.value(IngressAddressValue.name(application: application)) else {
                throw DNSDriverError("\(change.id): application \(application) reported no address once up; plan again when it has one")
            }
            let family = IPAddress.family(of: address)
            guard (type == "A" && family == .v4) || (type == "AAAA" && family == .v6) else {
                throw DNSDriverError("\(change.id): application \(application) answers on '\(Printable.escaped(String(address.prefix(80))))', not an \(type == "A" ? "IPv4" : "IPv6") address as planned; plan again (the next plan sees it and plans the right record)")
            }
            values = [address]
        } else {
            throw malformed(change)
        }
        var entries = try removed(change).map(DNSChangeBatch.Entry.delete)
        entries.append(.upsert(DNSRecordSet(name: name, type: type, ttl: ttl, values: values)))
        entries.append(.upsert(DNSRecordSet(name: Ownership.txtName(for: name), type: .txt, ttl: ttl, values: [ownership])))
        return entries
    }

    static func delete(_ change: Change) throws -> [DNSChangeBatch.Entry] {
        let sets = try removed(change)
        guard !sets.isEmpty else { throw malformed(change) }
        return sets.map(DNSChangeBatch.Entry.delete)
    }

    /// What the health gate checks after the entries are written: the record set an upsert
    /// writes (what dependents rely on; its ownership TXT is for tenantctl), and the record sets
    /// a delete removes (their ownership TXT aside).
    static func gated(_ entries: [DNSChangeBatch.Entry]) -> (served: [DNSRecordSet], gone: [DNSRecordSet]) {
        let upserts = entries.compactMap { if case let .upsert(set) = $0 { set } else { nil } }
        let deletes = entries.compactMap { if case let .delete(set) = $0 { set } else { nil } }
        if let record = upserts.first(where: { Ownership.markedName($0.name) == nil }) { return ([record], []) }
        return ([], deletes.filter { Ownership.markedName($0.name) == nil })
    }

    private static func removed(_ change: Change) throws -> [DNSRecordSet] {
        guard case let .strings(texts)? = change.parameters["remove"] else { return [] }
        return try texts.map { text in
            guard let set = RecordSetCoding.decode(text) else { throw malformed(change) }
            return set
        }
    }

    private static func malformed(_ change: Change) -> DNSDriverError {
        DNSDriverError("\(change.id): the change's parameters are incomplete (a plan file edited by hand?)")
    }
}
