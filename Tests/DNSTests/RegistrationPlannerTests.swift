import DNSPlanning
import PlanModel
import TenantCore
import XCTest

/// The DNS planner on domains to buy: the fleet's permission and cap, the registrar's answer and
/// the journal decide whether a `domain.register` is planned, withheld, or not needed at all.
final class RegistrationPlannerTests: XCTestCase {
    typealias F = DNSFixtures
    static let domain = "maison.fr"
    static let allowed = DesiredRegistration(allowed: true, maxPrice: .init(amount: 15, currency: "USD"), periodYears: 1,
                                             contacts: ["registrant": "platform/dns/contacts/registrant"])

    static func desired(_ settings: DesiredRegistration?, provider: DNSProvider.Kind = .route53) -> DesiredState {
        var www = DesiredDomain(host: "www.\(domain)", zone: domain, provider: provider.rawValue, providerType: provider, record: .a,
                                target: .address("192.0.2.10"), tls: false, register: true)
        www.ttl = 300
        var dns = DesiredDNS(ownerId: F.owner)
        dns.registration = settings
        return DesiredState(environments: [F.environment("maison/production", domains: [www])], dns: dns)
    }

    static func observed(_ state: RegistrationObservation.State, journal: RegistrationJournalEntry? = nil, zone: ZoneObservation.State = .missing,
                         provider: DNSProvider.Kind = .route53) -> ObservedWorld {
        ObservedWorld(systems: ["dns": DNSObservation([ZoneObservation(zone: domain, provider: provider.rawValue, state: zone)],
                                                      registrations: [RegistrationObservation(domain: domain, provider: provider.rawValue, state: state, journal: journal)])])
    }

    static func available(_ amount: Double = 12, currency: String = "USD") -> RegistrationObservation.State {
        .observed(RegistrarAnswer(ours: false, availability: "AVAILABLE", quote: RegistrationQuote(amount: amount, currency: currency, years: 1)))
    }

    func plan(_ settings: DesiredRegistration?, _ observed: ObservedWorld, provider: DNSProvider.Kind = .route53) -> SystemPlan {
        F.plan(Self.desired(settings, provider: provider), observed)
    }

    func testAllowedUnderTheCapBuysThenCreatesTheZoneThenWritesTheRecords() {
        let plan = plan(Self.allowed, Self.observed(Self.available()))
        XCTAssertEqual(plan.withheld, [])
        XCTAssertEqual(plan.changes.map(\.id), ["domain.register dns:route53/maison.fr/registration", "dns.zone.create dns:route53/maison.fr/zone",
                                                "dns.upsert dns:route53/maison.fr/A/www"])
        let register = plan.changes[0]
        XCTAssertEqual(register.effect, .create)
        XCTAssertEqual(register.target, "maison.fr at Route 53 Domains, 1 year, 12.00 USD")
        XCTAssertEqual(register.parameters["price"], .string("12.00"))
        XCTAssertEqual(register.parameters["currency"], .string("USD"))
        XCTAssertEqual(register.parameters["years"], .int(1))
        XCTAssertEqual(plan.changes[1].dependsOn, [register.id])
        XCTAssertEqual(plan.changes[2].dependsOn, [plan.changes[1].id], "the records wait for the zone")
    }

    func testAtOVHTheZoneComesWithTheOrder() {
        let plan = plan(Self.allowed, Self.observed(Self.available(), provider: .ovh), provider: .ovh)
        XCTAssertEqual(plan.changes.map(\.kind), [.domainRegister, .dnsUpsert, .dnsPublish])
        XCTAssertEqual(plan.changes[1].dependsOn, [plan.changes[0].id])
        XCTAssertEqual(plan.changes[0].target, "maison.fr at OVH, 1 year, 12.00 USD")
    }

    func testWithheldCases() {
        var noContacts = Self.allowed
        noContacts.contacts = [:]
        let cases: [(String, DesiredRegistration?, RegistrationObservation.State, String)] = [
            ("not allowed", DesiredRegistration(), Self.available(), "registration is not allowed by the fleet"),
            ("no settings at all", nil, Self.available(), "registration is not allowed by the fleet"),
            ("over the cap", Self.allowed, Self.available(15.01), "quotes 15.01 USD for 1 year, above the fleet's cap of 15.00 USD"),
            ("another currency", Self.allowed, Self.available(9, currency: "EUR"), "the fleet's cap is in USD (15.00 USD): tenantctl does not convert currencies"),
            ("taken", Self.allowed, .observed(RegistrarAnswer(ours: false, availability: "UNAVAILABLE", quote: nil)), "Route 53 Domains says UNAVAILABLE"),
            ("not sold", Self.allowed, .observed(RegistrarAnswer(ours: false, availability: "AVAILABLE", quote: nil)), "it does not sell .fr"),
            ("no contacts", noContacts, Self.available(), "needs contacts"),
        ]
        for (name, settings, state, reason) in cases {
            let plan = plan(settings, Self.observed(state))
            XCTAssertEqual(plan.changes, [], name)
            XCTAssertEqual(plan.withheld.first?.kind, .domainRegister, name)
            XCTAssertTrue(plan.withheld.first?.reason.contains(reason) == true, "\(name): \(plan.withheld.first?.reason ?? "nothing withheld")")
            XCTAssertEqual(plan.withheld.count, 2, "\(name): the records wait too, saying why")
        }
    }

