import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Store
import Systems
import TenantCore

/// The environments one `apply` holds for its whole run, in the state store: a second apply on
/// any of them waits, then names the holder; a holder that died is taken over.
struct RunLock {
    let store: StateStore

    /// The environments a run may change: those it plans for, and, for a run over the whole
    /// fleet (which alone plans the removal of deleted tenants), the deleted tenants' models.
    static func environments(of desired: DesiredState, engine: EngineOptions) -> [String] {
        let planned = desired.environments.filter { environment in
            guard let tenants = engine.tenantFilter else { return true }
            return environment.tenant.map(tenants.contains) ?? false
        }.map(\.id)
        // A run over the whole fleet, or one naming a tenant no longer in git, may destroy models.
        let present = Set(desired.environments.compactMap(\.tenant))
        let namesRemoved = engine.tenantFilter.map { !$0.isSubset(of: present) } ?? true
        return planned + (namesRemoved ? [deletedTenants] : [])
    }

    static let deletedTenants = "(deleted tenants)"

    static func acquire(store: StateStore, environments: [String], command: String, timeout: Duration, quiet: Bool,
                        poll: Duration = .milliseconds(250)) async throws -> RunLock {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var announced = false
        while true {
            let attempt: LockAttempt
            do { attempt = try store.acquireLocks(environments, command: command, at: Date()) } catch {
                throw CLIError("cannot take the run lock in \(store.databasePath): \(error)")
            }
            guard case let .held(holder) = attempt else { return RunLock(store: store) }
            guard clock.now < deadline else {
                throw CLIError("environment \(holder.environment) is being applied by \(holder); gave up after \(timeout.components.seconds) s (--lock-timeout). If that process is stuck, stop it: its lock is released when it exits.")
            }
            if !announced, !quiet {
                StandardStreams.error("waiting for \(holder) to finish with \(holder.environment) (up to \(timeout.components.seconds) s, --lock-timeout)")
                announced = true
            }
            try await Task.sleep(for: poll)
        }
    }

    /// A lock left behind (the release failed) is taken over by the next run once this process
    /// is gone, so a failure here is reported, not fatal.
    func release() {
        do { try store.releaseLocks() } catch {
            StandardStreams.error("warning: could not release the run lock in \(store.databasePath): \(error); the next run takes it over")
        }
    }
}
