import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Store
import Systems
import TenantCore

/// The environments a run holds for its whole run, in the state store: a second run on any of
/// them waits, then names the holder; a holder that died is taken over. The wait itself is the
/// library's (`RunLocking`, through `ReconcileRun`); this is the store's side and the CLI's words.
enum RunLock {
    /// The environments a run over `tenants` (all when nil) may change (see `RunLocking.environments`).
    static func environments(of desired: DesiredState, tenants: Set<String>?) -> [String] {
        let planned = desired.environments.filter { environment in
            guard let tenants else { return true }
            return environment.tenant.map(tenants.contains) ?? false
        }.map(\.id)
        return RunLocking.environments(planned: planned, tenants: tenants, present: Set(desired.environments.compactMap(\.tenant)))
    }

    static func waitingLine(environment: String, holder: String, timeout: Int) -> String {
        "waiting for \(holder) to finish with \(environment) (up to \(timeout) s, --lock-timeout)"
    }

    static func gaveUp(_ busy: RunLocking.Busy) -> CLIError {
        CLIError("\(busy.userMessage) (--lock-timeout). If that process is stuck, stop it: its lock is released when it exits.")
    }
}

/// The state store's environment locks, as the library's protocol.
struct StoreLocks: EnvironmentLocks {
    let store: StateStore

    func tryLock(_ environments: [String], command: String) throws -> (environment: String, holder: String)? {
        let attempt: LockAttempt
        do { attempt = try store.acquireLocks(environments, command: command, at: Date()) } catch {
            throw CLIError("cannot take the run lock in \(store.databasePath): \(error)")
        }
        guard case let .held(holder) = attempt else { return nil }
        return (holder.environment, "\(holder)")
    }

    func unlock() throws { try store.releaseLocks() }
}
