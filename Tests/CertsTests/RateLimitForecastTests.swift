import CertsPlanning
import PlanModel
import TenantCore
import XCTest

/// The ACME rate-limit forecast: the journal's recent orders plus the plan's, against the
/// directory's limits; the excess withheld with the limit, the counts and when it frees up.
final class RateLimitForecastTests: XCTestCase {
    typealias P = CertsPlannerTests
    static let directory = "https://acme.test/dir"
    static let week = 7 * 86_400

    static func settings(_ limits: ACMERateLimits?, directory: String = directory) -> DesiredCertificates {
        DesiredCertificates(directory: directory, email: "ops@acme.test", rateLimits: limits)
    }

    static func order(_ names: [String], ago: Int, renewal: Bool = false, issued: Bool? = true, directory: String = directory) -> CertificateOrder {
        CertificateOrder(directory: directory, names: names, renewal: renewal, issued: issued, orderedAt: P.now - ago)
    }

    static func plan(hosts: [String], limits: ACMERateLimits?, history: [CertificateOrder], lineages: [String: LineageObservation] = [:],
                     directory: String = directory) -> SystemPlan {
        let desired = P.desired(hosts.map { P.domain($0) }, certificates: settings(limits, directory: directory))
        let world = ObservedWorld(systems: [CertsPlanner.systemName: CertsObservation(lineages: lineages, observedAt: P.now, history: history)])
        return CertsPlanner().plan(SystemPlanInput(desired: desired, observed: world, options: PlanOptions()))
    }

    func testLetsEncryptDirectoriesGetItsLimitsAndOthersNone() {
        XCTAssertEqual(Self.settings(nil, directory: "https://acme-v02.api.letsencrypt.org/directory").rateLimits, .letsEncrypt)
        XCTAssertEqual(Self.settings(nil, directory: "https://acme-staging-v02.api.letsencrypt.org/directory").rateLimits, .letsEncrypt)
        XCTAssertEqual(Self.settings(nil, directory: "https://localhost:14000/dir").rateLimits, ACMERateLimits.none)
        XCTAssertEqual(ACMERateLimits.letsEncrypt.certificatesPerRegisteredDomain, ACMERateLimit(count: 50, window: Self.week))
        XCTAssertEqual(ACMERateLimits.letsEncrypt.duplicateCertificates, ACMERateLimit(count: 5, window: Self.week))
        XCTAssertEqual(ACMERateLimits.letsEncrypt.newOrders, ACMERateLimit(count: 300, window: 3 * 3600))
        let configured = ACMERateLimits(newOrders: ACMERateLimit(count: 1, window: 60))
        XCTAssertEqual(Self.settings(configured, directory: "https://acme-v02.api.letsencrypt.org/directory").rateLimits, configured, "tenantctl.yaml wins")
    }

    func testRegisteredDomains() {
        let table: [(String, String)] = [
            ("shop.acme.test", "acme.test"), ("*.shop.acme.test", "acme.test"), ("www.shop.example.co.uk", "example.co.uk"),
            ("example.co.uk", "example.co.uk"), ("a.b.c.example.fr", "example.fr"), ("Boutique.Maison.FR", "maison.fr"), ("example.fr", "example.fr"),
            ("mairie.ville.gouv.fr", "ville.gouv.fr"), ("localhost", "localhost"),
        ]
        for (name, expected) in table { XCTAssertEqual(RegisteredDomain.of(name), expected, name) }
    }

