import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The model `juju status` and `export-bundle` would show for an environment that tenantctl
/// applied and nobody touched since: the planner must find nothing to do in it.
enum ConvergedModel {
    static func make(_ environment: DesiredEnvironment) -> ObservedModel {
        let kind = environment.controllerKind
        var placer = MachinePlacer(defaultBase: environment.applications.compactMap(\.base).first)
        if kind == .iaas { placer.addGroups(environment.machines) }
        var applications: [String: ObservedApplication] = [:]
        for desired in environment.applications {
            let subordinate = desired.units == nil
            var units: [ObservedUnit] = []
            // Subordinate units are listed under their principals' units, not their own application.
            for index in 0..<(desired.units ?? 0) {
                let machine = kind == .iaas ? placer.machine(for: desired, unit: index, bundleMachines: environment.bundleMachines) : nil
                units.append(ObservedUnit(name: "\(desired.name)/\(index)", machine: machine, workloadStatus: "active", agentStatus: "idle"))
            }
            applications[desired.name] = ObservedApplication(
                charm: desired.charm, channel: desired.channel.map(Self.reportedChannel),
                revision: desired.revision ?? publishedRevision(of: desired.charm), units: units,
                scale: kind == .k8s && !subordinate ? units.count : nil, subordinate: subordinate, exposed: desired.expose,
                config: desired.config.filter { $0.value.vaultReference == nil },
                // Options set from Vault: the journal's record of the reference applied, never the value.
                appliedSecrets: desired.config.compactMapValues { $0.vaultReference?.description })
        }
        return ObservedModel(name: environment.model, kind: kind, applications: applications,
                             machines: kind == .iaas ? placer.machines : [:], relations: relations(of: environment))
    }

    /// Juju reports channels with their track: `stable` is `latest/stable`.
    static func reportedChannel(_ channel: String) -> String {
        channel.contains("/") ? channel : "latest/\(channel)"
    }

    /// The revision a channel-only application got: stable per charm, like a store's answer.
    static func publishedRevision(of charm: String) -> Int {
        20 + charm.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) % 997 } % 180
    }

    /// Each relation once per side, as status lists them; a consumed offer (`saas:`) shows only
    /// the local side.
    static func relations(of environment: DesiredEnvironment) -> [ObservedRelation] {
        var relations: Set<ObservedRelation> = []
        for pair in environment.relations where pair.count == 2 {
            let sides = pair.map(Side.init)
            for (local, remote) in [(sides[0], sides[1]), (sides[1], sides[0])] where environment.saas[local.application] == nil {
                let endpoint = local.endpoint ?? remote.endpoint ?? "juju-info"
                relations.insert(ObservedRelation(application: local.application, endpoint: endpoint, remoteApplication: remote.application))
            }
        }
        return relations.sorted { ($0.application, $0.endpoint, $0.remoteApplication) < ($1.application, $1.endpoint, $1.remoteApplication) }
    }

    /// `app:endpoint` or a bare `app`, as bundles write relation sides.
    private struct Side {
        var application: String
        var endpoint: String?

        init(_ text: String) {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            application = parts.first ?? text
            endpoint = parts.count > 1 ? parts[1] : nil
        }
    }
}
