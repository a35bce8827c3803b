import Foundation
import JujuDriver
import PlanModel
import Reconciler
import Systems
import TenantCore
import VaultDriver

/// Observes the world (or reads a snapshot) and plans against it, for the reports (plan, drift);
/// runs that apply go through `ReconcileRun`, which does the same under the run lock.
struct PlannedWorld {
    var desired: LoadedDesiredState
    var observed: ObservedWorld
    var fingerprints: [String: String]
    var owned: [String: [String: String]]
    var plan: Plan

    /// - Parameter fingerprinted: false when the plan is only read, never saved nor applied
    ///   (drift): its scopes are then not digested, which came after the last juju call.
    static func make(repository: RepositoryOptions, engine: EngineOptions, journal: StoreJournal?, snapshot: ObservationSnapshot? = nil,
                     fingerprinted: Bool = true) async throws -> PlannedWorld {
        let owned = try snapshot?.owned ?? journal?.owned() ?? [:]
        return try await make(desired: try LoadedDesiredState.load(repository, tenants: engine.tenantFilter, removed: RemovedTenants.owners(owned)),
                              engine: engine, journal: journal, snapshot: snapshot, fingerprinted: fingerprinted)
    }

    /// Plans from a snapshot file, read on another core while the manifests load (at 10,000
    /// tenants, 85 MB against 10,000 files): the load needs nothing from the snapshot until the
    /// `--tenant` names are checked against the owners it records.
    static func make(repository: RepositoryOptions, engine: EngineOptions, snapshotPath: String) async throws -> PlannedWorld {
        let (desired, snapshot) = try await loadBeside(repository: repository, engine: engine, snapshotPath: snapshotPath)
        return try await make(desired: desired, engine: engine, journal: nil, snapshot: snapshot)
    }

    /// The repository's analysis lives only in here: it is gone (files, manifests) before the
    /// planner starts, instead of when the caller's frame ends.
    private static func loadBeside(repository: RepositoryOptions, engine: EngineOptions,
                                   snapshotPath: String) async throws -> (LoadedDesiredState, ObservationSnapshot) {
        let reading = Task.detached { try ObservationSnapshot.read(snapshotPath) }
        let loaded = Result { Analysis(try RepositoryReader(options: repository).snapshot()) }
        // The snapshot's errors come first, as when it was read before the repository.
        let snapshot = try await reading.value
        let analysis = try CommandRunner.reportingErrors { try loaded.get() }
        return (try LoadedDesiredState.checked(analysis, tenants: engine.tenantFilter, removed: RemovedTenants.owners(snapshot.owned)), snapshot)
    }

    static func make(desired: LoadedDesiredState, engine: EngineOptions, journal: StoreJournal?, snapshot: ObservationSnapshot? = nil,
                     fingerprinted: Bool = true) async throws -> PlannedWorld {
        let reconciliation = Reconciliation(systems: Systems.all)
        if let snapshot {
            // Its fingerprints were checked when it was read.
            let plan = reconciliation.plan(desired: desired.state, observed: snapshot.observed, fingerprints: snapshot.fingerprints,
                                           options: engine.planOptions(owned: snapshot.owned, fleet: desired.fleet), commit: desired.commit)
            return PlannedWorld(desired: desired, observed: snapshot.observed, fingerprints: snapshot.fingerprints, owned: snapshot.owned, plan: plan)
        }
        let owned = try journal?.owned() ?? [:]
        let world = await reconciliation.observeAndPlan(desired: desired.state, fleet: desired.fleet,
                                                        drivers: engine.drivers(journal: journal, store: try engine.secretStore(fleet: desired.fleet)),
                                                        options: engine.planOptions(owned: owned, fleet: desired.fleet), commit: desired.commit,
                                                        fingerprinted: fingerprinted)
        return PlannedWorld(desired: desired, observed: world.observed, fingerprints: world.fingerprints, owned: owned, plan: world.plan)
    }
}
