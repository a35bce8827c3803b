import PlanModel
import TenantCore

/// What the DNS plan does about one domain a tenant wants bought (`register: true`). Pure: the
/// fleet's settings, what the registrar answered and what the journal remembers decide.
///
/// A domain already ours (the registrar lists it, or the journal says the purchase ended) is
/// never bought again; a purchase the journal saw start and not end is resumed, never repeated;
/// anything else is bought only when the fleet allows it, the registrar sells it, and the
/// quoted price for the period is in the cap's currency and within it.
enum RegistrationOutcome: Equatable {
    /// The registrar could not be asked: the environment is not planned.
    case unobserved(String)
    /// Changes to make first (a purchase, a zone); the domain's records depend on `ready` and are
    /// planned against an empty zone when it does not exist yet.
    case proceed(changes: [Change], ready: [String])
    /// Nothing to buy: the domain is ours; its records are planned as for any zone.
    case owned
    /// Not bought, for the reason given (fleet policy, price, taken).
    case withheld(WithheldChange)
}

enum RegistrationPlanning {
    static let registrarNames: [DNSProvider.Kind: String] = [.route53: "Route 53 Domains", .ovh: "OVH"]

    static func decide(_ domain: DesiredDomain, environment: DesiredEnvironment, settings: DesiredRegistration?,
                       observation: RegistrationObservation?, zone: ZoneObservation.State?) -> RegistrationOutcome {
        let name = DNSName.normalized(domain.zone)
        let registrar = registrarNames[domain.providerType] ?? domain.provider
        let address = RegistrationAddress.change(provider: domain.provider, domain: name)
        guard let observation else {
            // The zone is hosted in the fleet's account: the domain is in use, nothing to buy
            // (the driver asks the registrar only about zones it could not find).
            if case .observed? = zone { return .owned }
            return .unobserved("registration of \(name) at \(domain.provider) was not observed")
        }
        let answer: RegistrarAnswer
        switch observation.state {
        case let .failed(message):
            return .unobserved("\(registrar) could not be asked about \(name): \(message); nothing is bought on partial knowledge")
        case let .observed(observed):
            answer = observed
        }
        let zoneMissing = zone == .missing
        if let journal = observation.journal, journal.isUnfinished, !answer.ours {
            // Started earlier, its end unknown (the answer was lost, or it was still running):
            // the apply checks it by its id, or finds it in the account; it never buys again.
            let started = journal.reference.map { "\(journal.stage == .submitted ? "operation" : "reference") \($0)" } ?? "no answer was recorded"
            let change = Change(address: address, kind: .domainRegister, effect: .update, tenant: environment.tenant, environment: environment.id,
                                target: "\(name) at \(registrar): finish the registration started earlier (\(started))",
                                reasons: [Reason(field: "registration", desired: "registered", observed: "unfinished (\(started))")],
                                dependsOn: [],
                                parameters: ["domain": .string(name), "registrar": .string(domain.providerType.rawValue), "resume": .string(journal.text)])
            return proceed(change, domain: domain, environment: environment, zoneMissing: zoneMissing)
        }
        if answer.ours || observation.journal?.stage == .registered {
            guard zoneMissing, domain.providerType == .route53 else { return .owned }
            let zoneChange = zoneCreation(name: name, domain: domain, environment: environment, dependsOn: [])
            return .proceed(changes: [zoneChange], ready: [zoneChange.id])
        }
        let quote = answer.quote
        let price = quote.map { "\($0.text) for \(years($0.years))" } ?? "price unknown"
        let target = "\(name) at \(registrar) (\(price))"
        func withhold(_ reason: String) -> RegistrationOutcome {
            .withheld(WithheldChange(environment: environment.id, address: address, kind: .domainRegister, target: target, reason: reason, cause: .blocked))
        }
        guard answer.isAvailable else {
            return withhold("\(name) cannot be bought: \(registrar) says \(Printable.escaped(answer.availability)) and the account does not hold it (taken by someone else?)")
        }
        guard let settings, settings.allowed else {
            return withhold("registration is not allowed by the fleet: set spec.dns.registration.allowed (and maxPrice) in \(Fleet.fileName) to buy \(name)")
        }
        guard let quote else { return withhold("\(registrar) quotes no registration price for \(name): it does not sell .\(tld(name))") }
        guard let cap = settings.maxPrice else {
            return withhold("spec.dns.registration has no maxPrice: nothing is bought without a cap")
        }
        guard quote.currency == cap.currency else {
            return withhold("\(registrar) quotes \(quote.text), and the fleet's cap is in \(cap.currency) (\(cap.text)): tenantctl does not convert currencies; set maxPrice in \(quote.currency)")
        }
        guard quote.amount <= cap.amount + 0.000_5 else {
            return withhold("\(registrar) quotes \(quote.text) for \(years(quote.years)), above the fleet's cap of \(cap.text) (spec.dns.registration.maxPrice)")
        }
        if domain.providerType == .route53, settings.contactPath(.registrant) == nil {
            return withhold("Route 53 Domains needs contacts: set spec.dns.registration.contacts.registrant to the Vault path of the registrant's details")
        }
        var reasons = [Reason(field: "registered", desired: "\(name), \(years(quote.years)), \(quote.text) (cap \(cap.text))",
                              observed: Printable.escaped(answer.availability))]
        if let journal = observation.journal, journal.stage == .failed {
            reasons.append(Reason(field: "previous attempt", desired: nil, observed: "failed (\(journal.reference ?? "no reference")): nothing was bought"))
        }
        let change = Change(address: address, kind: .domainRegister, effect: .create, tenant: environment.tenant, environment: environment.id,
                            target: "\(name) at \(registrar), \(years(quote.years)), \(quote.text)", reasons: reasons, dependsOn: [],
                            parameters: ["domain": .string(name), "registrar": .string(domain.providerType.rawValue),
                                         "price": .string(String(format: "%.2f", quote.amount)), "currency": .string(quote.currency),
                                         "years": .int(quote.years), "maxPrice": .string(String(format: "%.2f", cap.amount))])
        return proceed(change, domain: domain, environment: environment, zoneMissing: zoneMissing)
    }

    /// The purchase, then (Route 53, when the zone is not there) the hosted zone; records wait for the last.
    private static func proceed(_ registration: Change, domain: DesiredDomain, environment: DesiredEnvironment, zoneMissing: Bool) -> RegistrationOutcome {
        // OVH creates the zone with the order; Route 53 Domains may create it too, hence "when missing".
        guard zoneMissing, domain.providerType == .route53 else {
            return .proceed(changes: [registration], ready: [registration.id])
        }
        let zoneChange = zoneCreation(name: DNSName.normalized(domain.zone), domain: domain, environment: environment, dependsOn: [registration.id])
        return .proceed(changes: [registration, zoneChange], ready: [zoneChange.id])
    }

    private static func zoneCreation(name: String, domain: DesiredDomain, environment: DesiredEnvironment, dependsOn: [String]) -> Change {
        Change(address: RegistrationAddress.zoneCreation(provider: domain.provider, domain: name), kind: .dnsZoneCreate, effect: .create,
               tenant: environment.tenant, environment: environment.id, target: "hosted zone \(name) at \(domain.provider)",
               reasons: [Reason(field: "zone", desired: name, observed: nil)], dependsOn: dependsOn,
               parameters: ["domain": .string(name)])
    }

    static func years(_ count: Int) -> String { count == 1 ? "1 year" : "\(count) years" }

    static func tld(_ name: String) -> String { String(name.split(separator: ".").last ?? "") }
}
