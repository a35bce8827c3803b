import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The journal in memory, for engine tests that do not exercise the SQLite store.
final class MemoryJournal: JujuBookkeeping, @unchecked Sendable {
    private let lock = NSLock()
    private var managed: [String: String] = [:]
    private var secrets: [String: [String: [String: String]]] = [:]
    private(set) var attempts: [(action: String, attempt: Int, succeeded: Bool?, error: String?)] = []
    /// Changes that never started, with why.
    private(set) var notRun: [(action: String, reason: String, interrupted: Bool)] = []

    func startRun(command: String, commit: String?, fingerprint: String?) throws -> Int64 { 1 }
    func finishRun(_ run: Int64, succeeded: Bool, summary: String) throws {}

    func startAction(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String, attempt: Int) throws -> Int64 {
        lock.withLock {
            attempts.append((action, attempt, nil, nil))
            return Int64(attempts.count - 1)
        }
    }

    func recordNotRun(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String,
                      reason: String, interrupted: Bool) throws {
        lock.withLock { notRun.append((action, reason, interrupted)) }
    }

    func finishAction(_ entry: Int64, succeeded: Bool, error: String?) throws {
        lock.withLock {
            attempts[Int(entry)].succeeded = succeeded
            attempts[Int(entry)].error = error
        }
    }

    func managedModels() throws -> [String: String] { lock.withLock { managed } }

    func recordManagedModel(controller: String, model: String, environment: String) throws {
        lock.withLock { managed["\(controller)/\(model)"] = environment }
    }

    func forgetManagedModel(controller: String, model: String) throws {
        _ = lock.withLock { managed.removeValue(forKey: "\(controller)/\(model)") }
    }

    func appliedSecrets(controller: String, model: String) throws -> [String: [String: String]] {
        lock.withLock { secrets["\(controller)/\(model)"] ?? [:] }
    }

    func recordAppliedSecret(controller: String, model: String, application: String, key: String, reference: String) throws {
        lock.withLock { secrets["\(controller)/\(model)", default: [:]][application, default: [:]][key] = reference }
    }

    func forgetApplication(controller: String, model: String, application: String) throws {
        _ = lock.withLock { secrets["\(controller)/\(model)"]?.removeValue(forKey: application) }
    }
}

/// Secrets for tests: every reference resolves to a value derived from it.
struct FixedSecrets: SecretSource {
    func value(for reference: VaultReference) async throws -> String { "value-of-\(reference.key)" }
}
