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

    static func make(repository: RepositoryOptions, engine: EngineOptions, journal: StoreJournal?, snapshot: ObservationSnapshot? = nil) async throws -> PlannedWorld {
        let owned = try snapshot?.owned ?? journal?.owned() ?? [:]
        return try await make(desired: try LoadedDesiredState.load(repository, tenants: engine.tenantFilter, removed: RemovedTenants.owners(owned)),
                              engine: engine, journal: journal, snapshot: snapshot)
    }

    static func make(desired: LoadedDesiredState, engine: EngineOptions, journal: StoreJournal?, snapshot: ObservationSnapshot? = nil) async throws -> PlannedWorld {
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
                                                        options: engine.planOptions(owned: owned, fleet: desired.fleet), commit: desired.commit)
        return PlannedWorld(desired: desired, observed: world.observed, fingerprints: world.fingerprints, owned: owned, plan: world.plan)
    }
}
