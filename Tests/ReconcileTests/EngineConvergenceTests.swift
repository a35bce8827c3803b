import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import XCTest

/// The engine against the real juju-sim binary: observe → plan → apply, then planning again
/// must give an empty plan, and applying that changes nothing.
final class EngineConvergenceTests: XCTestCase {
    typealias E = Environments

    func reconcile(_ desired: DesiredState, juju: JujuCLI, journal: MemoryJournal, secrets: any SecretSource = FixedSecrets(),
                   retry: RetryPolicy = RetryPolicy(attempts: 1)) async -> (plan: Plan, report: ApplyReport) {
        let observer = Observer(juju: juju, parallelism: 4, journal: journal)
        let observed = await observer.observe(desired, controllers: ["k8s", "cloud"])
        let plan = JujuPlan.plan(desired: desired, observed: observed, options: PlanOptions(owned: JujuPlan.owned(models: (try? journal.managedModels()) ?? [:])))
        let executor = JujuExecutor(juju: juju, desired: desired, journal: journal, secrets: secrets,
                                    gate: HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100)))
        let report = await ChangeWalker(jujuExecutor: executor, journal: journal, parallelism: 4, retry: retry) { _ in }.apply(plan, run: 1)
        return (plan, report)
    }

    func replan(_ desired: DesiredState, juju: JujuCLI, journal: MemoryJournal) async -> Plan {
        let observed = await Observer(juju: juju, parallelism: 4, journal: journal).observe(desired, controllers: ["k8s", "cloud"])
        return JujuPlan.plan(desired: desired, observed: observed, options: PlanOptions(owned: JujuPlan.owned(models: (try? journal.managedModels()) ?? [:])))
    }

    func testRandomDesiredStatesConvergeOnJujuSim() async throws {
        let sim = try SimulatedJuju()
        let juju = sim.cli()
        let journal = MemoryJournal()
        var random = Generator(seed: 42)
        for round in 0..<6 {
            let desired = DesiredState(environments: [
                random.environment("alpha/production", kind: .k8s),
                random.environment("beta/production", kind: .iaas),
            ])
            let (plan, report) = await reconcile(desired, juju: juju, journal: journal)
            XCTAssertTrue(report.succeeded, "round \(round): \(report.environments.compactMap { $0.failed.map { "\($0.action): \($0.error)" } })")
            let again = await replan(desired, juju: juju, journal: journal)
            XCTAssertEqual(again.changes.map(\.id), [], "round \(round): not converged after \(plan.changes.map(\.id))")
            // The planner could agree with itself and still be wrong: read Juju directly.
            for environment in desired.environments {
                XCTAssertModel(try sim.view("\(environment.controller):\(environment.model)"), matches: environment)
            }
            // Applying the empty plan changes nothing in Juju.
            let before = try sim.census("cloud:beta-production")
            let second = await reconcile(desired, juju: juju, journal: journal)
            XCTAssertEqual(second.plan.changes.map(\.id), [])
            let after = try sim.census("cloud:beta-production")
            XCTAssertEqual(before.units, after.units)
            XCTAssertEqual(before.machines, after.machines)
        }
    }

    /// Every write command does its work and then "loses" the reply about half of the time (a
    /// fixed seed, and one environment applied in order, so the same calls fail on every run).
    /// Starting from a deployed model, the plan grows machines and units, sets options, relates
    /// and exposes: each retry must find its work done and add nothing twice.
    func testLostRepliesAreRetriedWithoutDuplicates() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let deployed = E.environment("gamma/production", kind: .iaas,
                                     applications: [E.application("web", units: 1), E.application("db", units: 1)],
                                     machines: [MachineGroup(count: 1, constraints: "cores=2")])
        let first = await reconcile(DesiredState(environments: [deployed]), juju: sim.cli(), journal: journal)
        XCTAssertTrue(first.report.succeeded)
        XCTAssertEqual(try sim.view("cloud:gamma-production").machines.count, 3, "one group machine, one per unit")

        let grown = E.environment("gamma/production", kind: .iaas, applications: [
            E.application("web", units: 3, config: ["mode": .string("b"), "title": .string("shop")], expose: true),
            E.application("db", units: 2, config: ["profile": .string("production")]),
            E.application("cache", units: 1),
        ], relations: [["web:db", "db:db"], ["web:cache", "cache:cache"]],
           machines: [MachineGroup(count: 3, constraints: "cores=2"), MachineGroup(count: 2, constraints: "cores=4")])
        let writes = "add-machine,deploy,add-unit,config,integrate,expose"
        let lossy = sim.cli(extra: ["JUJU_SIM_FAIL_RATE": "0.5", "JUJU_SIM_SEED": "17", "JUJU_SIM_FAIL_MODE": "after",
                                    "JUJU_SIM_FAIL_COMMANDS": writes])
        let retried = MemoryJournal()
        let (plan, report) = await reconcile(DesiredState(environments: [grown]), juju: lossy, journal: retried,
                                             retry: RetryPolicy(attempts: 8, base: .milliseconds(10), cap: .milliseconds(50)))
        XCTAssertTrue(report.succeeded, "\(report.environments.compactMap { $0.failed?.error })")
        XCTAssertEqual(Set(plan.changes.map(\.kind)), [.addMachine, .deploy, .scale, .config, .integrate, .expose, .wait])

        // Each guarded kind lost at least one reply and was retried: the census below tests its guard.
        for kind in ["juju.add-machine", "juju.deploy", "juju.scale", "juju.config", "juju.integrate", "juju.expose"] {
            XCTAssertTrue(retried.attempts.contains { $0.action.hasPrefix("\(kind) ") && $0.attempt > 1 },
                          "no lost reply for \(kind) with this seed: \(retried.attempts.map { "\($0.action)#\($0.attempt)" })")
        }
        let view = try sim.view("cloud:gamma-production")
        XCTAssertModel(view, matches: grown)
        XCTAssertEqual(view.applications["web"]?.units, ["web/0", "web/1", "web/2"])
        XCTAssertEqual(view.applications["db"]?.units, ["db/0", "db/1"])
        XCTAssertEqual(view.applications["cache"]?.units, ["cache/0"])
        XCTAssertEqual(view.machines.count, 3 + 2 + 6, "five group machines and one machine per unit: \(view.machines)")
        let again = await replan(DesiredState(environments: [grown]), juju: sim.cli(), journal: retried)
        XCTAssertEqual(again.changes.map(\.id), [])
    }

    func testAPersistentFailureStopsOnlyItsEnvironment() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let secret = ConfigValue.secret(VaultReference(path: "tenants/broken", key: "password"))
        let desired = DesiredState(environments: [
            E.environment("broken/production", kind: .k8s, applications: [E.application("web", config: ["admin-password": secret])]),
            E.environment("fine/production", kind: .k8s, applications: [E.application("web")]),
        ])
        let (_, report) = await reconcile(desired, juju: sim.cli(), journal: journal, secrets: NoSecretSource())
        let broken = try XCTUnwrap(report.environments.first { $0.environment == "broken/production" })
        XCTAssertEqual(broken.failed?.action, "juju.deploy juju:k8s/broken-production/bundle")
        XCTAssertEqual(broken.failed?.error, "secret vault:tenants/broken#password is needed but no secret source is configured (--secrets-file)")
        XCTAssertEqual(broken.notRun, ["juju.wait juju:k8s/broken-production/health"])
        let fine = try XCTUnwrap(report.environments.first { $0.environment == "fine/production" })
        XCTAssertNil(fine.failed)
        XCTAssertEqual(try sim.census("k8s:fine-production").units, ["web": 1])
        XCTAssertFalse(report.succeeded)
    }

    func testAHungJujuCallIsTimedOutAndItsEnvironmentLeftAlone() async throws {
        let sim = try SimulatedJuju()
        try sim.run("add-model", "slow-production", "-c", "k8s")
        let desired = DesiredState(environments: [E.environment("slow/production", kind: .k8s, applications: [E.application("web")])])
        // The hang has no end of its own: only killing the call at its timeout gets past this.
        let observed = await Observer(juju: sim.cli(timeout: .seconds(2), extra: ["JUJU_SIM_HANG": "status"]), parallelism: 2, journal: nil)
            .observe(desired, controllers: ["k8s"])
        guard case let .failed(message)? = observed.models["k8s/slow-production"] else {
            return XCTFail("expected a failed observation, got \(String(describing: observed.models["k8s/slow-production"]))")
        }
        XCTAssertTrue(message.contains("timed out"), message)
        let plan = JujuPlan.plan(desired: desired, observed: observed, options: PlanOptions(pruneRemovedTenants: true))
        XCTAssertEqual(plan.changes, [])
        XCTAssertEqual(plan.skipped.map(\.environment), ["slow/production"])
    }

    func testTheHealthGateFailsOnABlockedUnit() async throws {
        let sim = try SimulatedJuju(settleSeconds: 0.3, extra: ["JUJU_SIM_UNIT_FAULT": "db/0=blocked:waiting for a database password"])
        let desired = DesiredState(environments: [E.environment("delta/production", kind: .k8s, applications: [E.application("db")])])
        let (_, report) = await reconcile(desired, juju: sim.cli(), journal: MemoryJournal())
        let environment = try XCTUnwrap(report.environments.first)
        XCTAssertEqual(environment.failed?.action, "juju.wait juju:k8s/delta-production/health")
        XCTAssertEqual(environment.failed?.error, "health gate failed: unit db/0 is blocked: waiting for a database password")
    }

    func testAnUnknownControllerIsReportedForItsTenants() async throws {
        let sim = try SimulatedJuju()
        var environment = E.environment("epsilon/production", kind: .k8s, applications: [E.application("web")])
        environment.controller = "nowhere"
        let observed = await Observer(juju: sim.cli(), parallelism: 2, journal: nil).observe(DesiredState(environments: [environment]), controllers: ["nowhere"])
        let plan = JujuPlan.plan(desired: DesiredState(environments: [environment]), observed: observed)
        XCTAssertEqual(plan.skipped, [SkippedEnvironment(environment: "epsilon/production",
                                                         reason: "controller 'nowhere' is not known to Juju (bootstrap it, or fix tenantctl.yaml)")])
    }
}

/// Random desired environments from a seed, so a failure can be replayed.
struct Generator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func environment(_ id: String, kind: Controller.Kind) -> DesiredEnvironment {
        let names = ["web", "db", "cache", "search"].filter { _ in next(3) > 0 }
        let applications = names.map { name in
            Environments.application(name, channel: ["latest/stable", "2/stable", "2/edge"][next(3)],
                                     revision: next(2) == 0 ? nil : 10 + next(3), units: 1 + next(3),
                                     config: next(2) == 0 ? ["mode": .string(["a", "b"][next(2)])] : [:], expose: next(4) == 0)
        }
        var relations: [[String]] = []
        for (index, name) in names.enumerated() where index + 1 < names.count && next(2) == 0 {
            relations.append(["\(name):link", "\(names[index + 1]):link"])
        }
        let machines = kind == .iaas && next(2) == 0 ? [MachineGroup(count: 1 + next(2), constraints: "cores=\(2 + 2 * next(2))")] : []
        return Environments.environment(id, kind: kind, applications: applications, relations: relations, machines: machines)
    }
}
