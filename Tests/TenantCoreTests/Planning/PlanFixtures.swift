import JujuPlanning
import PlanModel
import TenantCore

/// Builders for desired environments and observed models used by the planner tests.
enum PlanFixtures {
    static func application(_ name: String, charm: String? = nil, channel: String? = "stable", revision: Int? = nil, units: Int? = 1,
                            config: [String: ConfigValue] = [:], expose: Bool = false) -> DesiredApplication {
        DesiredApplication(name: name, charm: charm ?? name, channel: channel, revision: revision, units: units,
                           config: config, expose: expose)
    }

    static func environment(_ id: String = "acme/production", kind: Controller.Kind = .k8s, applications: [DesiredApplication],
                            relations: [[String]] = [], machines: [MachineGroup] = [], prune: Bool = false) -> DesiredEnvironment {
        let parts = id.split(separator: "/").map(String.init)
        return DesiredEnvironment(
            id: id, tenant: parts[0], environment: parts[1], offer: "pme", controller: "ctl", controllerKind: kind,
            cloud: kind == .k8s ? "microk8s" : "openstack", model: "\(parts[0])-\(parts[1])", sharedModel: false,
            bundle: "b", ha: false, policy: Policy(sync: .auto, prune: prune), applications: applications,
            machines: machines, bundleMachines: [:], relations: relations, saas: [:], domains: [], secrets: [], labels: [:])
    }

    static func observed(_ models: [String: ModelObservation], controllerKnown: Bool = true) -> ObservedState {
        ObservedState(controllers: ["ctl": ObservedController(known: controllerKnown, models: models.compactMap { key, value in
            if case .present = value { return String(key.split(separator: "/")[1]) }
            return nil
        })], models: models)
    }

    static func unit(_ name: String) -> ObservedUnit {
        ObservedUnit(name: name, workloadStatus: "active", agentStatus: "idle")
    }
}

