import JujuPlanning
import PlanModel
import TenantCore
import XCTest

/// An option Juju lists that git does not declare was set by someone: back to the charm's
/// default with prune, reported (withheld) without.
final class ConfigResetPlanningTests: XCTestCase {
    typealias F = PlanFixtures
    let key = ObservedState.key(controller: "ctl", model: "acme-production")

    func plan(prune: Bool) -> Plan {
        let desired = F.environment(applications: [F.application("magento", config: ["locale": .string("fr_FR")])], prune: prune)
        var magento = ObservedApplication(charm: "magento", channel: "latest/stable", units: [F.unit("magento/0")], scale: 1)
        magento.config = ["locale": .string("fr_FR"), "debug": .bool(true), "cache-size": .int(512)]
        let model = ObservedModel(name: "acme-production", kind: .k8s, applications: ["magento": magento])
        return JujuPlan.plan(desired: DesiredState(environments: [desired]), observed: F.observed([key: .present(model)]))
    }

    func testOptionsSetOutOfBandAreResetWithPrune() {
        let result = plan(prune: true)
        XCTAssertEqual(result.changes.map(\.id), ["juju.reset-config juju:ctl/acme-production/application/magento", "juju.wait juju:ctl/acme-production/health"])
        XCTAssertEqual(result.changes[0].parameters["keys"], .strings(["cache-size", "debug"]))
        XCTAssertEqual(result.changes[0].reasons, [
            Reason(field: "config.cache-size", desired: "(charm default)", observed: "512"),
            Reason(field: "config.debug", desired: "(charm default)", observed: "true"),
        ])
        XCTAssertEqual(result.summary.delete, 1, "a reset counts as a removal, within --max-removals")
    }

    func testWithoutPruneTheyAreReportedNotTouched() {
        let result = plan(prune: false)
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.withheld.map(\.kind), [.resetConfig])
        XCTAssertEqual(result.withheld.first?.reason,
                       "option(s) cache-size, debug set in Juju but not in git; prune is off (set policy.prune: true in tenant acme, or defaults.policy.prune: true in tenantctl.yaml for tenants that set none)")
        XCTAssertTrue(result.hasDifferences)
    }
}
