import Foundation
import JujuDriver
import VaultDriver
import JujuDriver
import PlanModel
import Reconciler
import Store
import Systems
import TenantCore

/// The library's `ReconcileRun` on the state store and the registered systems, from the engine
/// options: the one place `apply` and `serve` build their runs.
enum StoreReconcileRun {
    static func make(journal: StoreJournal, engine: EngineOptions, secrets: (any SecretStore)?, command: String,
                     lockTimeout: Duration, gate: HealthGate, waitingForLock: @escaping @Sendable (String, String) -> Void,
                     progress: @escaping @Sendable (String) -> Void, changeJournal: (any Journal)? = nil) -> ReconcileRun {
        let store = journal.store
        return ReconcileRun(
            reconciliation: Reconciliation(systems: Systems.all), locks: StoreLocks(store: store), journal: journal, command: command,
            lockTimeout: lockTimeout, waitingForLock: waitingForLock,
            warn: { StandardStreams.error("warning: \($0) (\(store.databasePath))") },
            observers: { engine.drivers(journal: journal, store: secrets) },
            appliers: { desired in engine.drivers(journal: journal, store: secrets, applying: ApplySettings(desired: desired, gate: gate)) },
            parallelism: engine.parallelism, progress: progress, changeJournal: changeJournal)
    }

    /// What a run over `desired` reconciles: the environments of `tenants` (every one when nil)
    /// and, when that may remove deleted tenants, their lock too. The planning options are read
    /// under the lock: what tenantctl owns may have been changed by the run that held it.
    static func target(_ desired: LoadedDesiredState, engine: EngineOptions, journal: StoreJournal,
                       tenants: Set<String>?) -> ReconcileRun.Target {
        let fleet = desired.fleet
        return ReconcileRun.Target(
            desired: desired.state, fleet: fleet, commit: desired.commit,
            environments: RunLock.environments(of: desired.state, tenants: tenants),
            options: { engine.planOptions(owned: try journal.owned(), fleet: fleet, tenants: tenants) })
    }
}
