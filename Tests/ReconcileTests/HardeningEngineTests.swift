import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import XCTest

/// Engine behaviour that must hold when the loop runs unattended: a lost deploy reply leaves no
/// false drift, and a subordinate in trouble fails the health gate like a principal.
final class HardeningEngineTests: XCTestCase {
    typealias E = Environments

    func converge(_ desired: DesiredState, juju: JujuCLI, journal: MemoryJournal, attempts: Int = 3) async -> (Plan, ApplyReport) {
        let observed = await Observer(juju: juju, parallelism: 4, journal: journal).observe(desired, controllers: ["k8s", "cloud"])
        let plan = JujuPlan.plan(desired: desired, observed: observed, options: PlanOptions(owned: JujuPlan.owned(models: (try? journal.managedModels()) ?? [:])))
        let executor = JujuExecutor(juju: juju, desired: desired, journal: journal, secrets: FixedSecrets(),
                                    gate: HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100)))
        let report = await ChangeWalker(jujuExecutor: executor, journal: journal, parallelism: 4,
                                   retry: RetryPolicy(attempts: attempts, base: .milliseconds(20))) { _ in }.apply(plan, run: 1)
        return (plan, report)
    }

    func testALostDeployReplyStillRecordsTheSecretsItApplied() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [E.environment("acme/production", kind: .k8s, applications: [
            E.application("shop", config: ["smtp-password": .secret(VaultReference(path: "tenants/acme", key: "smtp"))]),
        ])])
        // Every deploy does its work, then its reply is lost: the retry finds the application.
        let lossy = sim.cli(extra: ["JUJU_SIM_FAIL_RATE": "1", "JUJU_SIM_FAIL_MODE": "after", "JUJU_SIM_FAIL_COMMANDS": "deploy"])
        let (_, report) = await converge(desired, juju: lossy, journal: journal)
        XCTAssertTrue(report.succeeded, "\(report.environments.compactMap(\.failed))")
        XCTAssertEqual(try journal.appliedSecrets(controller: "k8s", model: "acme-production"),
                       ["shop": ["smtp-password": "vault:tenants/acme#smtp"]])
        let (again, _) = await converge(desired, juju: sim.cli(), journal: journal)
        XCTAssertEqual(again.changes.map(\.id), [], "no false 'not set by tenantctl' drift")
    }

    func testASubordinateInTroubleFailsTheHealthGate() async throws {
        let sim = try SimulatedJuju(extra: ["JUJU_SIM_UNIT_FAULT": "nrpe/0=blocked:missing nagios_context"])
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [E.environment("corp/production", kind: .iaas, applications: [
            E.application("web", units: 1), E.application("nrpe", units: nil),
        ], relations: [["web:juju-info", "nrpe:general-info"]])])
        let (_, report) = await converge(desired, juju: sim.cli(), journal: journal, attempts: 1)
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.environments.first?.failed?.error, "health gate failed: unit nrpe/0 is blocked: missing nagios_context")
    }

    /// A juju that answers like juju-sim except for one lie, chosen by `mode`.
    func lyingJuju(_ sim: SimulatedJuju, mode: String) throws -> JujuCLI {
        let script = sim.home + "/lying-juju"
        try Data("""
            #!/bin/bash
            case "$1:$LIE" in
              status:not-found) echo "ERROR model k8s:admin/acme-production not found" >&2; exit 1 ;;
              models:empty) echo '{"models":[],"current-model":""}'; exit 0 ;;
              status:status-error)
                "$SIM" "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin); d["applications"]["shop"]={"status-error":"cannot get charm: connection reset"}; print(json.dumps(d))'
                exit ${PIPESTATUS[0]} ;;
            esac
            exec "$SIM" "$@"

            """.utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        var environment = sim.environment
        environment["SIM"] = sim.binary
        environment["LIE"] = mode
        return JujuCLI(binary: script, timeout: .seconds(30), environment: environment)
    }

    func testContradictoryOrBrokenObservationsPlanNothing() async throws {
        let sim = try SimulatedJuju()
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [E.environment("acme/production", kind: .k8s, applications: [E.application("shop"), E.application("db")])])
        let (_, report) = await converge(desired, juju: sim.cli(), journal: journal)
        XCTAssertTrue(report.succeeded)

        let expectations = [
            "not-found": "juju models lists model acme-production but juju status says it is not found",
            "empty": "juju models lists no model on controller 'k8s', but the journal says tenantctl created 1 there",
            "status-error": "juju status could not read application shop: cannot get charm: connection reset",
        ]
        for (mode, reason) in expectations.sorted(by: { $0.key < $1.key }) {
            let observed = await Observer(juju: try lyingJuju(sim, mode: mode), parallelism: 2, journal: journal)
                .observe(desired, controllers: ["k8s"])
            let plan = JujuPlan.plan(desired: desired, observed: observed, options: PlanOptions(owned: JujuPlan.owned(models: try journal.managedModels())))
            XCTAssertEqual(plan.changes.map(\.id), [], mode)
            XCTAssertEqual(plan.skipped.map(\.environment), ["acme/production"], mode)
            XCTAssertTrue(plan.skipped.first?.reason.contains(reason) == true, "\(mode): \(plan.skipped)")
        }
        // Without the journal's record, an empty controller is just empty: the model is planned.
        let fresh = await Observer(juju: try lyingJuju(sim, mode: "empty"), parallelism: 2, journal: MemoryJournal())
            .observe(desired, controllers: ["k8s"])
        XCTAssertEqual(JujuPlan.plan(desired: desired, observed: fresh).changes.first?.kind, .addModel)
    }

    func testALongHealthGateWaitNamesWhatItWaitsFor() async throws {
        let sim = try SimulatedJuju(settleSeconds: 1.2)
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [E.environment("acme/production", kind: .k8s, applications: [E.application("shop")])])
        let observed = await Observer(juju: sim.cli(), parallelism: 2, journal: journal).observe(desired, controllers: ["k8s"])
        let plan = JujuPlan.plan(desired: desired, observed: observed)
        let lines = LineCollector()
        let gate = HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100), reportEvery: .milliseconds(300)) { lines.append($0) }
        let executor = JujuExecutor(juju: sim.cli(), desired: desired, journal: journal, secrets: FixedSecrets(), gate: gate)
        let report = await ChangeWalker(jujuExecutor: executor, journal: journal, parallelism: 1) { _ in }.apply(plan, run: 1)
        XCTAssertTrue(report.succeeded)
        XCTAssertTrue(lines.all.contains { $0.hasPrefix("[k8s:acme-production] health gate waiting for unit shop/0") }, "\(lines.all)")
    }
}
