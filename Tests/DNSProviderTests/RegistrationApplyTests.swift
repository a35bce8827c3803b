@testable import DNSDriver
import DNSPlanning
import Foundation
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// Buying a domain through the DNS driver: observed, planned, bought once, journaled before and
/// after the call, resumed — never repeated — when the answer is lost or the operation is still
/// running. Route 53 Domains against moto_server (with the calls moto lacks added in AWS's
/// shapes, Scripts/moto_domains.py); OVH against ovh-sim's order flow.
final class RegistrationApplyTests: XCTestCase {
    static let contactPath = "platform/dns/contacts/registrant"

    func desired(provider: DNSProvider.Kind, domain: String, cap: Double = 30, currency: String = "USD", years: Int = 2) -> DesiredState {
        let credentials: [String: String] = provider == .route53
            ? ["accessKeyId": "vault:dns/aws#key", "secretAccessKey": "vault:dns/aws#secret"]
            : ["applicationKey": "vault:dns/ovh#ak", "applicationSecret": "vault:dns/ovh#as", "consumerKey": "vault:dns/ovh#ck"]
        let www = DesiredDomain(host: "www.\(domain)", zone: domain, provider: provider.rawValue, providerType: provider, record: .a,
                                target: .address("192.0.2.10"), tls: false, register: true)
        let environment = DesiredEnvironment(
            id: "maison/production", tenant: "maison", environment: "production", offer: "pme", controller: "k8s", controllerKind: .k8s,
            cloud: "microk8s", model: "maison-production", sharedModel: false, bundle: "b", ha: false, policy: Policy(sync: .auto, prune: false),
            applications: [], machines: [], bundleMachines: [:], relations: [], saas: [:], domains: [www], secrets: [], labels: [:])
        let registration = DesiredRegistration(allowed: true, maxPrice: .init(amount: cap, currency: currency), periodYears: years,
                                               contacts: ["registrant": Self.contactPath])
        return DesiredState(environments: [environment],
                            dns: DesiredDNS(ownerId: "test-fleet", providers: [provider.rawValue: DesiredDNSProvider(kind: provider, settings: [:], credentials: credentials)],
                                            registration: registration))
    }

    func secrets() -> MemorySecrets {
        MemorySecrets(values: MemorySecrets.contact(at: Self.contactPath).merging([
            "dns/aws#key": "AKIDMOTO", "dns/aws#secret": "moto-secret-canary",
            "dns/ovh#ak": OVHSimProcess.applicationKey, "dns/ovh#as": OVHSimProcess.applicationSecret, "dns/ovh#ck": OVHSimProcess.consumerKey,
        ]) { $1 })
    }

    func driver(_ desired: DesiredState, endpoint: String, provider: String, book: MemoryBook, deadline: Duration = .seconds(20)) -> DNSDriver {
        var settings = DNSDriverSettings(secrets: secrets(), endpoints: [provider: endpoint], book: book)
        settings.registrationTiming = RegistrationTiming(deadline: deadline, firstPause: .milliseconds(50), longestPause: .milliseconds(200))
        return DNSDriver(settings: settings, desired: desired)
    }

    /// The plan from the driver's registration observation; the zone taken as missing (this
    /// branch's provider factory has no Route 53 or OVH record client yet).
    func plan(_ driver: DNSDriver, _ desired: DesiredState, domain: String, provider: String) async throws -> SystemPlan {
        let observation = await driver.observe(ObservationRequest(desired: desired, fleet: nil))
        let observed = try XCTUnwrap(observation as? DNSObservation)
        let registrations = Array((observed.registrations ?? [:]).values)
        let world = ObservedWorld(systems: ["dns": DNSObservation([ZoneObservation(zone: domain, provider: provider, state: .missing)], registrations: registrations)])
        return DNSPlanner().plan(SystemPlanInput(desired: desired, observed: world, options: PlanOptions()))
    }

