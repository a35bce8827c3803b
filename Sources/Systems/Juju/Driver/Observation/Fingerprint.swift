import Crypto
import Foundation
import JujuPlanning
import PlanModel

/// Digests of the observed Juju state a plan was computed from, one per scope: each controller's
/// model listing (`juju:k8s`) and each model (`juju:k8s/acme-production`). Applying a saved plan
/// re-observes and refuses to go on when a scope it acts on moved in between.
public enum Fingerprint {
    public static func scopes(of state: ObservedState) -> [String: String] {
        var digests: [String: String] = [:]
        for (name, controller) in state.controllers {
            digests[ChangeAddress.scopeKey(system: JujuPlanner.systemName, scope: name)] = digest(controller)
        }
        for (key, observation) in state.models {
            digests[ChangeAddress.scopeKey(system: JujuPlanner.systemName, scope: key)] = digest(Stable(observation))
        }
        return digests
    }

    static func digest<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain value types cannot fail; an empty digest would only make plans stale.
        let data = (try? encoder.encode(value)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A model without what changes by itself while nothing is done: unit and machine statuses
    /// move (allocating → idle) with no action, and must not make a plan stale.
    struct Stable: Encodable {
        let observation: ModelObservation

        init(_ observation: ModelObservation) {
            guard case var .present(model) = observation else {
                self.observation = observation
                return
            }
            for name in model.applications.keys {
                model.applications[name]!.units = model.applications[name]!.units.map {
                    ObservedUnit(name: $0.name, machine: $0.machine, workloadStatus: "", agentStatus: "")
                }
            }
            for id in model.machines.keys { model.machines[id]!.status = "" }
            self.observation = .present(model)
        }

        func encode(to encoder: Encoder) throws { try observation.encode(to: encoder) }
    }
}
