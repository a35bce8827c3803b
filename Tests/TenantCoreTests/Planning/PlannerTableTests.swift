import JujuPlanning
import PlanModel
import TenantCore
import XCTest

/// One test per situation the planner must recognise, with the exact actions it must produce.
final class PlannerTableTests: XCTestCase {
    typealias F = PlanFixtures
    let key = ObservedState.key(controller: "ctl", model: "acme-production")

    func plan(_ environment: DesiredEnvironment, _ model: ModelObservation?, options: PlanOptions = PlanOptions()) -> Plan {
        let observed = F.observed(model.map { [key: $0] } ?? [:])
        return JujuPlan.plan(desired: DesiredState(environments: [environment]), observed: observed, options: options)
    }

    func summary(_ plan: Plan) -> [String] {
        let byID = Dictionary(plan.changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return plan.changes.map { change in
            "\(change.kind.rawValue) \(change.target) <- [\(change.dependsOn.map { byID[$0].map { "\($0.kind.rawValue)/\($0.target)" } ?? $0 }.joined(separator: ", "))]"
        }
    }

    func converged(_ environment: DesiredEnvironment) -> ObservedModel {
        var world = SimulatedWorld(observed: F.observed([key: .absent]), desired: DesiredState(environments: [environment]))
        world.apply(plan(environment, .absent))
        guard case let .present(model)? = world.observed.models[key] else { fatalError() }
        return model
    }

    func testNewK8sModelIsCreatedDeployedAndAwaited() {
        let environment = F.environment(applications: [F.application("magento", units: 2), F.application("mysql")],
                                        relations: [["magento:database", "mysql:database"]])
        let result = plan(environment, .absent)
        XCTAssertEqual(summary(result), [
            "juju.add-model model <- []",
            "juju.deploy bundle <- [juju.add-model/model]",
            "juju.wait applications <- [juju.deploy/bundle]",
        ])
        XCTAssertEqual(result.changes[0].id, "juju.add-model juju:ctl/acme-production/model")
        XCTAssertEqual(result.changes[1].parameters["applications"], .strings(["magento", "mysql"]))
        XCTAssertEqual(result.summary, PlanSummary(result.changes))
        XCTAssertEqual(result.summary.create, 2)
        XCTAssertEqual(result.summary.wait, 1)
    }

    func testNewIaaSModelAddsMachinesBeforeDeploying() {
        let environment = F.environment(kind: .iaas, applications: [F.application("magento")],
                                        machines: [MachineGroup(count: 3, constraints: "cores=4 mem=8G", base: "ubuntu@22.04")])
        let result = plan(environment, .absent)
        XCTAssertEqual(summary(result), [
            "juju.add-model model <- []",
            "juju.add-machine group-0 <- [juju.add-model/model]",
            "juju.deploy bundle <- [juju.add-machine/group-0]",
            "juju.wait applications <- [juju.deploy/bundle]",
        ])
        XCTAssertEqual(result.changes[1].parameters, ["count": .int(3), "constraints": .string("cores=4 mem=8G"), "base": .string("ubuntu@22.04")])
    }

    func testAConvergedEnvironmentYieldsNoAction() {
        let environment = F.environment(kind: .iaas, applications: [
            F.application("magento", revision: 57, units: 2, config: ["admin-password": .secret(VaultReference(path: "t/acme", key: "pw")), "locale": .string("fr_FR")], expose: true),
            F.application("mysql", units: 3),
        ], relations: [["magento:database", "mysql:database"]], machines: [MachineGroup(count: 2, constraints: "mem=8G")])
        XCTAssertEqual(plan(environment, .present(converged(environment))).changes, [])
    }

    func testChannelOnlyChangeRefreshesWithoutRevision() {
        let before = F.environment(applications: [F.application("magento", channel: "2.4/stable")])
        let after = F.environment(applications: [F.application("magento", channel: "2.5/stable")])
        let result = plan(after, .present(converged(before)))
        XCTAssertEqual(summary(result), ["juju.refresh magento <- []", "juju.wait applications <- [juju.refresh/magento]"])
        XCTAssertEqual(result.changes[0].parameters, ["channel": .string("2.5/stable")])
        XCTAssertEqual(result.changes[0].reasons, [Reason(field: "channel", desired: "2.5/stable", observed: "2.4/stable")])
    }

    func testPinnedRevisionChangeRefreshesToThatRevision() {
        let before = F.environment(applications: [F.application("magento", channel: "2.4/stable", revision: 57)])
        let after = F.environment(applications: [F.application("magento", channel: "2.4/stable", revision: 61)])
        let result = plan(after, .present(converged(before)))
        XCTAssertEqual(result.changes.first?.kind, .refresh)
        XCTAssertEqual(result.changes.first?.parameters, ["channel": .string("2.4/stable"), "revision": .int(61)])
        XCTAssertEqual(result.changes.first?.reasons, [Reason(field: "revision", desired: "61", observed: "57")])
    }

    func testARiskAloneNamesTheLatestTrack() {
        let environment = F.environment(applications: [F.application("magento", channel: "stable")])
        var model = converged(environment)
        model.applications["magento"]!.channel = "latest/stable"
        XCTAssertEqual(plan(environment, .present(model)).changes, [])
        model.applications["magento"]!.channel = "latest/edge"
        XCTAssertEqual(plan(environment, .present(model)).changes.first?.kind, .refresh)
    }

    func testAChannelWithoutPinDoesNotFightTheRevisionJujuPicked() {
        let environment = F.environment(applications: [F.application("magento", channel: "2.4/stable", revision: nil)])
        var model = converged(environment)
        model.applications["magento"]!.revision = 1234
        XCTAssertEqual(plan(environment, .present(model)).changes, [])
    }

    func testScalingUpUsesScaleApplicationOnK8sAndAddUnitOnIaaS() {
        for (kind, method) in [(Controller.Kind.k8s, "scale-application"), (.iaas, "add-unit")] {
            let before = F.environment(kind: kind, applications: [F.application("magento", units: 1)])
            let after = F.environment(kind: kind, applications: [F.application("magento", units: 3)])
            let result = plan(after, .present(converged(before)))
            XCTAssertEqual(summary(result), ["juju.scale magento <- []", "juju.wait applications <- [juju.scale/magento]"], "\(kind)")
            XCTAssertEqual(result.changes[0].parameters, ["from": .int(1), "to": .int(3), "method": .string(method)])
        }
    }

    func testScalingDownIsARemovalThatNeedsPrune() {
        let before = F.environment(kind: .iaas, applications: [F.application("magento", units: 4)])
        let withoutPrune = plan(F.environment(kind: .iaas, applications: [F.application("magento", units: 2)]), .present(converged(before)))
        XCTAssertEqual(withoutPrune.changes, [])
        // One withheld removal per unit, as the removal limit counts them (a single entry for the
        // application before prune became a policy).
        XCTAssertEqual(withoutPrune.withheld.map(\.target), ["magento/2", "magento/3"])
        XCTAssertEqual(withoutPrune.withheld.first?.reason,
                       "unit magento/2 is beyond the desired 2 of magento; prune is off (set policy.prune: true in tenant acme, or defaults.policy.prune: true in tenantctl.yaml for tenants that set none)")
        let withPrune = plan(F.environment(kind: .iaas, applications: [F.application("magento", units: 2)], prune: true), .present(converged(before)))
        XCTAssertEqual(withPrune.changes.filter { $0.kind == .removeUnit }.map(\.target), ["magento/2", "magento/3"], "newest units go first")
        let k8sBefore = F.environment(applications: [F.application("magento", units: 4)])
        let k8s = plan(F.environment(applications: [F.application("magento", units: 2)], prune: true), .present(converged(k8sBefore)))
        XCTAssertEqual(k8s.changes.first?.kind, .scale)
        XCTAssertEqual(k8s.changes.first?.parameters["to"], .int(2))
    }

    func testConfigChangesAndSecretsComparedByReference() {
        let reference = VaultReference(path: "tenants/acme", key: "admin_password")
        let before = F.environment(applications: [F.application("magento", config: ["locale": .string("en_US"), "admin-password": .secret(reference)])])
        var model = converged(before)
        // Juju reports the secret's value; the planner must never look at it.
        model.applications["magento"]!.config["admin-password"] = .string("something else entirely")
        XCTAssertEqual(plan(before, .present(model)).changes, [], "same reference, whatever the value")

        let rotated = VaultReference(path: "tenants/acme", key: "admin_password_v2")
        let after = F.environment(applications: [F.application("magento", config: ["locale": .string("fr_FR"), "admin-password": .secret(rotated)])])
        let result = plan(after, .present(model))
        XCTAssertEqual(result.changes.first?.kind, .config)
        XCTAssertEqual(result.changes.first?.parameters, ["keys": .strings(["admin-password", "locale"]),
                                                          "secrets": .strings(["vault:tenants/acme#admin_password_v2"])],
                       "the change names the secret it hands to Juju, for the system that holds it")
        XCTAssertEqual(result.changes.first?.reasons, [
            Reason(field: "config.admin-password", desired: "vault:tenants/acme#admin_password_v2", observed: "vault:tenants/acme#admin_password"),
            Reason(field: "config.locale", desired: "fr_FR", observed: "en_US"),
        ])
    }

    func testNumbersCompareByValueNotSpelling() {
        let environment = F.environment(applications: [F.application("mysql", config: ["memory": .int(4096)])])
        var model = converged(environment)
        model.applications["mysql"]!.config["memory"] = .double(4096)
        XCTAssertEqual(plan(environment, .present(model)).changes, [])
    }

    func testANewApplicationInTheBundleIsDeployedAlone() {
        let before = F.environment(applications: [F.application("magento")])
        let after = F.environment(applications: [F.application("magento"), F.application("redis")], relations: [["magento:cache", "redis:redis"]])
        let result = plan(after, .present(converged(before)))
        XCTAssertEqual(summary(result), [
            "juju.deploy bundle <- []",
            "juju.integrate magento:cache redis:redis <- [juju.deploy/bundle]",
            "juju.wait applications <- [juju.integrate/magento:cache redis:redis]",
        ])
        XCTAssertEqual(result.changes[0].parameters["applications"], .strings(["redis"]))
    }

    func testRelationsAddedAndRemoved() {
        let base = F.environment(applications: [F.application("a"), F.application("b"), F.application("c")],
                                 relations: [["a:db", "b:db"], ["a:cache", "c"]])
        let model = converged(base)
        let fewer = F.environment(applications: base.applications, relations: [["a:db", "b:db"]])
        let withheld = plan(fewer, .present(model))
        XCTAssertEqual(withheld.changes, [])
        XCTAssertEqual(withheld.withheld.map(\.kind), [.removeRelation])
        let pruned = plan(F.environment(applications: base.applications, relations: [["a:db", "b:db"]], prune: true), .present(model))
        XCTAssertEqual(pruned.changes.map(\.kind), [.removeRelation])
        XCTAssertEqual(pruned.changes.first?.target, "a:cache c")
    }

    func testApplicationsMissingFromGitAreRemovedOnlyWithPrune() {
        let model = converged(F.environment(applications: [F.application("magento"), F.application("legacy")]))
        let keep = plan(F.environment(applications: [F.application("magento")]), .present(model))
        XCTAssertEqual(keep.changes, [])
        XCTAssertEqual(keep.withheld, [WithheldChange(environment: "acme/production",
                                                        address: ChangeAddress(system: "juju", scope: "ctl/acme-production", resource: "application/legacy"),
                                                        kind: .removeApplication, target: "legacy",
                                                        reason: "application legacy is not in the manifests; prune is off (set policy.prune: true in tenant acme, or defaults.policy.prune: true in tenantctl.yaml for tenants that set none)")])
        let prune = plan(F.environment(applications: [F.application("magento")], prune: true), .present(model))
        XCTAssertEqual(prune.changes.map(\.id), ["juju.remove-application juju:ctl/acme-production/application/legacy"])
    }

    func testExposeFollowsTheManifest() {
        let before = F.environment(applications: [F.application("traefik", expose: false)])
        let result = plan(F.environment(applications: [F.application("traefik", expose: true)]), .present(converged(before)))
        XCTAssertEqual(result.changes.first?.kind, .expose)
        XCTAssertEqual(result.changes.first?.parameters["exposed"], .string("true"))
    }

    func testFailedObservationPlansNothingAndDeletesNothing() {
        let environment = F.environment(applications: [F.application("magento")], prune: true)
        let result = plan(environment, .failed("connection refused"))
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.skipped, [SkippedEnvironment(environment: "acme/production", reason: "observing model 'acme-production' failed: connection refused")])
    }

