import PlanModel
import XCTest

/// The prune policy alone and in the chain's order (targeting → prune → removal limits →
/// manual sync), one row per situation.
final class PrunePolicyTests: XCTestCase {
    func change(_ name: String, _ environment: String, effect: Effect = .create, kind: String = "test.make",
                after: [Change] = []) -> Change {
        Change(address: ChangeAddress(system: "test", scope: environment, resource: name), kind: ChangeKind(kind), effect: effect,
               tenant: environment.contains("@") ? nil : String(environment.split(separator: "/").first!), environment: environment,
               target: name, reasons: [], dependsOn: after.map(\.id))
    }

    func prune(_ settings: [String: Bool], fleet: Bool = false) -> Prune {
        let environments = Dictionary(uniqueKeysWithValues: settings.map { id, prune in
            (id, Prune.Setting(prune: prune, tenant: id.contains("@") ? nil : String(id.split(separator: "/").first!)))
        })
        return Prune(environments: environments, fleetDefault: fleet, describe: { "\($0.target) is gone" })
    }

    struct Row {
        var name: String
        var settings: [String: Bool]
        var fleet = false
        /// (environment, target) of removals planned; every other change is a creation.
        var removals: [(String, String)]
        var kept: [String]
        var withheld: [String]
    }

    func testRemovalsAreWithheldExactlyWherePruneIsOff() {
        let rows = [
            Row(name: "prune on: planned", settings: ["acme/production": true], removals: [("acme/production", "legacy")],
                kept: ["legacy"], withheld: []),
            Row(name: "prune off: withheld", settings: ["acme/production": false], removals: [("acme/production", "legacy")],
                kept: [], withheld: ["legacy"]),
            Row(name: "per tenant", settings: ["acme/production": true, "bravo/production": false],
                removals: [("acme/production", "a"), ("bravo/production", "b")], kept: ["a"], withheld: ["b"]),
            Row(name: "per environment of one tenant", settings: ["acme/staging": true, "acme/production": false],
                removals: [("acme/staging", "s"), ("acme/production", "p")], kept: ["s"], withheld: ["p"]),
            Row(name: "gone from git, fleet prunes", settings: [:], fleet: true, removals: [("gone/production", "model")],
                kept: ["model"], withheld: []),
            Row(name: "gone from git, fleet does not prune", settings: [:], fleet: false, removals: [("gone/production", "model")],
                kept: [], withheld: ["model"]),
            Row(name: "in git the environment's own setting wins over the fleet's", settings: ["acme/production": false], fleet: true,
                removals: [("acme/production", "x")], kept: [], withheld: ["x"]),
        ]
        for row in rows {
            let plan = Plan(changes: row.removals.map { change($0.1, $0.0, effect: .delete) } + [change("new", "acme/production")])
            let result = prune(row.settings, fleet: row.fleet).apply(to: plan)
            XCTAssertEqual(result.changes.filter { $0.effect == .delete }.map(\.target), row.kept, row.name)
            XCTAssertEqual(result.withheld.map(\.target), row.withheld, row.name)
            XCTAssertTrue(result.changes.contains { $0.target == "new" }, "\(row.name): what is not a removal is never withheld")
        }
    }

    /// The reason says what the removal is, then which setting to change.
    func testTheReasonNamesTheSettingToChange() {
        let plan = Plan(changes: [change("a", "acme/production", effect: .delete), change("m", "gone/production", effect: .delete),
                                  change("s", "mutualise@shared/production", effect: .delete)])
        let policy = Prune(environments: ["acme/production": .init(prune: false, tenant: "acme"),
                                          "mutualise@shared/production": .init(prune: false, tenant: nil)],
                           fleetDefault: false, describe: { "\($0.target) is gone" })
        XCTAssertEqual(policy.apply(to: plan).withheld.map(\.reason), [
            "a is gone; prune is off (set policy.prune: true in tenant acme, or defaults.policy.prune: true in tenantctl.yaml for tenants that set none)",
            "m is gone; prune is off in the fleet defaults (set defaults.policy.prune: true in tenantctl.yaml)",
            "s is gone; prune is off (a shared offer's model follows the fleet defaults: set defaults.policy.prune: true in tenantctl.yaml)",
        ])
    }

