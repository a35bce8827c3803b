import Juju
import TenantCore

/// Reduces `juju status` and `juju export-bundle` of one model to what the planner compares.
public enum ObservedModelAdapter {
    public static func model(name: String, status: JujuStatus, bundle: ExportedBundle?,
                             appliedSecrets: [String: [String: String]]) -> ObservedModel {
        let kind: Controller.Kind = status.model.type == .caas ? .k8s : .iaas
        var applications: [String: ObservedApplication] = [:]
        var relations: [ObservedRelation] = []
        for (applicationName, application) in status.applications {
            let units = application.units.keys.sorted().map { unitName -> ObservedUnit in
                let unit = application.units[unitName]!
                return ObservedUnit(name: unitName, machine: unit.machine,
                                    workloadStatus: unit.workloadStatus?.current ?? "unknown", workloadMessage: unit.workloadStatus?.message,
                                    agentStatus: unit.jujuStatus?.current ?? "unknown", agentMessage: unit.jujuStatus?.message)
            }
            applications[applicationName] = ObservedApplication(
                charm: application.charmName, channel: application.charmChannel, revision: application.charmRevision,
                units: units, scale: kind == .k8s ? (application.scale ?? units.count) : nil,
                subordinate: application.isSubordinate, exposed: application.exposed,
                config: bundle?.applications[applicationName]?.options ?? [:],
                appliedSecrets: appliedSecrets[applicationName] ?? [:])
            for (endpoint, targets) in application.relations.sorted(by: { $0.key < $1.key }) {
                for target in targets {
                    relations.append(ObservedRelation(application: applicationName, endpoint: endpoint, remoteApplication: target.relatedApplication))
                }
            }
        }
        var machines: [String: ObservedMachine] = [:]
        for (id, machine) in status.machines {
            machines[id] = ObservedMachine(id: id, constraints: machine.constraints, base: machine.base?.description,
                                           status: machine.jujuStatus?.current ?? "unknown", containers: machine.containers.keys.sorted())
        }
        return ObservedModel(name: name, kind: kind, applications: applications, machines: machines,
                             relations: relations.sorted { ($0.application, $0.endpoint, $0.remoteApplication) < ($1.application, $1.endpoint, $1.remoteApplication) })
    }
}
