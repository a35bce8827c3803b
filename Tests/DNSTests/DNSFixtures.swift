import DNSPlanning
import PlanModel
import TenantCore

/// Desired environments with domains, zones as observed, and the planner run on them.
enum DNSFixtures {
    static let owner = "test-fleet"
    static let zone = "acme.test"

    static func environment(_ id: String, domains: [DesiredDomain], prune: Bool = true) -> DesiredEnvironment {
        let parts = id.split(separator: "/").map(String.init)
        return DesiredEnvironment(
            id: id, tenant: parts[0], environment: parts[1], offer: "pme", controller: "k8s", controllerKind: .k8s, cloud: "microk8s",
            model: "\(parts[0])-\(parts[1])", sharedModel: false, bundle: "b", ha: false, policy: Policy(sync: .auto, prune: prune),
            applications: [], machines: [], bundleMachines: [:], relations: [], saas: [:], domains: domains, secrets: [], labels: [:])
    }

    static func domain(_ host: String, address: String? = nil, cname: String? = nil, application: String? = nil, zone: String = zone,
                       provider: String = "bind", adopt: Bool = false, ttl: Int = 300) -> DesiredDomain {
        let target: Domain.Target? = address.map { .address($0) } ?? cname.map { .cname($0) } ?? application.map { .application($0) }
        let record: DesiredDomain.Record
        switch target {
        case let .address(value)?: record = value.contains(":") ? .aaaa : .a
        case .cname?: record = .cname
        case .application?: record = .applicationAddress
        case nil: record = .wildcard
        }
        return DesiredDomain(host: host, zone: zone, provider: provider, providerType: .rfc2136, record: record, target: target,
                             tls: false, register: false, ttl: ttl, adopt: adopt)
    }

    static func desired(_ environments: [DesiredEnvironment], wildcard: Bool = false) -> DesiredState {
        DesiredState(environments: environments,
                     dns: DesiredDNS(ownerId: owner, zones: [DesiredZone(zone: zone, provider: "bind", providerType: .rfc2136, wildcard: wildcard)]))
    }

    static func observed(_ records: [DNSRecordSet], zone: String = zone) -> ObservedWorld {
        ObservedWorld(systems: [DNSPlanner.systemName: DNSObservation([ZoneObservation(zone: zone, provider: "bind", state: .observed(records))])])
    }

    static func owned(_ name: String, _ type: DNSRecordType, _ values: [String], environment: String, owner: String = owner, ttl: Int = 300) -> [DNSRecordSet] {
        let parts = environment.split(separator: "/").map(String.init)
        return [DNSRecordSet(name: name, type: type, ttl: ttl, values: values),
                DNSRecordSet(name: Ownership.txtName(for: name), type: .txt, ttl: ttl,
                             values: [Ownership(owner: owner, tenant: parts[0], environment: parts[1]).text])]
    }

    static func plan(_ desired: DesiredState, _ observed: ObservedWorld, options: PlanOptions = PlanOptions(), upstream: [Change] = []) -> SystemPlan {
        DNSPlanner().plan(SystemPlanInput(desired: desired, observed: observed, options: options, upstream: upstream))
    }

    /// The plan after the chain's policies (prune, removal limits), DNS the only system: what
    /// `plan` shows, deletes of environments with prune off withheld.
    static func composed(_ desired: DesiredState, _ observed: ObservedWorld, options: PlanOptions = PlanOptions()) -> Plan {
        PlanComposer.plan(desired: desired, observed: observed, systems: [DNSPlanner()], options: options)
    }
}
