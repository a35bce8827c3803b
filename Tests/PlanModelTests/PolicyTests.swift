import PlanModel
import XCTest

final class PolicyTests: XCTestCase {
    func change(_ name: String, _ environment: String = "acme/production", effect: Effect = .create, kind: String = "test.make",
                after: [Change] = []) -> Change {
        Change(address: ChangeAddress(system: "test", scope: environment, resource: name), kind: ChangeKind(kind), effect: effect,
               tenant: String(environment.split(separator: "/").first!), environment: environment, target: name, reasons: [],
               dependsOn: after.map(\.id))
    }

    /// Past the limit every counted removal is withheld, named with the option; the changes that
    /// followed a withheld one wait for what it waited for, so the order around it holds.
    func testTheRemovalLimitWithholdsAllRemovalsAndKeepsTheOrder() {
        let first = change("first")
        let removeA = change("a", effect: .delete, after: [first])
        let removeB = change("b", effect: .delete, after: [removeA])
        let last = change("last", after: [removeB])
        let own = change("model", effect: .delete, kind: "test.destroy")
        let plan = Plan(changes: [first, removeA, removeB, last, own])
        let limited = RemovalLimit(limit: 1, option: "--max-removals", counts: { $0.kind != ChangeKind("test.destroy") }).apply(to: plan)
        XCTAssertEqual(limited.changes.map(\.target), ["first", "last", "model"])
        XCTAssertEqual(limited.changes[1].dependsOn, [first.id], "last waits for what the withheld removals waited for")
        XCTAssertEqual(limited.withheld.map(\.target), ["a", "b"])
        XCTAssertEqual(Set(limited.withheld.map(\.reason)), ["the plan holds 2 removals, more than --max-removals 1"])
        XCTAssertEqual(RemovalLimit(limit: 2, option: "--max-removals").apply(to: Plan(changes: [removeA, removeB])).changes.count, 2,
                       "at the limit nothing is withheld")
    }

    func testTargetingKeepsTheNamedTenantsAndWhatTheyDependOn() {
        let shared = change("ingress", "platform/production")
        let acme = change("record", "acme/production", after: [shared])
        let bravo = change("record", "bravo/production")
        var plan = Plan(changes: [shared, acme, bravo], skipped: [SkippedEnvironment(environment: "bravo/production", reason: "x")])
        plan.withheld = [WithheldChange(bravo, reason: "prune is off")]
        let targeted = TenantTargeting(tenants: ["acme"]).apply(to: plan)
        XCTAssertEqual(targeted.changes.map(\.id), [shared.id, acme.id])
        XCTAssertEqual(targeted.skipped, [])
        XCTAssertEqual(targeted.withheld, [])
        XCTAssertEqual(TenantTargeting(tenants: nil).apply(to: plan), plan)
    }

    /// Held environments go whole, with whatever depended on them elsewhere.
    func testManualSyncMarksAndHolds() {
        let corp = change("deploy", "corp/production")
        let record = change("record", "acme/production", after: [corp])
        let bravo = change("deploy", "bravo/production")
        let policy = ManualSync(manualEnvironments: ["corp/production", "quiet/production"])
        let marked = policy.apply(to: Plan(changes: [corp, record, bravo]))
        XCTAssertEqual(marked.manualEnvironments, ["corp/production"], "only environments with changes are marked")
        let (unattended, held) = policy.hold(marked)
        XCTAssertEqual(unattended.changes.map(\.id), [bravo.id])
        XCTAssertEqual(held["corp/production"]?.map(\.id), [corp.id])
        XCTAssertEqual(held["acme/production"]?.map(\.id), [record.id], "what needs a held change waits with it")
        XCTAssertEqual(unattended.manualEnvironments, [])
        XCTAssertEqual(policy.hold(marked, except: ["corp/production"]).plan.changes.count, 3, "a person named it: applied")
    }

    func testAChangeIDThatDoesNotMatchItsAddressIsRefused() throws {
        let original = change("deploy")
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(original)) as? [String: Any])
        XCTAssertEqual(object["id"] as? String, "test.make test:acme/production/deploy")
        XCTAssertEqual(try JSONDecoder().decode(Change.self, from: JSONSerialization.data(withJSONObject: object)), original)
        object["id"] = "test.make test:acme/production/other"
        XCTAssertThrowsError(try JSONDecoder().decode(Change.self, from: JSONSerialization.data(withJSONObject: object))) { error in
            XCTAssertTrue("\(error)".contains("does not match its kind and address"), "\(error)")
        }
    }

    /// The scopes a saved plan is checked against: those its changes act in, and those of what
    /// they depend on.
    func testScopesActedOnFollowDependencies() {
        let ingress = Change(address: ChangeAddress(system: "juju", scope: "k8s/acme-production", resource: "application/traefik"),
                             kind: ChangeKind("juju.deploy"), effect: .create, tenant: "acme", environment: "acme/production",
                             target: "traefik", reasons: [], dependsOn: [])
        let record = Change(address: ChangeAddress(system: "dns", scope: "ovh/acme.fr", resource: "A/www"), kind: ChangeKind("dns.upsert"),
                            effect: .create, tenant: "acme", environment: "acme/production", target: "www", reasons: [], dependsOn: [ingress.id])
        XCTAssertEqual(Plan(changes: [ingress, record]).scopesActedOn, ["juju:k8s/acme-production", "dns:ovh/acme.fr"])
        XCTAssertEqual(record.address.description, "dns:ovh/acme.fr/A/www")
        XCTAssertEqual(Plan(changes: [record]).scopesActedOn, ["dns:ovh/acme.fr"], "a dependency outside the plan adds no scope")
    }
}
