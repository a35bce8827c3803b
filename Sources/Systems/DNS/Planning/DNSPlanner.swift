import PlanModel
import TenantCore

/// DNS's planning half: the record set of every tenant domain, owned through a TXT record beside
/// it (``Ownership``), compared with the zones as observed.
///
/// - A record set tenantctl does not own is never changed or deleted: a foreign set at a desired
///   name is a conflict, listed as withheld with what is there (so `plan` exits 2), unless the
///   domain says `adopt: true`.
/// - Owned sets no longer desired are planned as deletes (effect `delete`), never in a zone that
///   could not be read in full; the chain's `Prune` and removal limits withhold them, as they do
///   Juju's removals.
/// - An environment with a name in a zone that could not be read is not planned at all.
public struct DNSPlanner: SystemPlanning {
    public static let systemName = DNSAddress.system
    public var system: String { Self.systemName }

    public init() {}

    /// `dns.publish` only follows the writes of its zone: withheld with all of them.
    public var followingKinds: Set<ChangeKind> { [.dnsPublish] }

    /// For the reason `Prune` or a removal limit gives when it withholds a delete.
    public func describeRemoval(_ change: Change) -> String {
        guard change.kind == .dnsDelete else { return "\(change.kind) \(change.target) is not in git" }
        return "record \(change.parameters["name"]?.description ?? change.target) is no longer in the manifests"
    }

    public func plan(_ input: SystemPlanInput) -> SystemPlan {
        // No DNS observation (a snapshot from before DNS, or no driver): nothing to say.
        guard let observation = input.observed.observation(of: system, as: DNSObservation.self) else { return SystemPlan() }
        var builder = DNSPlanBuilder(input: input, observation: observation)
        builder.run()
        return builder.result
    }
}

/// One run of the DNS planner.
struct DNSPlanBuilder {
    let input: SystemPlanInput
    let observation: DNSObservation
    let owner: String
    var result = SystemPlan()
    /// Changes that write, per zone scope and environment: each gets a `dns.publish` on OVH.
    private var writes: [String: [String: [String]]] = [:]
    /// What was decided for each domain to buy, by `<provider>/<domain>` (``RegistrationOutcome``).
    var registrations: [String: RegistrationOutcome] = [:]
    /// Changes the records being planned wait for (the purchase of their zone).
    var extraDependencies: [String] = []

    init(input: SystemPlanInput, observation: DNSObservation) {
        self.input = input
        self.observation = observation
        self.owner = input.desired.dns.ownerId
    }

    mutating func run() {
        let environments = input.desired.environments.filter { $0.tenant != nil && !$0.domains.isEmpty }
        for environment in environments {
            if let problem = unreadableZone(of: environment) ?? unobservedRegistration(of: environment) {
                result.skipped.append(SkippedEnvironment(environment: environment.id, reason: problem))
                continue
            }
            for domain in environment.domains { plan(domain, in: environment) }
        }
        planDeletes()
        planPublishes()
    }

    /// Why an environment cannot be planned: a zone of one of its names was not read in full.
    private func unreadableZone(of environment: DesiredEnvironment) -> String? {
        for domain in environment.domains {
            switch observation.zone(provider: domain.provider, zone: domain.zone)?.state {
            case nil: return "DNS zone \(domain.zone) at \(domain.provider) was not observed"
            case let .failed(message)?: return "DNS zone \(domain.zone) at \(domain.provider) could not be read: \(message)"
            case .missing?, .observed?: continue
            }
        }
        return nil
    }

    // MARK: one domain

    private mutating func plan(_ domain: DesiredDomain, in environment: DesiredEnvironment) {
        let host = DNSName.normalized(domain.host)
        var records = observation.zone(provider: domain.provider, zone: domain.zone)?.records
        extraDependencies = []
        if domain.register, case let .proceed(_, ready) = registration(domain, in: environment) {
            // The zone comes with the purchase: records are planned into it, after it.
            records = records ?? []
            extraDependencies = ready
        }
        guard let records else {
            withhold(environment, DNSAddress.record(provider: domain.provider, zone: domain.zone, type: "A", name: host), target: host,
                     reason: "zone \(domain.zone) does not exist at \(domain.provider)\(missingZoneReason(domain))", cause: .blocked)
            return
        }
        let index = ZoneIndex(records)
        switch DesiredRecord.resolve(domain, in: environment, input: input) {
        case .answeredByWildcard:
            note(environment, wildcardNote(host: host, domain: domain, index: index, covering: nil))
        case let .note(text):
            note(environment, text)
        case let .withheld(reason):
            withhold(environment, DNSAddress.record(provider: domain.provider, zone: domain.zone, type: "A", name: host), target: host, reason: reason, cause: .blocked)
        case let .record(record):
            if let set = record.recordSet, let covered = coveringWildcard(set, domain: domain, index: index) {
                note(environment, wildcardNote(host: host, domain: domain, index: index, covering: covered))
                return
            }
            plan(record, index: index)
        }
    }

