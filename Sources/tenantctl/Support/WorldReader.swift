import Engine
import Foundation
import TenantCore

/// Observes the world (or reads a snapshot) and plans against it: the common first half of
/// plan, apply and drift.
struct PlannedWorld {
    var desired: LoadedDesiredState
    var observed: ObservedState
    var fingerprint: String
    var managedModels: [String: String]
    var plan: Plan

    static func make(repository: RepositoryOptions, engine: EngineOptions, journal: StoreJournal?, snapshot: ObservationSnapshot? = nil) async throws -> PlannedWorld {
        let managed = try snapshot?.managedModels ?? journal?.managedModels() ?? [:]
        return try await make(desired: try LoadedDesiredState.load(repository, tenants: engine.tenantFilter, removed: RemovedTenants.owners(managed)),
                              engine: engine, journal: journal, snapshot: snapshot)
    }

    static func make(desired: LoadedDesiredState, engine: EngineOptions, journal: StoreJournal?, snapshot: ObservationSnapshot? = nil) async throws -> PlannedWorld {
        let observed: ObservedState
        let managed: [String: String]
        if let snapshot {
            observed = snapshot.observed
            managed = snapshot.managedModels
        } else {
            managed = try journal?.managedModels() ?? [:]
            observed = await Observer(juju: engine.juju, parallelism: engine.parallelism, journal: journal)
                .observe(desired.state, controllers: desired.controllers)
        }
        // A snapshot's fingerprint was checked when it was read; computing it again costs a third of
        // a 10,000-tenant plan.
        let fingerprint = snapshot?.fingerprint ?? Fingerprint.of(observed)
        let plan = Planner.plan(desired: desired.state, observed: observed,
                                options: engine.planOptions(managedModels: managed, fleet: desired.fleet),
                                commit: desired.commit, fingerprint: fingerprint)
        return PlannedWorld(desired: desired, observed: observed, fingerprint: fingerprint, managedModels: managed, plan: plan)
    }
}
