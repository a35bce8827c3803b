import Foundation
import JujuDriver
import PlanModel
import Reconciler
import Systems
import TenantCore
import VaultDriver

/// Observes the world (or reads a snapshot) and plans against it: the common first half of
/// plan, apply and drift.
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

    /// - Parameter store: the run's secret store, when the caller goes on to use it (apply);
    ///   else the one the options name.
    static func make(desired: LoadedDesiredState, engine: EngineOptions, journal: StoreJournal?, snapshot: ObservationSnapshot? = nil,
                     store: (any SecretStore)?? = nil, fingerprinted: Bool = true) async throws -> PlannedWorld {
        let reconciliation = Reconciliation(systems: Systems.all)
        let observed: ObservedWorld
        let owned: [String: [String: String]]
        let fingerprints: [String: String]
        if let snapshot {
            // Its fingerprints were checked when it was read.
            observed = snapshot.observed
            owned = snapshot.owned
            fingerprints = snapshot.fingerprints
        } else {
            owned = try journal?.owned() ?? [:]
            observed = await reconciliation.observe(ObservationRequest(desired: desired.state, fleet: desired.fleet),
                                                    drivers: engine.drivers(journal: journal, store: try store ?? engine.secretStore(fleet: desired.fleet)))
            fingerprints = fingerprinted ? reconciliation.fingerprints(of: observed) : [:]
        }
        let plan = reconciliation.plan(desired: desired.state, observed: observed, fingerprints: fingerprints,
                                       options: engine.planOptions(owned: owned, fleet: desired.fleet), commit: desired.commit)
        return PlannedWorld(desired: desired, observed: observed, fingerprints: fingerprints, owned: owned, plan: plan)
    }
}
