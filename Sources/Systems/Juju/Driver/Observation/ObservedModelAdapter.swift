import Juju
import TenantCore
import JujuPlanning
import PlanModel
import Reconciler

/// Reduces `juju status` and `juju export-bundle` of one model to what the planner compares.
public enum ObservedModelAdapter {
    /// What an observation holds in place of a secret option's value: snapshots are published to
    /// CI and fingerprints hashed, and neither may carry a secret. The planner compares secret
    /// options by the Vault reference last applied, never by value, so nothing is lost.
    public static let secretValue = ConfigValue.string("(secret set)")

    /// - Parameter secretOptions: per application, the options whose desired value is a Vault
    ///   reference; options whose name says they hold a secret are hidden too.
    ///   `digestKey` turns a secret value into a keyed digest (else `(secret set)`);
    ///   `appliedDigests` are the journal's digests of what tenantctl applied.
    public static func model(name: String, status: JujuStatus, bundle: ExportedBundle?,
                             appliedSecrets: [String: [String: String]], secretOptions: [String: Set<String>] = [:],
                             digestKey: [UInt8]? = nil, appliedDigests: [String: [String: String]] = [:]) -> ObservedModel {
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
                config: hidingSecrets(bundle?.applications[applicationName]?.options ?? [:], secret: secretOptions[applicationName] ?? [],
                                      digestKey: digestKey),
                appliedSecrets: appliedSecrets[applicationName] ?? [:], appliedDigests: appliedDigests[applicationName],
                address: address(of: application, kind: kind))
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

    /// k8s: the application's service address; IaaS: the first unit (by name) with a public
    /// address. Empty strings count as none (Juju writes `""` while a unit is allocating).
    static func address(of application: JujuStatus.Application, kind: Controller.Kind) -> String? {
        if kind == .k8s, let address = application.address, !address.isEmpty { return address }
        for name in application.units.keys.sorted() {
            if let address = application.units[name]?.publicAddress, !address.isEmpty { return address }
        }
        return nil
    }

    static func hidingSecrets(_ options: [String: ConfigValue], secret: Set<String>, digestKey: [UInt8]?) -> [String: ConfigValue] {
        var result = options
        for (key, value) in options where secret.contains(key) || SecretNames.isSensitive(key) {
            result[key] = digestKey.map { .string(SecretDigest.of(value.description, key: $0)) } ?? secretValue
        }
        return result
    }
}
