import Crypto
import Foundation
import TenantCore

/// A digest of the observed state a plan was computed from: applying a saved plan re-observes
/// and refuses to go on when the world moved in between.
public enum Fingerprint {
    public static func of(_ state: ObservedState) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain value types cannot fail; an empty digest would only make plans stale.
        let data = (try? encoder.encode(Stable(state))) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The state without what changes by itself while nothing is done: unit and machine
    /// statuses move (allocating → idle) with no action, and must not make a plan stale.
    struct Stable: Encodable {
        let state: ObservedState

        init(_ state: ObservedState) {
            var state = state
            for (key, observation) in state.models {
                guard case var .present(model) = observation else { continue }
                for name in model.applications.keys {
                    model.applications[name]!.units = model.applications[name]!.units.map {
                        ObservedUnit(name: $0.name, machine: $0.machine, workloadStatus: "", agentStatus: "")
                    }
                }
                for id in model.machines.keys { model.machines[id]!.status = "" }
                state.models[key] = .present(model)
            }
            self.state = state
        }

        func encode(to encoder: Encoder) throws { try state.encode(to: encoder) }
    }
}