    /// The zone's wildcard set that already answers `set`'s name with its type and values, when
    /// the name is one label under a `wildcard: true` zone.
    private func coveringWildcard(_ set: DNSRecordSet, domain: DesiredDomain, index: ZoneIndex) -> DNSRecordSet? {
        guard input.desired.dns.zones.contains(where: { $0.provider == domain.provider && $0.zone == domain.zone && $0.wildcard }),
              let relative = DNSName.relative(set.name, in: domain.zone), !relative.isEmpty, !relative.contains(".") else { return nil }
        // An owned set of its own is kept and managed: removing it is not this plan's business.
        if index.owned(set.name, by: owner) != nil { return nil }
        guard let wildcard = index.set(DNSName.absolute("*", in: domain.zone), set.type),
              RecordValues.same(wildcard.values, set.values, type: set.type) else { return nil }
        return wildcard
    }

    private func wildcardNote(host: String, domain: DesiredDomain, index: ZoneIndex, covering: DNSRecordSet?) -> String {
        let wildcard = DNSName.absolute("*", in: domain.zone)
        if let covering { return "\(host): no record of its own: \(wildcard) already answers with the same target (\(covering.type) \(covering.values.joined(separator: " ")))" }
        let present = index.sets(at: wildcard).filter { $0.managedType != nil && $0.managedType != .txt }
        if present.isEmpty { return "\(host): no target, and zone \(domain.zone) has no \(wildcard) record: the name does not resolve; give the domain a target or add the wildcard record" }
        return "\(host): answered by \(wildcard) (\(present.map { "\($0.type) \($0.values.joined(separator: " "))" }.joined(separator: "; ")))"
    }