    /// Each row: limits, history, hosts planned (all new), and the hosts expected withheld.
    func testTheExcessOfEachLimitIsWithheld() {
        let perDomain = ACMERateLimits(certificatesPerRegisteredDomain: ACMERateLimit(count: 3, window: Self.week))
        struct Row {
            var name: String
            var limits: ACMERateLimits?
            var history: [CertificateOrder]
            var hosts: [String]
            var withheld: [String]
        }
        let rows: [Row] = [
            Row(name: "no limits for an unknown CA", limits: nil, history: (0..<60).map { Self.order(["h\($0).acme.test"], ago: 60) },
                hosts: ["a.acme.test", "b.acme.test"], withheld: []),
            Row(name: "room for all", limits: perDomain, history: [Self.order(["old.acme.test"], ago: 3600)],
                hosts: ["a.acme.test", "b.acme.test"], withheld: []),
            Row(name: "the plan's third goes over", limits: perDomain, history: [Self.order(["old.acme.test"], ago: 3600)],
                hosts: ["a.acme.test", "b.acme.test", "c.acme.test"], withheld: ["c.acme.test"]),
            Row(name: "orders older than the window do not count", limits: perDomain,
                history: (0..<5).map { Self.order(["old\($0).acme.test"], ago: Self.week + 10) }, hosts: ["a.acme.test", "b.acme.test", "c.acme.test"], withheld: []),
            Row(name: "failed orders issued nothing", limits: perDomain,
                history: (0..<5).map { Self.order(["f\($0).acme.test"], ago: 60, issued: false) }, hosts: ["a.acme.test"], withheld: []),
            Row(name: "an order cut short counts as issued", limits: perDomain,
                history: (0..<3).map { Self.order(["f\($0).acme.test"], ago: 60, issued: nil) }, hosts: ["a.acme.test"], withheld: ["a.acme.test"]),
            Row(name: "renewals are exempt from the per-domain limit", limits: perDomain,
                history: (0..<5).map { Self.order(["r\($0).acme.test"], ago: 60, renewal: true) }, hosts: ["a.acme.test"], withheld: []),
            Row(name: "another directory's orders do not count", limits: perDomain,
                history: (0..<5).map { Self.order(["o\($0).acme.test"], ago: 60, directory: "https://other.test/dir") }, hosts: ["a.acme.test"], withheld: []),
            Row(name: "another registered domain has its own count", limits: perDomain,
                history: (0..<3).map { Self.order(["o\($0).other.test"], ago: 60) }, hosts: ["a.acme.test"], withheld: []),
            Row(name: "new orders count failures too", limits: ACMERateLimits(newOrders: ACMERateLimit(count: 2, window: 3 * 3600)),
                history: [Self.order(["x.acme.test"], ago: 60, issued: false)], hosts: ["a.acme.test", "b.acme.test"], withheld: ["b.acme.test"]),
            Row(name: "duplicates: the same names again", limits: ACMERateLimits(duplicateCertificates: ACMERateLimit(count: 2, window: Self.week)),
                history: [Self.order(["a.acme.test"], ago: 60), Self.order(["a.acme.test"], ago: 30, renewal: true), Self.order(["b.acme.test"], ago: 30)],
                hosts: ["a.acme.test", "b.acme.test"], withheld: ["a.acme.test"]),
        ]
        for row in rows {
            let plan = Self.plan(hosts: row.hosts, limits: row.limits, history: row.history)
            let withheld = plan.withheld.map { $0.target.components(separatedBy: " ").first ?? "" }
            XCTAssertEqual(withheld, row.withheld, row.name)
            XCTAssertEqual(plan.changes.count, row.hosts.count - row.withheld.count, row.name)
            XCTAssertTrue(plan.withheld.allSatisfy { $0.cause == .rateLimited }, row.name)
            XCTAssertEqual(plan.notes.isEmpty, row.withheld.isEmpty, "\(row.name): \(plan.notes)")
        }
    }