    /// A withheld removal leaves the order around it: what followed it waits for what it waited
    /// for, and gains no dependency it already had through another.
    func testWithholdingKeepsTheOrderWithoutRedundantEdges() {
        let deploy = change("deploy", "acme/production")
        let config = change("config", "acme/production", effect: .update, after: [deploy])
        let remove = change("remove", "acme/production", effect: .delete, after: [deploy, config])
        let expose = change("expose", "acme/production", effect: .update, after: [deploy, remove])
        let wait = change("wait", "acme/production", effect: .wait, after: [config, remove, expose])
        let result = prune(["acme/production": false]).apply(to: Plan(changes: [deploy, config, remove, expose, wait]))
        XCTAssertEqual(result.changes.map(\.target), ["deploy", "config", "expose", "wait"])
        XCTAssertEqual(result.changes[2].dependsOn, [deploy.id, config.id], "expose still runs after config, as it did after the removal")
        XCTAssertEqual(result.changes[3].dependsOn, [config.id, expose.id], "deploy is reached through config: not added")
    }

    /// The chain as PlanComposer runs it.
    func chain(tenants: Set<String>?, prune settings: [String: Bool], maxRemovals: Int) -> [any PlanPolicy] {
        [TenantTargeting(tenants: tenants), prune(settings), RemovalLimit(limit: maxRemovals, option: "--max-removals"),
         ManualSync(manualEnvironments: [])]
    }

    struct ChainRow {
        var name: String
        var tenants: Set<String>?
        var settings: [String: Bool]
        var limit: Int
        var kept: [String]
        var withheld: [String: String]
    }

    /// Prune runs before the limit: removals prune holds back do not count against it; targeting
    /// runs first: only the named tenants' removals count, and only theirs are reported.
    func testOrderOfTheChain() {
        // acme: 2 removals, bravo: 3 removals.
        let plan = Plan(changes: ["a1", "a2"].map { change($0, "acme/production", effect: .delete) }
                        + ["b1", "b2", "b3"].map { change($0, "bravo/production", effect: .delete) })
        let rows = [
            ChainRow(name: "both prune, 5 > 4: all withheld by the limit", tenants: nil,
                     settings: ["acme/production": true, "bravo/production": true], limit: 4, kept: [],
                     withheld: ["a1": "limit", "a2": "limit", "b1": "limit", "b2": "limit", "b3": "limit"]),
            ChainRow(name: "bravo does not prune: its removals do not use up acme's limit", tenants: nil,
                     settings: ["acme/production": true, "bravo/production": false], limit: 2, kept: ["a1", "a2"],
                     withheld: ["b1": "prune", "b2": "prune", "b3": "prune"]),
            ChainRow(name: "prune off and over the limit: prune is the reason given", tenants: nil,
                     settings: ["acme/production": false, "bravo/production": false], limit: 0, kept: [],
                     withheld: ["a1": "prune", "a2": "prune", "b1": "prune", "b2": "prune", "b3": "prune"]),
            ChainRow(name: "targeting acme: bravo's removals neither count nor show", tenants: ["acme"],
                     settings: ["acme/production": true, "bravo/production": true], limit: 2, kept: ["a1", "a2"], withheld: [:]),
            ChainRow(name: "targeting bravo over its limit", tenants: ["bravo"],
                     settings: ["acme/production": true, "bravo/production": true], limit: 2, kept: [],
                     withheld: ["b1": "limit", "b2": "limit", "b3": "limit"]),
        ]
        for row in rows {
            let result = chain(tenants: row.tenants, prune: row.settings, maxRemovals: row.limit).apply(to: plan)
            XCTAssertEqual(result.changes.map(\.target), row.kept, row.name)
            let reasons = Dictionary(uniqueKeysWithValues: result.withheld.map {
                ($0.target, $0.reason.contains("prune is off") ? "prune" : $0.reason.contains("--max-removals") ? "limit" : $0.reason)
            })
            XCTAssertEqual(reasons, row.withheld, row.name)
        }
    }
}
