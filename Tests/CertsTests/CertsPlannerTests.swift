import CertsPlanning
import DNSPlanning
import PlanModel
import TenantCore
import XCTest

/// The certificate planner on hand-made observations: which lineage needs what, and why.
final class CertsPlannerTests: XCTestCase {
    static let day = 86_400
    static let now = 1_800_000_000

    static func environment(_ id: String, domains: [DesiredDomain]) -> DesiredEnvironment {
        let parts = id.split(separator: "/").map(String.init)
        return DesiredEnvironment(id: id, tenant: parts[0], environment: parts[1], offer: "pme", controller: "k8s", controllerKind: .k8s,
                                  cloud: "microk8s", model: "\(parts[0])-\(parts[1])", sharedModel: false, bundle: "shop", ha: false,
                                  policy: .default, applications: [], machines: [], bundleMachines: [:], relations: [], saas: [:],
                                  domains: domains, secrets: [], labels: [:])
    }

    static func domain(_ host: String, zone: String = "acme.test", provider: String = "bind", tls: Bool = true, wildcard: Bool = false) -> DesiredDomain {
        DesiredDomain(host: host, zone: zone, provider: provider, providerType: .rfc2136, record: .a, target: .address("192.0.2.1"),
                      tls: tls, register: false, tlsWildcard: wildcard)
    }

    static func desired(_ domains: [DesiredDomain], certificates: DesiredCertificates? = DesiredCertificates(directory: "https://acme.test/dir", email: "ops@acme.test")) -> DesiredState {
        DesiredState(environments: [environment("acme/production", domains: domains)],
                     dns: DesiredDNS(ownerId: "t", zones: [DesiredZone(zone: "acme.test", provider: "bind", providerType: .rfc2136, wildcard: false)],
                                     providers: ["bind": DesiredDNSProvider(kind: .rfc2136, settings: ["server": "127.0.0.1:53", "tsigKeyName": "k"],
                                                                            credentials: ["tsigSecret": "vault:dns#tsig"])]),
                     certificates: certificates)
    }

    static func facts(_ names: [String], from notBefore: Int = now - 10 * day, lifetime: Int = 90 * day, directory: String? = "https://acme.test/dir") -> CertificateFacts {
        CertificateFacts(names: names, notBefore: notBefore, notAfter: notBefore + lifetime, issuer: "CN=Pebble Intermediate", keyType: "ECDSA P-256",
                         serial: "01:02", directory: directory)
    }

    static func plan(_ desired: DesiredState, _ lineages: [String: LineageObservation], upstream: [Change] = [], dns: DNSObservation? = nil) -> SystemPlan {
        var world = ObservedWorld(systems: [CertsPlanner.systemName: CertsObservation(lineages: lineages, observedAt: now)])
        if let dns { world.systems[DNSAddress.system] = dns }
        return CertsPlanner().plan(SystemPlanInput(desired: desired, observed: world, options: PlanOptions(), upstream: upstream))
    }

    let lineage = "acme_production_shop.acme.test"

    func testAMissingLineageIsIssuedWithItsNamesAndNoKeyMaterial() {
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test", wildcard: true)]), [lineage: .missing])
        XCTAssertEqual(plan.changes.map(\.id), ["cert.issue cert:acme/production/shop.acme.test"])
        let change = plan.changes[0]
        XCTAssertEqual(change.effect, .create)
        XCTAssertEqual(change.parameters["names"], .strings(["shop.acme.test", "*.shop.acme.test"]))
        XCTAssertEqual(change.parameters["lineage"], .string(lineage))
        XCTAssertEqual(change.reasons, [Reason(field: "names", desired: "*.shop.acme.test, shop.acme.test", observed: nil)])
    }

    func testNoCertificatesSettingsPlansNothing() {
        XCTAssertEqual(Self.plan(Self.desired([Self.domain("shop.acme.test")], certificates: nil), [:]), SystemPlan())
    }

