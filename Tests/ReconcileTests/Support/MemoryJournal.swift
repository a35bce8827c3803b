import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The journal in memory, for engine tests that do not exercise the SQLite store.
final class MemoryJournal: Journal, OwnedResourceTree, @unchecked Sendable {
    private let lock = NSLock()
    /// The book of owned resources: system → address → entry.
    private var entries: [String: [String: OwnedEntry]] = [:]
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

    func ownedEntries(system: String, under address: String?) throws -> [OwnedEntry] {
        lock.withLock {
            (entries[system] ?? [:]).values
                .filter { address == nil || $0.address == address! || $0.address.hasPrefix(address! + "/") }
                .sorted { $0.address < $1.address }
        }
    }

    func recordOwnedEntry(system: String, address: String, owner: String?, applied: String?, digest: String?, owningSubtree: Bool) throws {
        lock.withLock {
            let kept = entries[system]?[address].flatMap { $0.applied == applied ? $0.digest : nil }
            entries[system, default: [:]][address] = OwnedEntry(address: address, owner: owner, applied: applied, digest: digest ?? kept)
            guard owningSubtree else { return }
            for key in entries[system]!.keys where key.hasPrefix(address + "/") { entries[system]![key]!.owner = owner }
        }
    }

    func forgetOwnedEntries(system: String, under address: String) throws {
        lock.withLock {
            entries[system] = entries[system]?.filter { $0.key != address && !$0.key.hasPrefix(address + "/") }
        }
    }
}

/// Secrets for tests: every reference resolves to a value derived from it.
struct FixedSecrets: SecretSource {
    func value(for reference: VaultReference) async throws -> String { "value-of-\(reference.key)" }
}
