import PlanModel
import TenantCore

/// The record set one domain wants, as far as planning knows it.
struct DesiredRecord: Sendable, Equatable {
    var environment: DesiredEnvironment
    var domain: DesiredDomain
    /// The absolute, normalized host.
    var name: String
    var type: DNSRecordType
    /// Nil while the application it points at is not up: the address comes at apply time from
    /// the change that brings it up (``dependsOn``).
    var values: [String]?
    /// The application whose address this is, for `application` targets.
    var application: String?
    /// The change whose result gives the address (the health gate of the application's model).
    var dependsOn: String?

    var scope: String { DNSAddress.scope(provider: domain.provider, zone: domain.zone) }
    func ownership(owner: String) -> Ownership {
        Ownership(owner: owner, tenant: environment.tenant ?? "", environment: environment.environment)
    }

    var recordSet: DNSRecordSet? {
        values.map { DNSRecordSet(name: name, type: type, ttl: domain.ttl, values: $0) }
    }

    /// What a desired domain resolves to, or why it yields no record here (a note).
    enum Resolution {
        case record(DesiredRecord)
        /// No target: the zone's wildcard record answers (the only place validation allows it).
        case answeredByWildcard
        case note(String)
        case withheld(String)
    }

    static func resolve(_ domain: DesiredDomain, in environment: DesiredEnvironment, input: SystemPlanInput) -> Resolution {
        let name = DNSName.normalized(domain.host)
        func record(_ type: DNSRecordType, _ values: [String]?, application: String? = nil, dependsOn: String? = nil) -> Resolution {
            .record(DesiredRecord(environment: environment, domain: domain, name: name, type: type, values: values,
                                  application: application, dependsOn: dependsOn))
        }
        switch domain.target {
        case nil:
            // Validation accepts no target only for one label under a wildcard zone: the zone's
            // `*.<zone>` record answers; there is nothing to write.
            return .answeredByWildcard
        case let .address(address)?:
            return IPAddress.family(of: address) == .v6 ? record(.aaaa, [IPv6Text.canonical(address) ?? address.lowercased()]) : record(.a, [address])
        case let .cname(target)?:
            return record(.cname, [DNSName.normalized(target)])
        case let .application(application)?:
            if let address = input.observed.ingressAddress(of: application, in: environment) {
                switch IPAddress.family(of: address) {
                case .v4?: return record(.a, [address], application: application)
                case .v6?: return record(.aaaa, [IPv6Text.canonical(address) ?? address.lowercased()], application: application)
                case nil:
                    // A load balancer known by name (a cloud's LB hostname): a CNAME, except at an apex.
                    guard Names.hostnameProblem(DNSName.normalized(address)) == nil else {
                        return .withheld("application \(application) reports the address '\(Printable.escaped(String(address.prefix(80))))', which is neither an IP address nor a hostname")
                    }
                    guard name != DNSName.normalized(domain.zone) else {
                        return .withheld("application \(application) answers on the name \(DNSName.normalized(address)), and the apex of zone \(domain.zone) cannot be a CNAME")
                    }
                    return record(.cname, [DNSName.normalized(address)], application: application)
                }
            }
            // Not up yet: the change that brings it up gives its address. Juju's health gate
            // (a `wait` change of this environment naming the application) is that change.
            let gate = input.upstream.first { change in
                guard change.environment == environment.id, change.effect == .wait,
                      case let .strings(applications)? = change.parameters["applications"] else { return false }
                return applications.contains(application)
            }
            guard let gate else {
                return .note("\(name): application \(application) has no address yet and nothing planned brings it up; no record until it has one")
            }
            // An address not known at plan time is taken to be IPv4 (what Juju's k8s services
            // and IaaS units give); another kind is refused at apply time, and the next plan,
            // which sees it, plans the right type.
            return record(.a, nil, application: application, dependsOn: gate.id)
        }
    }
}
