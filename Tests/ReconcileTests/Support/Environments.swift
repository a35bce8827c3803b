import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Desired environments for engine tests, on the juju-sim controllers `k8s` and `cloud`.
enum Environments {
    static func application(_ name: String, charm: String? = nil, channel: String? = "latest/stable", revision: Int? = nil,
                            units: Int? = 1, config: [String: ConfigValue] = [:], expose: Bool = false) -> DesiredApplication {
        DesiredApplication(name: name, charm: charm ?? name, channel: channel, revision: revision, units: units, config: config, expose: expose)
    }

    static func environment(_ id: String, kind: Controller.Kind, applications: [DesiredApplication], relations: [[String]] = [],
                            machines: [MachineGroup] = [], prune: Bool = true) -> DesiredEnvironment {
        let parts = id.split(separator: "/").map(String.init)
        return DesiredEnvironment(
            id: id, tenant: parts[0], environment: parts[1], offer: "pme", controller: kind == .k8s ? "k8s" : "cloud",
            controllerKind: kind, cloud: kind == .k8s ? "microk8s" : "openstack", model: "\(parts[0])-\(parts[1])",
            sharedModel: false, bundle: "b", ha: false, policy: Policy(sync: .auto, prune: prune), applications: applications,
            machines: machines, bundleMachines: [:], relations: relations, saas: [:], domains: [], secrets: [], labels: [:])
    }
}
