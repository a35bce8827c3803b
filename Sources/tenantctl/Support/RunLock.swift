import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Store
import Systems
import TenantCore

/// The environments one `apply` holds for its whole run, in the state store: a second apply on
/// any of them waits, then names the holder; a holder that died is taken over. The wait itself
/// is the library's (`RunLocking`); this is the store's side and the CLI's words.
struct RunLock {
    let store: StateStore

    /// The environments a run may change (see `RunLocking.environments`).
    static func environments(of desired: DesiredState, engine: EngineOptions) -> [String] {
        let planned = desired.environments.filter { environment in
            guard let tenants = engine.tenantFilter else { return true }
            return environment.tenant.map(tenants.contains) ?? false
        }.map(\.id)
        return RunLocking.environments(planned: planned, tenants: engine.tenantFilter, present: Set(desired.environments.compactMap(\.tenant)))
    }

    static func acquire(store: StateStore, environments: [String], command: String, timeout: Duration, quiet: Bool,
                        poll: Duration = .milliseconds(250)) async throws -> RunLock {
        do {
            try await RunLocking.acquire(StoreLocks(store: store), environments: environments, command: command, timeout: timeout, poll: poll) { environment, holder in
                if !quiet { StandardStreams.error("waiting for \(holder) to finish with \(environment) (up to \(timeout.components.seconds) s, --lock-timeout)") }
            }
        } catch let busy as RunLocking.Busy {
            throw CLIError("\(busy.userMessage) (--lock-timeout). If that process is stuck, stop it: its lock is released when it exits.")
        }
        return RunLock(store: store)
    }

    /// A lock left behind (the release failed) is taken over by the next run once this process
    /// is gone, so a failure here is reported, not fatal.
    func release() {
        do { try store.releaseLocks() } catch {
            StandardStreams.error("warning: could not release the run lock in \(store.databasePath): \(error); the next run takes it over")
        }
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
