import PlanModel
import TenantCore

/// The DNS plan's part for domains to buy: decided once per domain (the first environment
/// that names it owns the purchase), its changes or withheld entry added then.
extension DNSPlanBuilder {
    /// Why an environment cannot be planned: a domain of it to buy whose registrar could not be asked.
    mutating func unobservedRegistration(of environment: DesiredEnvironment) -> String? {
        for domain in environment.domains where domain.register {
            if case let .unobserved(reason) = registration(domain, in: environment) { return reason }
        }
        return nil
    }

    /// The outcome for `domain`'s zone, computed and recorded in the plan on first use.
    mutating func registration(_ domain: DesiredDomain, in environment: DesiredEnvironment) -> RegistrationOutcome {
        let key = DNSAddress.scope(provider: domain.provider, zone: domain.zone)
        if let known = registrations[key] { return known }
        let outcome = RegistrationPlanning.decide(domain, environment: environment, settings: input.desired.dns.registration,
                                                  observation: observation.registration(provider: domain.provider, domain: domain.zone),
                                                  zone: observation.zone(provider: domain.provider, zone: domain.zone)?.state)
        registrations[key] = outcome
        switch outcome {
        case let .proceed(changes, _): result.changes += changes
        case let .withheld(withheld): result.withheld.append(withheld)
        case .owned, .unobserved: break
        }
        return outcome
    }

    /// The end of the reason a record in a missing zone is withheld.
    func missingZoneReason(_ domain: DesiredDomain) -> String {
        guard domain.register else { return " (tenantctl creates zones only for domains it registers)" }
        if registrations[DNSAddress.scope(provider: domain.provider, zone: domain.zone)] == .owned {
            return " yet, though the domain is registered (the registrar makes it; the next run writes the records)"
        }
        return " and is not being bought (see its domain.register entry)"
    }
}
