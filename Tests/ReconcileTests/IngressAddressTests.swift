import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// The address a DNS record points at comes from Juju: observed when the application is up, and
/// returned by the health gate that brings it up (for a record planned before it existed).
final class IngressAddressTests: XCTestCase {
    typealias E = Environments

    func testTheHealthGateReturnsTheAddressesOfItsApplicationsAndTheObservationHasThem() async throws {
        for kind in [Controller.Kind.k8s, .iaas] {
            let sim = try SimulatedJuju()
            let journal = MemoryJournal()
            let id = kind == .k8s ? "acme/production" : "corp/production"
            let desired = DesiredState(environments: [E.environment(id, kind: kind, applications: [E.application("shop", units: 1)])])
            let controllers = [kind == .k8s ? "k8s" : "cloud"]
            let observer = Observer(juju: sim.cli(), parallelism: 2, journal: journal)
            let plan = JujuPlan.plan(desired: desired, observed: await observer.observe(desired, controllers: controllers))
            let gateChange = try XCTUnwrap(plan.changes.first { $0.kind == .wait })
            let executor = JujuExecutor(juju: sim.cli(), desired: desired, journal: journal, secrets: FixedSecrets(),
                                        gate: HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100)))
            let driver = JujuDriver(observer: observer, executor: executor)
            var returned: [String: String] = [:]
            for change in plan.changes {
                let values = try await driver.apply(change, inputs: ChangeInputs())
                if change.id == gateChange.id { returned = values }
            }
            let address = try XCTUnwrap(returned[IngressAddressValue.name(application: "shop")], "\(kind): \(returned)")
            XCTAssertNotNil(IPAddress.family(of: address), address)
            let observed = await observer.observe(desired, controllers: controllers)
            XCTAssertEqual(observed.ingressAddress(of: "shop", in: desired.environments[0]), address, "\(kind)")
            let status = try sim.status(kind == .k8s ? "k8s:acme-production" : "cloud:corp-production")
            let shop = (status["applications"] as? [String: Any])?["shop"] as? [String: Any]
            let expected = kind == .k8s ? shop?["address"] as? String
                : ((shop?["units"] as? [String: Any])?["shop/0"] as? [String: Any])?["public-address"] as? String
            XCTAssertEqual(address, expected, "Juju's own field: k8s application address, IaaS unit public-address")
        }
    }
}
