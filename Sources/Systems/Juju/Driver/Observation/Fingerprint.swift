import Foundation
import JujuPlanning
import PlanModel
import Reconciler

/// Digests of the observed Juju state a plan was computed from, one per scope: each controller's
/// model listing (`juju:k8s`) and each model (`juju:k8s/acme-production`). Applying a saved plan
/// re-observes and refuses to go on when a scope it acts on moved in between.
public enum Fingerprint {
    public static func scopes(of state: ObservedState) -> [String: String] {
        var digests: [String: String] = [:]
        let encoder = ScopeDigest.sortedEncoder()
        for (name, controller) in state.controllers {
            digests[ChangeAddress.scopeKey(system: JujuPlanner.systemName, scope: name)] = ScopeDigest.of(controller, with: encoder)
        }
        // Models are digested on every core: reading a snapshot checks one digest per model, and
        // at 10,000 tenants that was a fifth of `plan --observed`. The bytes digested are the same.
        let models = Array(state.models)
        let chunkCount = max(1, min(models.count / 256, ProcessInfo.processInfo.activeProcessorCount))
        let chunkSize = (models.count + chunkCount - 1) / chunkCount
        let results = DigestChunks(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let encoder = ScopeDigest.sortedEncoder()
            var part: [(String, String)] = []
            for (key, observation) in models[min(chunk * chunkSize, models.count)..<min((chunk + 1) * chunkSize, models.count)] {
                part.append((ChangeAddress.scopeKey(system: JujuPlanner.systemName, scope: key), ScopeDigest.of(Stable(observation), with: encoder)))
            }
            results.store(chunk, part)
        }
        for (scope, digest) in results.all { digests[scope] = digest }
        return digests
    }

    /// Each chunk's digests, stored from the worker that computed them.
    private final class DigestChunks: @unchecked Sendable {
        private var chunks: [[(String, String)]]
        private let lock = NSLock()

        init(count: Int) { chunks = Array(repeating: [], count: count) }

        func store(_ chunk: Int, _ digests: [(String, String)]) {
            lock.lock()
            defer { lock.unlock() }
            chunks[chunk] = digests
        }

        var all: [(String, String)] {
            lock.lock()
            defer { lock.unlock() }
            return chunks.flatMap { $0 }
        }
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