    func testTLSFalseAsksForNoCertificate() {
        XCTAssertEqual(Self.plan(Self.desired([Self.domain("shop.acme.test", tls: false)]), [:]).changes, [])
    }

    func testAFreshCertificateWithTheSameNamesIsLeftAlone() {
        XCTAssertEqual(Self.plan(Self.desired([Self.domain("shop.acme.test")]), [lineage: .present(Self.facts(["shop.acme.test"]))]), SystemPlan())
    }

    func testChangedNamesAreReissued() {
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test", wildcard: true)]), [lineage: .present(Self.facts(["shop.acme.test"]))])
        XCTAssertEqual(plan.changes.map(\.kind), [.certIssue])
        XCTAssertEqual(plan.changes.first?.effect, .update)
        XCTAssertEqual(plan.changes.first?.reasons.first?.observed, "shop.acme.test")
    }

    func testAnotherDirectoryIsReissued() {
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test")]),
                             [lineage: .present(Self.facts(["shop.acme.test"], directory: "https://staging.test/dir"))])
        XCTAssertEqual(plan.changes.map(\.kind), [.certIssue])
        XCTAssertEqual(plan.changes.first?.reasons.map(\.field), ["directory"])
    }

    func testRenewalStartsInTheLastThirdOfTheLifetime() {
        let desired = Self.desired([Self.domain("shop.acme.test")])
        // 90 days, 61 used: 29 left, under a third (30 days).
        let due = Self.plan(desired, [lineage: .present(Self.facts(["shop.acme.test"], from: Self.now - 61 * Self.day))])
        XCTAssertEqual(due.changes.map(\.kind), [.certRenew])
        XCTAssertEqual(due.changes.first?.reasons.first?.field, "not_after")
        XCTAssertTrue(due.changes.first?.reasons.first?.observed?.contains("29 days left of 90 days") ?? false, "\(due.changes)")
        let notYet = Self.plan(desired, [lineage: .present(Self.facts(["shop.acme.test"], from: Self.now - 59 * Self.day))])
        XCTAssertEqual(notYet.changes, [])
    }

    func testRenewBeforeInDaysAndAsAFraction() {
        var settings = DesiredCertificates(directory: "https://acme.test/dir", email: "ops@acme.test", renewBefore: .days(45))
        let facts = LineageObservation.present(Self.facts(["shop.acme.test"], from: Self.now - 50 * Self.day))
        XCTAssertEqual(Self.plan(Self.desired([Self.domain("shop.acme.test")], certificates: settings), [lineage: facts]).changes.map(\.kind), [.certRenew])
        settings.renewBefore = .fraction(0.25)
        XCTAssertEqual(Self.plan(Self.desired([Self.domain("shop.acme.test")], certificates: settings), [lineage: facts]).changes, [])
    }

    func testAnExpiredCertificateIsRenewedAndSaysSo() {
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test")]), [lineage: .present(Self.facts(["shop.acme.test"], from: Self.now - 100 * Self.day))])
        XCTAssertEqual(plan.changes.first?.reasons.first?.observed?.hasSuffix("(expired)"), true)
    }

    func testAnUnreadableLineageIsWithheldWithTheReason() {
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test")]), [lineage: .failed("cert.pem is not a PEM certificate")])
        XCTAssertEqual(plan.changes, [])
        XCTAssertTrue(plan.withheld.first?.reason.contains("cert.pem is not a PEM certificate") ?? false)
    }

    func testPreflightWithholdsANameWhoseZoneNoProviderHosts() {
        let plan = Self.plan(Self.desired([Self.domain("shop.other.test", zone: "other.test", provider: "ovh")]), [:])
        XCTAssertEqual(plan.changes, [])
        XCTAssertEqual(plan.withheld.map(\.kind), [.certIssue])
        XCTAssertTrue(plan.withheld[0].reason.hasPrefix("preflight: "), plan.withheld[0].reason)
        XCTAssertTrue(plan.withheld[0].reason.contains("'ovh'"), plan.withheld[0].reason)
    }

    func testPreflightWithholdsANameWhoseZoneDNSFoundMissing() {
        let dns = DNSObservation([ZoneObservation(zone: "acme.test", provider: "bind", state: .missing)])
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test")]), [lineage: .missing], dns: dns)
        XCTAssertEqual(plan.changes, [])
        XCTAssertTrue(plan.withheld.first?.reason.contains("does not exist at bind") ?? false)
    }

    func testTheCertificateWaitsForTheDNSChangesOfItsNames() {
        let record = Change(address: DNSAddress.record(provider: "bind", zone: "acme.test", type: "A", name: "shop.acme.test"), kind: .dnsUpsert,
                            effect: .create, tenant: "acme", environment: "acme/production", target: "shop", reasons: [], dependsOn: [],
                            parameters: ["name": .string("shop.acme.test")])
        let other = Change(address: DNSAddress.record(provider: "bind", zone: "acme.test", type: "A", name: "www.acme.test"), kind: .dnsUpsert,
                           effect: .create, tenant: "acme", environment: "acme/production", target: "www", reasons: [], dependsOn: [],
                           parameters: ["name": .string("www.acme.test")])
        let publish = Change(address: DNSAddress.publish(provider: "bind", zone: "acme.test", environment: "acme/production"), kind: .dnsPublish,
                             effect: .update, tenant: "acme", environment: "acme/production", target: "acme.test", reasons: [], dependsOn: [])
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test")]), [lineage: .missing], upstream: [record, other, publish])
        XCTAssertEqual(plan.changes.first?.dependsOn, [record.id, publish.id])
    }

    static func shopDomain() -> DesiredDomain {
        DesiredDomain(host: "shop.acme.test", zone: "acme.test", provider: "bind", providerType: .rfc2136, record: .applicationAddress,
                      target: .application("shop"), tls: true, register: false)
    }

    static func plan(_ lineages: [String: LineageObservation], deliveries: [String: DeliveryObservation], upstream: [Change] = []) -> SystemPlan {
        let world = ObservedWorld(systems: [CertsPlanner.systemName: CertsObservation(lineages: lineages, deliveries: deliveries, observedAt: now)])
        return CertsPlanner().plan(SystemPlanInput(desired: desired([shopDomain()]), observed: world, options: PlanOptions(), upstream: upstream))
    }

    func testANewCertificateIsDeliveredToItsApplicationAfterItsIssueAndTheDeploy() {
        let deploy = Change(address: ChangeAddress(system: "juju", scope: "k8s/acme-production", resource: "bundle"), kind: ChangeKind("juju.deploy"),
                            effect: .create, tenant: "acme", environment: "acme/production", target: "bundle", reasons: [], dependsOn: [])
        let plan = Self.plan([lineage: .missing], deliveries: [lineage: .unknown("model not found")], upstream: [deploy])
        XCTAssertEqual(plan.changes.map(\.id), ["cert.issue cert:acme/production/shop.acme.test", "cert.deliver cert:acme/production/shop.acme.test/delivery"])
        XCTAssertEqual(plan.changes[1].dependsOn, [plan.changes[0].id, deploy.id])
        XCTAssertEqual(plan.changes[1].parameters["secret"], .string("tls-shop-acme-test"))
        XCTAssertEqual(plan.changes[1].parameters["application"], .string("shop"))
        XCTAssertEqual(plan.changes[1].parameters["model"], .string("k8s:acme-production"))
    }

    func testTheCurrentCertificateInJujuNeedsNothing() {
        let facts = Self.facts(["shop.acme.test"])
        let plan = Self.plan([lineage: .present(facts)], deliveries: [lineage: .delivered(info: DeliveryInfo.text(lineage: lineage, facts: facts))])
        XCTAssertEqual(plan, SystemPlan())
    }

    func testAnOlderCertificateInJujuIsDeliveredAgain() {
        let facts = Self.facts(["shop.acme.test"])
        var older = facts
        older.serial = "00:01"
        let plan = Self.plan([lineage: .present(facts)], deliveries: [lineage: .delivered(info: DeliveryInfo.text(lineage: lineage, facts: older))])
        XCTAssertEqual(plan.changes.map(\.kind), [.certDeliver])
        XCTAssertEqual(plan.changes.first?.effect, .update)
        XCTAssertEqual(plan.changes.first?.dependsOn, [])
        let absent = Self.plan([lineage: .present(facts)], deliveries: [lineage: .absent])
        XCTAssertEqual(absent.changes.first?.effect, .create)
    }

    func testADomainOnAnAddressGetsNoDelivery() {
        let plan = Self.plan(Self.desired([Self.domain("shop.acme.test")]), [lineage: .missing])
        XCTAssertEqual(plan.changes.map(\.kind), [.certIssue])
    }

    static func zone(caa: [String]) -> DNSObservation {
        DNSObservation([ZoneObservation(zone: "acme.test", provider: "bind", state: .observed([
            DNSRecordSet(name: "acme.test", type: "CAA", ttl: 300, values: caa),
        ]))])
    }

    func testCAARecordsThatDoNotNameTheCAWithholdTheCertificate() {
        var settings = DesiredCertificates(directory: "https://acme-v02.api.letsencrypt.org/directory", email: "ops@acme.test")
        let desired = { Self.desired([Self.domain("shop.acme.test")], certificates: settings) }
        let refused = Self.plan(desired(), [lineage: .missing], dns: Self.zone(caa: ["0 issue \"sectigo.com\""]))
        XCTAssertEqual(refused.changes, [])
        XCTAssertTrue(refused.withheld.first?.reason.contains("allow only sectigo.com, not letsencrypt.org") ?? false, "\(refused.withheld)")
        let allowed = Self.plan(desired(), [lineage: .missing], dns: Self.zone(caa: ["0 issue \"letsencrypt.org; validationmethods=dns-01\""]))
        XCTAssertEqual(allowed.changes.map(\.kind), [.certIssue])
        settings.directory = "https://ca.example/dir"
        let unknown = Self.plan(desired(), [lineage: .missing], dns: Self.zone(caa: ["0 issue \"letsencrypt.org\""]))
        XCTAssertTrue(unknown.withheld.first?.reason.contains("set spec.certificates.caaIdentities") ?? false, "\(unknown.withheld)")
        settings.caaIdentities = ["ca.example"]
        let wildcardOnly = Self.plan(Self.desired([Self.domain("shop.acme.test", wildcard: true)], certificates: settings), [lineage: .missing],
                                     dns: Self.zone(caa: ["0 issue \"ca.example\"", "0 issuewild \";\""]))
        XCTAssertTrue(wildcardOnly.withheld.first?.reason.contains("allow only no CA") ?? false, "\(wildcardOnly.withheld)")
    }

    func testDatesPrintWithoutAClock() {
        XCTAssertEqual(UTCDate.text(0), "1970-01-01 00:00 UTC")
        XCTAssertEqual(UTCDate.text(1_800_000_000), "2027-01-15 08:00 UTC")
        XCTAssertEqual(UTCDate.text(951_825_600), "2000-02-29 12:00 UTC")
        XCTAssertEqual(UTCDate.span(29 * 86_400 + 5), "29 days")
        XCTAssertEqual(UTCDate.span(3 * 3600), "3 hours")
    }

    func testSpansAsThePlanPrintsThem() {
        XCTAssertEqual(UTCDate.span(90 * Self.day), "90 days")
        XCTAssertEqual(UTCDate.span(5 * 3600), "5 hours")
        XCTAssertEqual(UTCDate.span(40 * 60), "40 minutes")
        XCTAssertEqual(UTCDate.span(90), "90 seconds", "a test CA's short-lived certificate")
        XCTAssertEqual(UTCDate.span(-5), "0 seconds")
    }
}
