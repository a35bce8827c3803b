import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import XCTest

/// Reads are retried like writes: at 10 % transient failures on every read command, observation
/// still sees every model and plans nothing for a converged world.
final class ObservationRetryTests: XCTestCase {
    typealias E = Environments

    func testObservationSurvivesTransientFailuresOnEveryRead() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [
            E.environment("acme/production", kind: .k8s, applications: [E.application("shop", units: 2), E.application("db")]),
            E.environment("bravo/production", kind: .k8s, applications: [E.application("shop")]),
            E.environment("corp/production", kind: .iaas, applications: [E.application("shop", units: 2)]),
        ])
        let clean = Observer(juju: sim.cli(), parallelism: 4, journal: journal)
        let plan = JujuPlan.plan(desired: desired, observed: await clean.observe(desired, controllers: ["k8s", "cloud"]))
        let executor = JujuExecutor(juju: sim.cli(), desired: desired, journal: journal, secrets: FixedSecrets(),
                                    gate: HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100)))
        let report = await ChangeWalker(jujuExecutor: executor, journal: journal, parallelism: 4) { _ in }.apply(plan, run: 1)
        XCTAssertTrue(report.succeeded)

        // A clean observation's number of calls: every call beyond it in a faulty round is a retry.
        let baselineLog = sim.home + "/calls-clean.log"
        _ = await Observer(juju: sim.cli(extra: ["JUJU_SIM_CALL_LOG": baselineLog]), parallelism: 4, journal: journal)
            .observe(desired, controllers: ["k8s", "cloud"])
        let baseline = try String(contentsOfFile: baselineLog, encoding: .utf8).split(separator: "\n").count
        var retries = 0
        for round in 0..<20 {
            let faults = ["JUJU_SIM_FAIL_RATE": "0.1", "JUJU_SIM_SEED": String(round * 7919),
                          "JUJU_SIM_FAIL_COMMANDS": "controllers,models,status,export-bundle",
                          "JUJU_SIM_CALL_LOG": sim.home + "/calls-\(round).log"]
            let flaky = Observer(juju: sim.cli(extra: faults), parallelism: 4, journal: journal,
                                 retry: RetryPolicy(attempts: 4, base: .milliseconds(20)))
            let observed = await flaky.observe(desired, controllers: ["k8s", "cloud"])
            let again = JujuPlan.plan(desired: desired, observed: observed)
            XCTAssertEqual(again.skipped.map(\.reason), [], "round \(round)")
            XCTAssertEqual(again.changes.map(\.id), [], "round \(round)")
            let calls = try String(contentsOfFile: sim.home + "/calls-\(round).log", encoding: .utf8).split(separator: "\n").count
            retries += calls - baseline
        }
        XCTAssertGreaterThan(retries, 5, "reads failed and were retried")
    }
}