    func testExactlyTheCapIsWithin() {
        XCTAssertEqual(plan(Self.allowed, Self.observed(Self.available(15))).changes.first?.kind, .domainRegister)
    }

    func testAlreadyOursAtTheRegistrarIsNeverBoughtAgain() {
        let ours = RegistrationObservation.State.observed(RegistrarAnswer(ours: true, availability: "UNAVAILABLE", quote: nil))
        let withZone = plan(Self.allowed, Self.observed(ours, zone: .observed([])))
        XCTAssertEqual(withZone.changes.map(\.kind), [.dnsUpsert])
        XCTAssertEqual(withZone.withheld, [])
        let withoutZone = plan(DesiredRegistration(), Self.observed(ours))
        XCTAssertEqual(withoutZone.changes.map(\.kind), [.dnsZoneCreate, .dnsUpsert], "ours even when buying is not allowed: only the zone is made")
    }

    func testAlreadyOursInTheJournalIsNeverBoughtAgain() {
        // The registrar's list may lag behind its own operation: the journal's word is enough.
        let plan = plan(Self.allowed, Self.observed(Self.available(), journal: RegistrationJournalEntry(stage: .registered, reference: "op-1"), zone: .observed([])))
        XCTAssertEqual(plan.changes.map(\.kind), [.dnsUpsert])
    }

    func testAnUnfinishedRegistrationIsResumedNotRepeated() {
        let journal = RegistrationJournalEntry(stage: .submitted, reference: "op-42")
        // Even over the cap now, and no longer allowed: checking what was bought costs nothing.
        let plan = plan(DesiredRegistration(), Self.observed(Self.available(99), journal: journal))
        XCTAssertEqual(plan.changes.map(\.kind), [.domainRegister, .dnsZoneCreate, .dnsUpsert])
        XCTAssertEqual(plan.changes[0].effect, .update)
        XCTAssertEqual(plan.changes[0].parameters["resume"], .string("registration:submitted:op-42"))
        XCTAssertNil(plan.changes[0].parameters["price"], "no price: nothing new is bought")
        XCTAssertTrue(plan.changes[0].target.contains("operation op-42"))
    }

    func testAZoneAlreadyHostedNeedsNoRegistrarAndIsNeverBought() {
        // The driver asks the registrar nothing about a zone the fleet's account already hosts
        // (no registration observation): its records are planned, nothing is bought or withheld.
        let hosted = ObservedWorld(systems: ["dns": DNSObservation([ZoneObservation(zone: Self.domain, provider: "route53", state: .observed([]))],
                                                                   registrations: [])])
        let plan = plan(DesiredRegistration(), hosted)
        XCTAssertEqual(plan.changes.map(\.kind), [.dnsUpsert])
        XCTAssertEqual(plan.withheld, [])
        XCTAssertEqual(plan.skipped, [])
        // Without the zone and without an answer the environment is not planned: never a purchase.
        let unknown = ObservedWorld(systems: ["dns": DNSObservation([ZoneObservation(zone: Self.domain, provider: "route53", state: .missing)],
                                                                    registrations: [])])
        XCTAssertEqual(self.plan(Self.allowed, unknown).skipped.map(\.environment), ["maison/production"])
    }

    func testARegistrarFailureLeavesTheEnvironmentUnplanned() {
        let plan = plan(Self.allowed, Self.observed(.failed("HTTP 503")))
        XCTAssertEqual(plan.changes, [])
        XCTAssertEqual(plan.skipped.map(\.environment), ["maison/production"])
        XCTAssertTrue(plan.skipped[0].reason.contains("HTTP 503"))
    }

    func testAPlanIsTheSameForTheSameInputs() {
        let observed = Self.observed(Self.available())
        XCTAssertEqual(plan(Self.allowed, observed), plan(Self.allowed, observed))
    }

    func testTheJournalEntryReadsBack() {
        for entry in [RegistrationJournalEntry(stage: .requested), RegistrationJournalEntry(stage: .submitted, reference: "a:b-c"),
                      RegistrationJournalEntry(stage: .registered, reference: "7")] {
            XCTAssertEqual(RegistrationJournalEntry.parse(entry.text), entry)
        }
        XCTAssertNil(RegistrationJournalEntry.parse("vault:x#y"))
    }
}