    private mutating func plan(_ record: DesiredRecord, index: ZoneIndex) {
        let environment = record.environment
        let domain = record.domain
        let address = DNSAddress.record(provider: domain.provider, zone: domain.zone, type: record.type.rawValue, name: record.name)
        let ownership = record.ownership(owner: owner)
        let txtName = Ownership.txtName(for: record.name)
        let txt = index.set(txtName, DNSRecordType.txt.rawValue)
        let atName = index.sets(at: record.name)
        // The ownership TXT covers every managed type at the name, so any A, AAAA or CNAME there
        // must be tenantctl's already, or taken over (adopt), or the name is in conflict. Other
        // types stay beside, except where a CNAME is wanted (a CNAME allows nothing beside it).
        let managedAtName = atName.filter { $0.managedType != nil && $0.managedType != .txt }
        let unmanagedBlocking = record.type == .cname ? atName.filter { $0.managedType == nil || $0.managedType == .txt } : []
        var ownedBefore: Ownership?
        switch Ownership.of(txt) {
        case let .marked(found) where found.owner == owner && found.environmentID == environment.id:
            ownedBefore = found
        case let .marked(found) where found.owner == owner && found.tenant == environment.tenant && !claims(found.environmentID, record.name):
            // The same tenant moved the host to another of its environments (staging to
            // production): the old one no longer wants it, so the record moves with it.
            ownedBefore = found
        case let .marked(found) where !domain.adopt:
            let whose = found.owner == owner ? "tenantctl for \(found.environmentID)" : "another tenantctl (owner \(found.owner), \(found.environmentID))"
            return conflict(record, address: address, reason: "\(record.name) is owned by \(whose)", there: atName + [txt].compactMap { $0 })
        case let .unreadable(values) where !domain.adopt:
            return conflict(record, address: address, reason: "\(txtName) holds a TXT record tenantctl did not write (\(Self.quoted(values)))", there: atName + [txt].compactMap { $0 })
        case .absent where !managedAtName.isEmpty && !domain.adopt:
            return conflict(record, address: address, reason: "\(record.name) has records tenantctl does not own", there: managedAtName)
        default:
            break
        }
        if !unmanagedBlocking.isEmpty {
            // Never removed, even with adopt: tenantctl does not manage these types.
            return conflict(record, address: address, reason: "\(record.name) has records of a type tenantctl does not manage in the way of a \(record.type.rawValue)",
                            there: unmanagedBlocking)
        }
        let current = index.set(record.name, record.type.rawValue)
        // Owned (or adopted) sets of another type go in the same update (an A that became a CNAME).
        let replaced = managedAtName.filter { $0.type != record.type.rawValue }
        var reasons: [Reason] = []
        let desiredValues = record.values.map { $0.joined(separator: " ") } ?? "(address of \(record.application ?? "?") once it is up)"
        if record.values == nil || current.map({ !RecordValues.same($0.values, record.values!, type: $0.type) }) ?? true {
            reasons.append(Reason(field: "values", desired: desiredValues, observed: current.map { $0.values.joined(separator: " ") }))
        }
        if current != nil, current?.ttl != domain.ttl {
            reasons.append(Reason(field: "ttl", desired: String(domain.ttl), observed: current?.ttl.map(String.init) ?? "(zone default)"))
        }
        if txt?.values != [ownership.text] {
            reasons.append(Reason(field: "owner", desired: "\(owner) \(environment.id)", observed: Self.describeOwner(txt) + (ownedBefore?.environmentID == environment.id ? " (TXT differs)" : "")))
        }
        for set in replaced { reasons.append(Reason(field: set.type, desired: nil, observed: set.values.joined(separator: " "))) }
        guard !reasons.isEmpty else { return }
        var target = "\(record.name) \(record.type.rawValue) \(domain.ttl) \(desiredValues)"
        if let current {
            // `(was 5.6.7.8)`, `(was ttl 60)`, `(was ttl 60, 5.6.7.8)`: what differs, as it is now.
            let was = [reasons.contains { $0.field == "ttl" } ? "ttl \(current.ttl.map(String.init) ?? "(zone default)")" : nil,
                       reasons.contains { $0.field == "values" } ? current.values.joined(separator: " ") : nil].compactMap { $0 }
            if !was.isEmpty { target += " (was \(was.joined(separator: ", ")))" }
        }
        var parameters: [String: ChangeParameter] = [
            "name": .string(record.name), "type": .string(record.type.rawValue), "ttl": .int(domain.ttl),
            "ownership": .string(ownership.text),
        ]
        if let values = record.values { parameters["values"] = .strings(values) }
        if let application = record.application, record.values == nil { parameters["application"] = .string(application) }
        if !replaced.isEmpty { parameters["remove"] = .strings(replaced.map(RecordSetCoding.encode)) }
        // Observed values are the provider's words: printed escaped, like every name from outside.
        reasons = reasons.map { Reason(field: $0.field, desired: $0.desired, observed: $0.observed.map(Printable.escaped)) }
        let change = Change(address: address, kind: .dnsUpsert, effect: current == nil ? .create : .update, tenant: environment.tenant,
                            environment: environment.id, target: Printable.escaped(target), reasons: reasons,
                            dependsOn: (record.dependsOn.map { [$0] } ?? []) + extraDependencies, parameters: parameters)
        add(change, zone: domain)
    }

    /// Whether environment `id` wants `name` in git.
    private func claims(_ id: String, _ name: String) -> Bool {
        input.desired.environments.contains { $0.id == id && $0.domains.contains { DNSName.normalized($0.host) == name } }
    }

    private mutating func conflict(_ record: DesiredRecord, address: ChangeAddress, reason: String, there: [DNSRecordSet]) {
        let what = Printable.escaped(there.map(\.description).sorted().joined(separator: "; "))
        withhold(record.environment, address, target: "\(record.name) \(record.type.rawValue)",
                 reason: "conflict: \(reason) (there now: \(what)); tenantctl never changes records it does not own; adopt: true on the domain takes them over", cause: .conflict)
    }

    // MARK: deletes

