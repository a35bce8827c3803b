import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// Juju against juju-sim, through the shared conformance suite.
final class JujuConformanceTests: XCTestCase {
    struct Harness: ConformanceHarness, @unchecked Sendable {
        let sim: SimulatedJuju
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [
            Environments.environment("acme/production", kind: .k8s, applications: [Environments.application("shop", units: 2)]),
            Environments.environment("corp/production", kind: .iaas, applications: [Environments.application("web", units: 1)],
                                     machines: [MachineGroup(count: 1, constraints: "cores=2")]),
        ])

        var system: any RegisteredSystem { JujuSystem() }
        var systems: [any RegisteredSystem] { [JujuSystem()] }
        var request: ObservationRequest { ObservationRequest(desired: desired, fleet: nil) }
        var options: PlanOptions { PlanOptions(owned: JujuPlan.owned(models: (try? journal.managedModels()) ?? [:])) }

        func drivers() -> [any SystemDriver] { [driver(sim.cli())] }

        func flakyDrivers() async throws -> [any SystemDriver] {
            [driver(sim.cli(extra: ["JUJU_SIM_FAIL_RATE": "0.4", "JUJU_SIM_SEED": "5", "JUJU_SIM_FAIL_MODE": "after",
                                   "JUJU_SIM_FAIL_COMMANDS": "add-model,add-machine,deploy,add-unit,scale-application"]))]
        }

        private func driver(_ juju: JujuCLI) -> any SystemDriver {
            let executor = JujuExecutor(juju: juju, desired: desired, journal: journal, secrets: FixedSecrets(),
                                        gate: HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100)))
            return JujuDriver(observer: Observer(juju: juju, parallelism: 4, journal: journal), executor: executor)
        }

        func doOutOfBand(_ change: Change) async throws -> Bool {
            guard change.kind == .addModel else { return false }
            try sim.run("add-model", change.model, "-c", change.controller)
            return true
        }
    }

    var harness: Harness!

    override func setUpWithError() throws {
        harness = Harness(sim: try SimulatedJuju())
    }

    func testObservingTwiceGivesTheSameFingerprints() async {
        await SystemConformance(harness: harness).observingTwiceGivesTheSameFingerprints()
    }

    func testApplyingThenPlanningAgainGivesNoChange() async {
        await SystemConformance(harness: harness).applyingThenPlanningAgainGivesNoChange()
    }

    func testATransientErrorIsRetried() async {
        await SystemConformance(harness: harness).aTransientErrorIsRetried()
    }

    func testAnAlreadyDoneChangeCountsAsDone() async throws {
        try await SystemConformance(harness: harness).anAlreadyDoneChangeCountsAsDone()
    }
}
