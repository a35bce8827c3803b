import JujuPlanning
import PlanModel
import TenantCore
import XCTest

/// Machines nothing uses are a cost leak: the planner removes them under prune only, and never
/// a machine that hosts a unit or a container, one a machine group claims, or one a bundle being
/// deployed maps onto. Where a new model goes (cloud, region, credential) reaches add-model.
final class MachineRemovalPlanningTests: XCTestCase {
    typealias F = PlanFixtures
    let key = ObservedState.key(controller: "ctl", model: "acme-production")

    func plan(_ environment: DesiredEnvironment, _ model: ObservedModel, options: PlanOptions = PlanOptions()) -> Plan {
        JujuPlan.plan(desired: DesiredState(environments: [environment]), observed: F.observed([key: .present(model)]), options: options)
    }

    func machine(_ id: String, _ constraints: String? = nil, containers: [String] = []) -> (String, ObservedMachine) {
        (id, ObservedMachine(id: id, constraints: constraints, base: "ubuntu@22.04", status: "started", containers: containers))
    }

    /// web/0 on machine 0, web/1 in a container of machine 1; machines 2 (cores=4), 3 (cores=4),
    /// 4 (none) and 5 (hosting an empty container 5/lxd/0) host no unit.
    func world() -> ObservedModel {
        var web = ObservedApplication(charm: "web", channel: "latest/stable", units: [F.unit("web/0"), F.unit("web/1")])
        web.units[0].machine = "0"
        web.units[1].machine = "1/lxd/0"
        return ObservedModel(name: "acme-production", kind: .iaas, applications: ["web": web], machines: Dictionary(uniqueKeysWithValues: [
            machine("0"), machine("1", containers: ["1/lxd/0"]), machine("2", "arch=amd64 cores=4"), machine("3", "arch=amd64 cores=4"),
            machine("4"), machine("5", containers: ["5/lxd/0"]),
        ]))
    }

    func environment(prune: Bool, groups: [MachineGroup] = [MachineGroup(count: 1, constraints: "cores=4")],
                     applications: [DesiredApplication] = [F.application("web", units: 2)]) -> DesiredEnvironment {
        F.environment(kind: .iaas, applications: applications, machines: groups, prune: prune)
    }

    func testUnusedUnclaimedMachinesAreRemovedWithPrune() {
        let result = plan(environment(prune: true), world())
        XCTAssertEqual(result.changes.map(\.id), ["juju.remove-machine juju:ctl/acme-production/machine/3", "juju.remove-machine juju:ctl/acme-production/machine/4"],
                       "2 is the group's, 0 and 1 host units, 5 hosts a container")
        XCTAssertEqual(result.changes.first?.reasons, [Reason(field: "machines.3", desired: nil, observed: "arch=amd64 cores=4 ubuntu@22.04, no unit")])
        XCTAssertEqual(result.summary.delete, 2)
        XCTAssertEqual(result.withheld, [])
    }

    func testWithoutPruneTheyAreWithheldNotIgnored() {
        let result = plan(environment(prune: false), world())
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.withheld.map(\.target), ["3", "4"])
        XCTAssertEqual(result.withheld.map(\.kind), [.removeMachine, .removeMachine])
        XCTAssertTrue(result.withheld[0].reason.contains("hosts no unit and no machine group claims it; prune is off"), result.withheld[0].reason)
    }

    func testAGroupMadeSmallerReleasesItsSurplus() {
        let two = plan(environment(prune: true, groups: [MachineGroup(count: 2, constraints: "cores=4")]), world())
        XCTAssertEqual(two.changes.map(\.target), ["4"])
        let none = plan(environment(prune: true, groups: []), world())
        XCTAssertEqual(none.changes.map(\.target), ["2", "3", "4"])
    }

    func testMachinesABundleBeingDeployedMapsOntoAreKept() {
        var cache = F.application("cache")
        cache.to = ["4", "lxd:3"]
        let result = plan(environment(prune: true, applications: [F.application("web", units: 2), cache]), world())
        XCTAssertEqual(result.changes.filter { $0.kind == .removeMachine }, [], "deploy --map-machines=existing places cache on 4 and 3")
        XCTAssertEqual(result.changes.map(\.kind), [.deploy, .wait])
    }

    func testMachineRemovalsCountTowardsTheRemovalLimit() {
        let result = plan(environment(prune: true), world(), options: PlanOptions(maxRemovals: 1))
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.withheld.map(\.target), ["3", "4"])
        XCTAssertTrue(result.withheld[0].reason.contains("more than"), result.withheld[0].reason)
    }

    func testKubernetesModelsHaveNoMachinesToRemove() {
        let model = ObservedModel(name: "acme-production", kind: .k8s, applications: [:], machines: Dictionary(uniqueKeysWithValues: [machine("0")]))
        XCTAssertEqual(plan(F.environment(kind: .k8s, applications: [], prune: true), model).changes, [])
    }

    func testANewModelGoesToTheControllersCloudRegionAndCredential() {
        var environment = F.environment(kind: .iaas, applications: [F.application("web")])
        environment.region = "GRA11"
        environment.credential = "bibind-ovh"
        let result = JujuPlan.plan(desired: DesiredState(environments: [environment]), observed: F.observed([key: .absent]))
        XCTAssertEqual(result.changes.first?.parameters, ["cloud": .string("openstack/GRA11"), "credential": .string("bibind-ovh")])
        let plain = JujuPlan.plan(desired: DesiredState(environments: [F.environment(kind: .iaas, applications: [])]), observed: F.observed([key: .absent]))
        XCTAssertEqual(plain.changes.first?.parameters, ["cloud": .string("openstack")])
    }
}

/// Environments not planned for the same reason are one line; a plan that could not look at the
/// world never says "No changes".
final class SkippedRenderingTests: XCTestCase {
    func testOneReasonSharedByManyEnvironmentsIsOneLine() {
        var plan = Plan()
        plan.skipped = (1...7).map { SkippedEnvironment(environment: "t\($0)/production", reason: "juju is missing") }
            + [SkippedEnvironment(environment: "z/production", reason: "controller 'x' is not known")]
        let text = PlanTextRenderer(color: false).render(plan)
        XCTAssertEqual(text, """
            ! 7 environments not planned (t1/production, t2/production, t3/production, t4/production, t5/production and 2 more): juju is missing
            ! z/production: not planned: controller 'x' is not known

            Nothing planned: 8 environment(s) could not be observed (above).

            """)
    }
}