    func testTheNoteAndReasonNameTheLimitTheCountsAndWhenItFreesUp() {
        let limits = ACMERateLimits(certificatesPerRegisteredDomain: ACMERateLimit(count: 2, window: Self.week))
        // 1 used (a day ago): a takes the last place, b and c are withheld.
        let plan = Self.plan(hosts: ["a.acme.test", "b.acme.test", "c.acme.test"], limits: limits,
                             history: [Self.order(["old.acme.test"], ago: 86_400)])
        XCTAssertEqual(plan.changes.map(\.id), ["cert.issue cert:acme/production/a.acme.test"])
        XCTAssertEqual(plan.withheld.map(\.kind), [.certIssue, .certIssue])
        let frees = UTCDate.text(P.now - 86_400 + Self.week)
        XCTAssertEqual(plan.withheld[0].reason,
                       "ACME rate limit certificates per registered domain acme.test (2 per 7 days): 1 used in the window, 1 planned before this one; a place frees up at \(frees); withheld until then")
        XCTAssertEqual(plan.notes.map(\.text), [
            "ACME rate limit certificates per registered domain acme.test (2 per 7 days) at \(Self.directory): 1 used in the window, 1 planned; 2 more order(s) withheld; a place frees up at \(frees)",
        ])
        XCTAssertEqual(WithheldCounts(plan.withheld).phrase, "2 rate-limited change(s)")
    }

    /// A renewal over the duplicate limit is withheld; the current certificate stays (and is
    /// still delivered where it has to be).
    func testARenewalCountsAsADuplicate() {
        let lineage = "acme_production_shop.acme.test"
        let due = LineageObservation.present(P.facts(["shop.acme.test"], from: P.now - 80 * P.day))
        let limits = ACMERateLimits(duplicateCertificates: ACMERateLimit(count: 1, window: Self.week))
        let held = Self.plan(hosts: ["shop.acme.test"], limits: limits, history: [Self.order(["shop.acme.test"], ago: 3600)], lineages: [lineage: due])
        XCTAssertEqual(held.changes, [])
        XCTAssertEqual(held.withheld.map(\.kind), [.certRenew])
        XCTAssertTrue(held.withheld[0].reason.contains("duplicate certificates for shop.acme.test (1 per 7 days)"), held.withheld[0].reason)
        let free = Self.plan(hosts: ["shop.acme.test"], limits: limits, history: [Self.order(["shop.acme.test"], ago: Self.week + 1)], lineages: [lineage: due])
        XCTAssertEqual(free.changes.map(\.kind), [.certRenew])
        // New orders and per-domain limits do not hold a renewal back.
        let others = ACMERateLimits(certificatesPerRegisteredDomain: ACMERateLimit(count: 1, window: Self.week), newOrders: ACMERateLimit(count: 1, window: 3600))
        let exempt = Self.plan(hosts: ["shop.acme.test"], limits: others, history: [Self.order(["other.acme.test"], ago: 60)], lineages: [lineage: due])
        XCTAssertEqual(exempt.changes.map(\.kind), [.certRenew])
    }

    func testAJournalThatCouldNotBeReadIsSaid() {
        let desired = P.desired([P.domain("shop.acme.test")], certificates: Self.settings(.letsEncrypt))
        let world = ObservedWorld(systems: [CertsPlanner.systemName: CertsObservation(lineages: [:], observedAt: P.now, historyProblem: "database locked")])
        let plan = CertsPlanner().plan(SystemPlanInput(desired: desired, observed: world, options: PlanOptions()))
        XCTAssertEqual(plan.changes.count, 1)
        XCTAssertTrue(plan.notes.contains { $0.text.contains("forecast from this plan alone") && $0.text.contains("database locked") }, "\(plan.notes)")
    }

    func testWindowsAsTenantctlYamlWritesThem() {
        XCTAssertEqual(ACMERateLimitWindow.seconds("7d"), Self.week)
        XCTAssertEqual(ACMERateLimitWindow.seconds("3h"), 10_800)
        XCTAssertEqual(ACMERateLimitWindow.seconds("30m"), 1800)
        XCTAssertEqual(ACMERateLimitWindow.seconds("20s"), 20)
        for bad in ["", "7", "d", "0d", "-1d", "400d", "7w", "1.5h", "99999999999999999999s"] { XCTAssertNil(ACMERateLimitWindow.seconds(bad), bad) }
        XCTAssertEqual(ACMERateLimit(count: 300, window: 10_800).description, "300 per 3 hours")
    }
}