    func assertNoSecretIn(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            for canary in MemorySecrets.canaries + ["moto-secret-canary", OVHSimProcess.applicationSecret] {
                XCTAssertFalse(text.contains(canary), "'\(canary)' shown in: \(text)", file: file, line: line)
            }
        }
    }

    // MARK: Route 53 Domains

    func testRoute53BuysOnceThenTheDomainIsOurs() async throws {
        let moto = try MotoDomainsServer()
        let domain = "maison-\(UUID().uuidString.prefix(6).lowercased()).com"
        let desired = desired(provider: .route53, domain: domain)
        let book = MemoryBook()
        let driver = driver(desired, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book)
        let plan = try await self.plan(driver, desired, domain: domain, provider: "route53")
        XCTAssertEqual(plan.withheld, [])
        XCTAssertEqual(plan.skipped, [])
        let register = try XCTUnwrap(plan.changes.first { $0.kind == .domainRegister })
        XCTAssertEqual(register.target, "\(domain) at Route 53 Domains, 2 years, 28.00 USD")
        XCTAssertEqual(plan.changes.map(\.kind), [.domainRegister, .dnsZoneCreate, .dnsUpsert])

        _ = try await driver.apply(register, inputs: ChangeInputs())
        XCTAssertEqual(book.history.map { $0.split(separator: ":").prefix(2).joined(separator: ":") },
                       ["registration:requested", "registration:submitted", "registration:registered"], "journaled before and after the call")
        // moto makes the hosted zone with the registration: creating it is then nothing to do.
        _ = try await driver.apply(try XCTUnwrap(plan.changes.first { $0.kind == .dnsZoneCreate }), inputs: ChangeInputs())
        // Applying the same plan again buys nothing.
        _ = try await driver.apply(register, inputs: ChangeInputs())
        XCTAssertEqual(try moto.calls()["RegisterDomain"], 1)
        let again = try await self.plan(driver, desired, domain: domain, provider: "route53")
        XCTAssertEqual(again.changes.filter { $0.kind == .domainRegister }, [], "ours at the registrar: never bought again")
        assertNoSecretIn(book.history + plan.changes.map { "\($0)" })
    }

    func testRoute53LostAnswerIsFoundNotBoughtAgain() async throws {
        let moto = try MotoDomainsServer(environment: ["LOSE_REGISTER_ANSWERS": "1"])
        let domain = "lost-\(UUID().uuidString.prefix(6).lowercased()).com"
        let desired = desired(provider: .route53, domain: domain)
        let book = MemoryBook()
        let driver = driver(desired, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book)
        let registerPlan = try await self.plan(driver, desired, domain: domain, provider: "route53")

        let register = try XCTUnwrap(registerPlan.changes.first)
        do {
            _ = try await driver.apply(register, inputs: ChangeInputs())
            XCTFail("the lost answer should fail the attempt")
        } catch {
            assertNoSecretIn([driver.redact("\(error)")])
        }
        XCTAssertEqual(book.history, ["registration:requested"], "the purchase stays journaled as requested")
        // The next run (a new driver, the same journal, as after a crash) plans a resume, not a purchase.
        let next = self.driver(desired, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book)
        let resumed = try await self.plan(next, desired, domain: domain, provider: "route53")
        XCTAssertEqual(resumed.changes.filter { $0.kind == .domainRegister }, [], "the registrar already lists it as ours")
        _ = try await next.apply(register, inputs: ChangeInputs())
        XCTAssertEqual(try moto.calls()["RegisterDomain"], 1)
        XCTAssertEqual(book.history.last, "registration:registered")
    }

    func testRoute53LostAnswerIsFoundByItsOperationWhenNotListedYet() async throws {
        let moto = try MotoDomainsServer(environment: ["LOSE_REGISTER_ANSWERS": "1", "HIDE_DOMAINS": "1"])
        let domain = "lag-\(UUID().uuidString.prefix(6).lowercased()).com"
        let desired = desired(provider: .route53, domain: domain)
        let book = MemoryBook()
        let driver = driver(desired, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book)
        let firstPlan = try await self.plan(driver, desired, domain: domain, provider: "route53")
        let register = try XCTUnwrap(firstPlan.changes.first)
        _ = try? await driver.apply(register, inputs: ChangeInputs())
        XCTAssertEqual(book.history, ["registration:requested"])
        // Not listed by the registrar yet, journaled unfinished: the plan resumes, whatever the price.
        let next = self.driver(desired, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book)
        let resumedPlan = try await self.plan(next, desired, domain: domain, provider: "route53")
        let resume = try XCTUnwrap(resumedPlan.changes.first { $0.kind == .domainRegister })
        XCTAssertEqual(resume.effect, .update)
        _ = try await next.apply(resume, inputs: ChangeInputs())
        XCTAssertEqual(try moto.calls()["RegisterDomain"], 1, "found by ListOperations, not bought again")
        XCTAssertEqual(book.history.count, 3)
        XCTAssertTrue(book.history[1].hasPrefix("registration:submitted:"), "\(book.history)")
        XCTAssertTrue(book.history[2].hasPrefix("registration:registered:"), "\(book.history)")
    }

    func testRoute53StillInProgressPastTheDeadlineIsResumedByItsOperationId() async throws {
        let moto = try MotoDomainsServer(environment: ["IN_PROGRESS_READS": "1000"])
        let domain = "slow-\(UUID().uuidString.prefix(6).lowercased()).com"
        let desired = desired(provider: .route53, domain: domain)
        let book = MemoryBook()
        let driver = driver(desired, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book, deadline: .milliseconds(300))
        let registerPlan = try await self.plan(driver, desired, domain: domain, provider: "route53")

        let register = try XCTUnwrap(registerPlan.changes.first)
        do {
            _ = try await driver.apply(register, inputs: ChangeInputs())
            XCTFail("past the deadline the change fails")
        } catch {
            XCTAssertEqual(driver.classify(error), .transient)
            XCTAssertTrue("\(error)".contains("the next run resumes"), "\(error)")
        }
        let submitted = try XCTUnwrap(book.history.last)
        XCTAssertTrue(submitted.hasPrefix("registration:submitted:"), submitted)
        XCTAssertGreaterThan(try moto.calls()["GetOperationDetail"] ?? 0, 1, "polled more than once")
        _ = try await driver.apply(register, inputs: ChangeInputs())
        XCTAssertEqual(try moto.calls()["RegisterDomain"], 1, "resumed, never registered twice")
    }

    func testRoute53RefusesAPriceAboveTheCapAtApplyTime() async throws {
        let moto = try MotoDomainsServer()
        let domain = "dear-\(UUID().uuidString.prefix(6).lowercased()).com"
        let book = MemoryBook()
        let cheap = desired(provider: .route53, domain: domain)
        let cheapPlan = try await self.plan(driver(cheap, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book),
                                            cheap, domain: domain, provider: "route53")
        let register = try XCTUnwrap(cheapPlan.changes.first)
        // The fleet lowered its cap after the plan was made: the apply asks again and refuses.
        let strict = desired(provider: .route53, domain: domain, cap: 20)
        do {
            _ = try await driver(strict, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book).apply(register, inputs: ChangeInputs())
            XCTFail("bought above the cap")
        } catch {
            XCTAssertTrue("\(error)".contains("outside the fleet's cap of 20.00 USD"), "\(error)")
        }
        XCTAssertEqual(try moto.calls()["RegisterDomain"] ?? 0, 0)
        XCTAssertEqual(book.history, [])
    }

    func testRoute53WithheldWhenTakenOrOverTheCap() async throws {
        let moto = try MotoDomainsServer()
        let book = MemoryBook()
        let taken = desired(provider: .route53, domain: "taken-by-someone.com")
        let plan = try await self.plan(driver(taken, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book), taken,
                                  domain: "taken-by-someone.com", provider: "route53")
        XCTAssertEqual(plan.changes, [])
        XCTAssertTrue(plan.withheld.first?.reason.contains("says UNAVAILABLE") == true, "\(plan.withheld)")
        let dear = desired(provider: .route53, domain: "pricey-name.net", cap: 20)
        let over = try await self.plan(driver(dear, endpoint: moto.endpoint.absoluteString, provider: "route53", book: book), dear,
                                       domain: "pricey-name.net", provider: "route53")
        XCTAssertTrue(over.withheld.first?.reason.contains("quotes 32.00 USD for 2 years, above the fleet's cap of 20.00 USD") == true, "\(over.withheld)")
    }

    // MARK: OVH

    func ovhDesired(_ domain: String) -> DesiredState {
        desired(provider: .ovh, domain: domain, cap: 10, currency: "EUR", years: 1)
    }

    func testOVHOrdersOnceThroughTheCart() async throws {
        let sim = try OVHSimProcess()
        let domain = "maison-lefebvre.fr"
        let desired = ovhDesired(domain)
        let book = MemoryBook()
        let driver = driver(desired, endpoint: sim.apiURL, provider: "ovh", book: book)
        let plan = try await self.plan(driver, desired, domain: domain, provider: "ovh")
        XCTAssertEqual(plan.withheld, [])
        let register = try XCTUnwrap(plan.changes.first)
        XCTAssertEqual(register.target, "\(domain) at OVH, 1 year, 8.39 EUR")
        XCTAssertEqual(plan.changes.map(\.kind), [.domainRegister, .dnsUpsert, .dnsPublish])
        _ = try await driver.apply(register, inputs: ChangeInputs())
        XCTAssertEqual(book.history.map { $0.split(separator: ":").prefix(2).joined(separator: ":") },
                       ["registration:requested", "registration:submitted", "registration:registered"])
        _ = try await driver.apply(register, inputs: ChangeInputs())
        let orders = try XCTUnwrap(try sim.admin("GET", "/orders") as? [[String: Any]])
        XCTAssertEqual(orders.count, 1)
        XCTAssertEqual(orders.first?["status"] as? String, "delivered")
        XCTAssertNotNil(try sim.records(domain), "the zone comes with the order")
        let log = sim.requestLog()
        XCTAssertEqual(log.filter { $0.contains("POST /1.0/order/cart/") && $0.contains("/checkout ") }.count, 1)
        let again = try await self.plan(driver, desired, domain: domain, provider: "ovh")
        XCTAssertEqual(again.changes.filter { $0.kind == .domainRegister }, [])
    }

    func testOVHCheckoutAnswerLostAfterTheOrderIsTakenIsFoundNotOrderedAgain() async throws {
        let sim = try OVHSimProcess()
        try sim.admin("POST", "/orders/fault", #"{"loseCheckoutAnswers": 1}"#)
        try sim.admin("POST", "/orders/deliver-after", #"{"polls": 2}"#)
        let domain = "maison-perdue.fr"
        let desired = ovhDesired(domain)
        let book = MemoryBook()
        let driver = driver(desired, endpoint: sim.apiURL, provider: "ovh", book: book)
        let registerPlan = try await self.plan(driver, desired, domain: domain, provider: "ovh")

        let register = try XCTUnwrap(registerPlan.changes.first)
        do {
            _ = try await driver.apply(register, inputs: ChangeInputs())
            XCTFail("the lost checkout answer should fail the attempt")
        } catch {
            assertNoSecretIn([driver.redact("\(error)")])
        }
        XCTAssertEqual(book.history.count, 1)
        XCTAssertTrue(book.history[0].hasPrefix("registration:requested:cart/"), book.history[0])
        // A new process with the same journal: the plan resumes, the apply finds the order.
        let next = self.driver(desired, endpoint: sim.apiURL, provider: "ovh", book: book)
        let resumed = try await self.plan(next, desired, domain: domain, provider: "ovh")
        let resume = try XCTUnwrap(resumed.changes.first { $0.kind == .domainRegister })
        XCTAssertEqual(resume.effect, .update)
        XCTAssertNotNil(resume.parameters["resume"])
        _ = try await next.apply(resume, inputs: ChangeInputs())
        let orders = try XCTUnwrap(try sim.admin("GET", "/orders") as? [[String: Any]])
        XCTAssertEqual(orders.count, 1, "one order, found again")
        XCTAssertEqual(book.history.last?.hasPrefix("registration:registered:order/"), true, "\(book.history)")
    }

    func testACartNeverCheckedOutIsCheckedOutOnResume() async throws {
        // A crash after the cart was journaled and before the checkout: the same cart is used.
        let sim = try OVHSimProcess()
        let domain = "maison-reprise.fr"
        let desired = ovhDesired(domain)
        let book = MemoryBook()
        let driver = driver(desired, endpoint: sim.apiURL, provider: "ovh", book: book)
        let registrar = try await driver.registrars.registrar("ovh", desired.dns.providers["ovh"])
        let prepared = try await registrar.prepare(domain, years: 1, settings: desired.dns.registration!)
        try book.recordOwnedResource(system: RegistrationAddress.system, address: RegistrationAddress.journal(provider: "ovh", domain: domain),
                                     owner: "maison/production", applied: RegistrationJournalEntry(stage: .requested, reference: prepared.reference).text)
        let registerPlan = try await self.plan(driver, desired, domain: domain, provider: "ovh")

        let register = try XCTUnwrap(registerPlan.changes.first)
        _ = try await driver.apply(register, inputs: ChangeInputs())
        let orders = try XCTUnwrap(try sim.admin("GET", "/orders") as? [[String: Any]])
        XCTAssertEqual(orders.count, 1)
        XCTAssertEqual(orders.first?["cartId"] as? String, prepared.reference.map { String($0.dropFirst("cart/".count)) })
    }

    func testNoJournalNoPurchase() async throws {
        let desired = ovhDesired("maison.fr")
        let driver = DNSDriver(settings: DNSDriverSettings(secrets: secrets(), endpoints: ["ovh": "http://127.0.0.1:9"]), desired: desired)
        let change = Change(address: RegistrationAddress.change(provider: "ovh", domain: "maison.fr"), kind: .domainRegister, effect: .create,
                            tenant: "maison", environment: "maison/production", target: "maison.fr", reasons: [], dependsOn: [],
                            parameters: ["domain": .string("maison.fr")])
        do {
            _ = try await driver.apply(change, inputs: ChangeInputs())
            XCTFail("bought without a journal")
        } catch {
            XCTAssertTrue("\(error)".contains("only with its state store"), "\(error)")
        }
    }
}