    /// Owned sets whose name no environment wants any more, in zones read in full.
    private mutating func planDeletes() {
        let wanted = Set(input.desired.environments.flatMap { $0.domains.map { DNSName.normalized($0.host) } })
        for scope in observation.zones.keys.sorted() {
            let zone = observation.zones[scope]!
            guard let records = zone.records else { continue }
            let index = ZoneIndex(records)
            for (name, ownership) in index.ownedNames(by: owner) where !wanted.contains(name) {
                let sets = index.sets(at: name).filter { $0.managedType != nil && $0.managedType != .txt }
                let txt = index.set(Ownership.txtName(for: name), DNSRecordType.txt.rawValue)
                let first = sets.first ?? txt!
                let address = DNSAddress.record(provider: zone.provider, zone: zone.zone, type: first.type, name: first.name)
                let removed = sets + [txt].compactMap { $0 }
                let target = Printable.escaped(sets.isEmpty ? "\(txt!.name) TXT (ownership of a record already gone)" : sets.map(\.description).joined(separator: "; "))
                let change = Change(address: address, kind: .dnsDelete, effect: .delete, tenant: ownership.tenant, environment: ownership.environmentID,
                                    target: target, reasons: [Reason(field: "record", desired: nil, observed: target)], dependsOn: [],
                                    parameters: ["name": .string(name), "remove": .strings(removed.map(RecordSetCoding.encode))])
                add(change, provider: zone.provider, zone: zone.zone)
            }
        }
    }

    // MARK: publishing

    /// One `dns.publish` per zone and environment on providers that need it (OVH), after every
    /// write of that environment to the zone. Per environment, not per zone: `--tenant` and an
    /// environment another system cannot plan drop changes with their dependents, and a publish
    /// shared by two environments would go with either.
    private mutating func planPublishes() {
        for scope in writes.keys.sorted() {
            guard let zone = input.desired.dns.zones.first(where: { DNSAddress.scope(provider: $0.provider, zone: $0.zone) == scope })
                    ?? customZone(scope), zone.providerType == .ovh else { continue }
            for (environmentID, ids) in writes[scope]!.sorted(by: { $0.key < $1.key }) {
                let tenant = input.desired.environments.first { $0.id == environmentID }?.tenant ?? String(environmentID.split(separator: "/").first ?? "")
                result.changes.append(Change(address: DNSAddress.publish(provider: zone.provider, zone: zone.zone, environment: environmentID),
                                             kind: .dnsPublish, effect: .update, tenant: tenant, environment: environmentID,
                                             target: "zone \(zone.zone)", reasons: [Reason(field: "published", desired: "after \(ids.count) write(s)", observed: nil)],
                                             dependsOn: ids))
            }
        }
    }

    /// A zone only a domain names (a customer's own zone).
    private func customZone(_ scope: String) -> DesiredZone? {
        for environment in input.desired.environments {
            for domain in environment.domains where DNSAddress.scope(provider: domain.provider, zone: domain.zone) == scope {
                return DesiredZone(zone: domain.zone, provider: domain.provider, providerType: domain.providerType, wildcard: false)
            }
        }
        return nil
    }

    // MARK: helpers

    private mutating func add(_ change: Change, zone domain: DesiredDomain) {
        add(change, provider: domain.provider, zone: domain.zone)
    }

    private mutating func add(_ change: Change, provider: String, zone: String) {
        result.changes.append(change)
        writes[DNSAddress.scope(provider: provider, zone: zone), default: [:]][change.environment, default: []].append(change.id)
    }

    private mutating func note(_ environment: DesiredEnvironment, _ text: String) {
        result.notes.append(PlanNote(environment: environment.id, text: text))
    }

    private mutating func withhold(_ environment: DesiredEnvironment, _ address: ChangeAddress, target: String, reason: String, cause: WithheldCause) {
        result.withheld.append(WithheldChange(environment: environment.id, address: address, kind: .dnsUpsert, target: target, reason: reason, cause: cause))
    }

    static func describeOwner(_ txt: DNSRecordSet?) -> String {
        switch Ownership.of(txt) {
        case .absent: return "(none)"
        case let .marked(found): return "\(found.owner) \(found.environmentID)"
        case let .unreadable(values): return "foreign TXT \(quoted(values))"
        }
    }

    /// TXT texts for a message: quoted, escaped, each cut at 80 characters.
    static func quoted(_ values: [String]) -> String {
        values.prefix(4).map { value in
            let cut = value.count > 80 ? String(value.prefix(80)) + "…" : value
            return "\"\(Printable.escaped(cut))\""
        }.joined(separator: " ") + (values.count > 4 ? " and \(values.count - 4) more" : "")
    }
}