    func testUnknownControllerIsReportedForItsTenants() {
        let environment = F.environment(applications: [F.application("magento")])
        let observed = F.observed([key: .absent], controllerKnown: false)
        let result = JujuPlan.plan(desired: DesiredState(environments: [environment]), observed: observed)
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.skipped.first?.reason, "controller 'ctl' is not known to Juju (bootstrap it, or fix tenantctl.yaml)")
    }

    func testModelsOfDeletedTenantsNeedPruneAndTheModelLimit() {
        let other = ObservedModel(name: "gone-production", kind: .k8s)
        let observed = ObservedState(controllers: ["ctl": ObservedController(known: true, models: ["gone-production", "manual-model"])],
                                     models: [ObservedState.key(controller: "ctl", model: "gone-production"): .present(other)])
        let managed = ["ctl/gone-production": "gone/production"]
        let noPrune = JujuPlan.plan(desired: DesiredState(environments: []), observed: observed, options: PlanOptions(owned: JujuPlan.owned(models: managed)))
        XCTAssertEqual(noPrune.changes, [])
        XCTAssertEqual(noPrune.withheld.first?.kind, .destroyModel)
        let overLimit = JujuPlan.plan(desired: DesiredState(environments: []), observed: observed,
                                     options: PlanOptions(maxModelRemovals: 0, owned: JujuPlan.owned(models: managed), pruneRemovedTenants: true))
        XCTAssertEqual(overLimit.changes, [])
        XCTAssertEqual(overLimit.withheld.first?.reason, "1 models would be destroyed, more than --max-model-removals 0")
        let allowed = JujuPlan.plan(desired: DesiredState(environments: []), observed: observed,
                                   options: PlanOptions(maxModelRemovals: 1, owned: JujuPlan.owned(models: managed), pruneRemovedTenants: true))
        XCTAssertEqual(allowed.changes.map(\.id), ["juju.destroy-model juju:ctl/gone-production/model"])
        XCTAssertFalse(allowed.changes.contains { $0.model == "manual-model" }, "models tenantctl did not create are never touched")
    }

    func testTooManyRemovalsAreAllWithheld() {
        let model = converged(F.environment(applications: (0..<5).map { F.application("app\($0)") }))
        let result = plan(F.environment(applications: [], prune: true), .present(model), options: PlanOptions(maxRemovals: 3))
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.withheld.count, 5)
        XCTAssertTrue(result.withheld.allSatisfy { $0.reason == "the plan holds 5 removals, more than --max-removals 3" })
    }

    func testMachinesMatchConstraintsAsJujuReportsThem() {
        let environment = F.environment(kind: .iaas, applications: [],
                                        machines: [MachineGroup(count: 2, constraints: "cores=4 mem=8G root-disk=20G", base: "ubuntu@22.04")])
        // Juju answers with sizes in megabytes, keys reordered and arch added.
        let model = ObservedModel(name: "acme-production", kind: .iaas, machines: [
            "0": ObservedMachine(id: "0", constraints: "arch=amd64 cores=4 mem=8192M root-disk=20480M", base: "ubuntu@22.04", status: "started"),
            "1": ObservedMachine(id: "1", constraints: "mem=8192M arch=amd64 root-disk=20480M cores=4", base: "ubuntu@22.04", status: "started"),
            "2": ObservedMachine(id: "2", constraints: "arch=amd64 cores=2 mem=8192M", base: "ubuntu@22.04", status: "started"),
        ])
        XCTAssertEqual(plan(environment, .present(model)).changes, [])
        var short = model
        short.machines["1"]!.constraints = "arch=amd64 cores=4 mem=4096M root-disk=20480M"
        let result = plan(environment, .present(short))
        XCTAssertEqual(result.changes.map(\.kind), [.addMachine])
        XCTAssertEqual(result.changes.first?.parameters["count"], .int(1))
    }

    func testRelationsToConsumedOffersShowOnTheLocalSideOnly() {
        var environment = F.environment(applications: [F.application("magento")], relations: [["magento:search", "opensearch:opensearch-client"]])
        environment.saas = ["opensearch": "bibind-openstack:admin/search.opensearch"]
        var model = converged(F.environment(applications: [F.application("magento")]))
        XCTAssertEqual(plan(environment, .present(model)).changes.map(\.kind), [.integrate])
        model.relations = [ObservedRelation(application: "magento", endpoint: "search", remoteApplication: "opensearch")]
        XCTAssertEqual(plan(environment, .present(model)).changes, [])
    }

    func testTenantsOfASharedOfferGetNoJujuActions() {
        var environment = F.environment(applications: [])
        environment.sharedModel = true
        XCTAssertEqual(plan(environment, nil), Plan())
    }

    // Determinism is tested across processes, where Swift's hash seed differs:
    // ReconcileTests/PlanDeterminismTests.
}
