import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import XCTest

/// What a real Juju 3.6 demands of the engine and juju-sim now enforces: an empty model is
/// observed (its failed deploy is planned again), a charm switch to a pinned revision takes two
/// refreshes, deploy and destroy-model have a long timeout with progress, surplus machines are
/// removed under prune only.
final class RealJujuFormsTests: XCTestCase {
    typealias E = Environments

    func observeAndPlan(_ desired: DesiredState, juju: JujuCLI, journal: MemoryJournal, options: PlanOptions = PlanOptions()) async -> (ObservedState, Plan) {
        let observed = await Observer(juju: juju, parallelism: 4, journal: journal).observe(desired, controllers: ["k8s", "cloud"])
        var options = options
        options.owned = JujuPlan.owned(models: (try? journal.managedModels()) ?? [:])
        return (observed, JujuPlan.plan(desired: desired, observed: observed, options: options))
    }

    func apply(_ plan: Plan, _ desired: DesiredState, juju: JujuCLI, journal: MemoryJournal, attempts: Int = 2,
               heartbeat: Duration = .seconds(15), progress: @escaping @Sendable (String) -> Void = { _ in }) async -> ApplyReport {
        let executor = JujuExecutor(juju: juju, desired: desired, journal: journal, secrets: FixedSecrets(),
                                    gate: HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100)))
        return await ChangeWalker(jujuExecutor: executor, journal: journal, parallelism: 4, retry: RetryPolicy(attempts: attempts, base: .milliseconds(50)),
                             heartbeat: heartbeat, progress: progress).apply(plan, run: 1)
    }

    func failures(_ report: ApplyReport) -> [String] {
        report.environments.compactMap { $0.failed.map { "\($0.action): \($0.error)" } }
    }

    func testAModelLeftEmptyByAFailedDeployIsObservedAndDeployedAgain() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [E.environment("acme/production", kind: .k8s, applications: [E.application("shop")])])
        let (_, first) = await observeAndPlan(desired, juju: sim.cli(), journal: journal)
        let broken = sim.cli(extra: ["JUJU_SIM_FAIL_RATE": "1", "JUJU_SIM_FAIL_COMMANDS": "deploy"])
        let report = await apply(first, desired, juju: broken, journal: journal)
        XCTAssertFalse(report.succeeded, "the deploy failed every time")
        XCTAssertEqual(try sim.census("k8s:acme-production").units, [:], "the model exists, empty")

        // Juju refuses to export an empty model; that must read as "no applications", not as an
        // environment that cannot be observed.
        let (observed, again) = await observeAndPlan(desired, juju: sim.cli(), journal: journal)
        guard case let .present(model)? = observed.model(controller: "k8s", name: "acme-production") else {
            return XCTFail("the empty model is not observed: \(String(describing: observed.model(controller: "k8s", name: "acme-production")))")
        }
        XCTAssertEqual(model.applications, [:])
        XCTAssertEqual(again.skipped.map(\.reason), [])
        XCTAssertEqual(again.changes.map(\.kind), [.deploy, .wait])
        let healed = await apply(again, desired, juju: sim.cli(), journal: journal)
        XCTAssertTrue(healed.succeeded, "\(failures(healed))")
        XCTAssertEqual(try sim.census("k8s:acme-production").units, ["shop": 1])
    }

    func testACharmSwitchToAPinnedRevisionConverges() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let before = DesiredState(environments: [E.environment("acme/production", kind: .k8s, applications: [
            E.application("db", charm: "mysql-k8s", channel: "8.0/stable"),
        ])])
        let (_, deploy) = await observeAndPlan(before, juju: sim.cli(), journal: journal)
        let deployed = await apply(deploy, before, juju: sim.cli(), journal: journal)
        XCTAssertTrue(deployed.succeeded, "\(failures(deployed))")

        let after = DesiredState(environments: [E.environment("acme/production", kind: .k8s, applications: [
            E.application("db", charm: "percona-k8s", channel: "8.0/edge", revision: 42),
        ])])
        let (_, refresh) = await observeAndPlan(after, juju: sim.cli(), journal: journal)
        XCTAssertEqual(refresh.changes.map(\.kind), [.refresh, .wait])
        let refreshed = await apply(refresh, after, juju: sim.cli(), journal: journal)
        XCTAssertTrue(refreshed.succeeded, "juju-sim refuses --switch with --revision: \(failures(refreshed))")
        let db = try XCTUnwrap(sim.status("k8s:acme-production")["applications"] as? [String: [String: Any]])["db"]
        XCTAssertEqual(db?["charm-name"] as? String, "percona-k8s")
        XCTAssertEqual(db?["charm-rev"] as? Int, 42)
        XCTAssertEqual(db?["charm-channel"] as? String, "8.0/edge")
        let (_, empty) = await observeAndPlan(after, juju: sim.cli(), journal: journal)
        XCTAssertEqual(empty.changes.map(\.id), [])
    }

    func testDeployGetsTheLongTimeoutAndSaysItIsStillRunning() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [E.environment("acme/production", kind: .k8s, applications: [E.application("shop")])])
        // Every deploy takes 2 s, twice the ordinary call timeout.
        var slow = sim.cli(timeout: .seconds(1), extra: ["JUJU_SIM_HANG": "deploy", "JUJU_SIM_HANG_SECONDS": "2"])
        slow.longTimeout = .seconds(30)
        let (_, plan) = await observeAndPlan(desired, juju: sim.cli(), journal: journal)
        let lines = LineCollector()
        // One attempt: a retry would find the deploy done by the killed call and hide the timeout.
        let report = await apply(plan, desired, juju: slow, journal: journal, attempts: 1, heartbeat: .milliseconds(300)) { lines.append($0) }
        XCTAssertTrue(report.succeeded, "\(failures(report))")
        XCTAssertTrue(lines.all.contains { $0.hasPrefix("[acme/production] juju.deploy bundle still running after ") }, "\(lines.all)")
        XCTAssertEqual(try sim.census("k8s:acme-production").units, ["shop": 1])
    }

    func testADestroyModelPastItsTimeoutIsCheckedThroughModels() async throws {
        let sim = try SimulatedJuju(extra: ["JUJU_SIM_DESTROY_SECONDS": "600"])
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [E.environment("gone/production", kind: .k8s, applications: [E.application("shop")])])
        let (_, create) = await observeAndPlan(desired, juju: sim.cli(), journal: journal)
        let created = await apply(create, desired, juju: sim.cli(), journal: journal)
        XCTAssertTrue(created.succeeded, "\(failures(created))")

        // The tenant leaves git; its model drains for longer than destroy-model may wait.
        let options = PlanOptions(maxModelRemovals: 1, pruneRemovedTenants: true)
        let (_, destroy) = await observeAndPlan(DesiredState(environments: []), juju: sim.cli(), journal: journal, options: options)
        XCTAssertEqual(destroy.changes.map(\.kind), [.destroyModel])
        var impatient = sim.cli(timeout: .seconds(1))
        impatient.longTimeout = .seconds(1)
        let report = await apply(destroy, DesiredState(environments: []), juju: impatient, journal: journal)
        XCTAssertFalse(report.succeeded)
        XCTAssertTrue(failures(report).first?.contains("model gone-production is still being destroyed after") == true, "\(failures(report))")
        XCTAssertEqual(try journal.managedModels().keys.sorted(), ["k8s/gone-production"], "kept until Juju no longer lists it")
        let listed = try sim.run("models", "-c", "k8s", "--format=json")
        XCTAssertTrue(listed.contains("\"life\":\"dying\""), listed)

        // A dying model is neither planned for nor destroyed again.
        let (observed, next) = await observeAndPlan(DesiredState(environments: []), juju: sim.cli(), journal: journal, options: options)
        XCTAssertEqual(next.changes.map(\.id), [])
        XCTAssertEqual(observed.controllers["k8s"]?.models, [])
        let (back, returning) = await observeAndPlan(desired, juju: sim.cli(), journal: journal)
        XCTAssertEqual(returning.skipped.map(\.environment), ["gone/production"], "a tenant back in git waits until its old model is gone")
        guard case let .failed(reason)? = back.model(controller: "k8s", name: "gone-production") else { return XCTFail("\(back)") }
        XCTAssertTrue(reason.contains("is being destroyed"), reason)
    }

    func testSurplusMachinesAreDriftRemovedOnlyWithPrune() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        func desired(groupCount: Int, prune: Bool) -> DesiredState {
            DesiredState(environments: [E.environment("corp/production", kind: .iaas, applications: [E.application("web", units: 1)],
                                                      machines: [MachineGroup(count: groupCount, constraints: "cores=4")], prune: prune)])
        }
        let three = desired(groupCount: 3, prune: false)
        let (_, create) = await observeAndPlan(three, juju: sim.cli(), journal: journal)
        let created = await apply(create, three, juju: sim.cli(), journal: journal)
        XCTAssertTrue(created.succeeded, "\(failures(created))")
        XCTAssertEqual(try sim.census("cloud:corp-production").machines, 4, "3 in the group, 1 for the unit")
        // And one added by hand.
        try sim.run("add-machine", "-m", "cloud:corp-production")

        let (_, withheld) = await observeAndPlan(desired(groupCount: 1, prune: false), juju: sim.cli(), journal: journal)
        XCTAssertEqual(withheld.changes.map(\.id), [])
        XCTAssertEqual(withheld.withheld.map(\.kind), [.removeMachine, .removeMachine, .removeMachine])
        XCTAssertEqual(withheld.withheld.map(\.target), ["1", "2", "4"], "machine 0 stays in the group, 3 hosts web/0")

        let one = desired(groupCount: 1, prune: true)
        let (_, prune) = await observeAndPlan(one, juju: sim.cli(), journal: journal)
        XCTAssertEqual(prune.changes.map(\.id), ["juju.remove-machine juju:cloud/corp-production/machine/1", "juju.remove-machine juju:cloud/corp-production/machine/2",
                                                "juju.remove-machine juju:cloud/corp-production/machine/4"])
        let removed = await apply(prune, one, juju: sim.cli(), journal: journal)
        XCTAssertTrue(removed.succeeded, "\(failures(removed))")
        let machines = try XCTUnwrap(sim.status("cloud:corp-production")["machines"] as? [String: Any])
        XCTAssertEqual(machines.keys.sorted(), ["0", "3"])
        let (_, empty) = await observeAndPlan(one, juju: sim.cli(), journal: journal)
        XCTAssertEqual(empty.changes.map(\.id), [])

        // Past --max-removals nothing is removed.
        try sim.run("add-machine", "-m", "cloud:corp-production", "-n", "2")
        let (_, limited) = await observeAndPlan(one, juju: sim.cli(), journal: journal, options: PlanOptions(maxRemovals: 1))
        XCTAssertEqual(limited.changes.map(\.id), [])
        XCTAssertEqual(limited.withheld.count, 2)
    }
}

/// Progress lines gathered from the applier's tasks.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
