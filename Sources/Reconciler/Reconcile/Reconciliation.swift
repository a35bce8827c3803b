import PlanModel
import TenantCore

/// The observe → plan half of a run, for every registered system: what `plan`, `apply`, `drift`
/// and the daemon share. The systems come in as parameters: the engine names none of them.
public struct Reconciliation: Sendable {
    public var systems: [any RegisteredSystem]

    public init(systems: [any RegisteredSystem]) {
        self.systems = systems
    }

    /// Every driver observes at the same time (each bounds its own calls).
    public func observe(_ request: ObservationRequest, drivers: [any SystemDriver]) async -> ObservedWorld {
        await withTaskGroup(of: (String, any SystemObservation).self) { group in
            for driver in drivers {
                group.addTask { (driver.system, await driver.observe(request)) }
            }
            var world = ObservedWorld()
            for await (name, observation) in group { world.systems[name] = observation }
            return world
        }
    }

    /// The observed world's fingerprints, by scope, as each system computes them.
    public func fingerprints(of world: ObservedWorld) -> [String: String] {
        var fingerprints: [String: String] = [:]
        for system in systems {
            guard let observation = world.systems[system.name] else { continue }
            fingerprints.merge(system.fingerprints(of: observation)) { first, _ in first }
        }
        return fingerprints
    }

    /// The plan: every system's planner, then the policies. Pure.
    public func plan(desired: DesiredState, observed: ObservedWorld, fingerprints: [String: String],
                     options: PlanOptions, commit: String?) -> Plan {
        PlanComposer.plan(desired: desired, observed: observed, systems: systems.map(\.planner), options: options,
                          commit: commit, fingerprints: fingerprints)
    }
}

extension Reconciliation {
    /// What one observation gives: the world, its fingerprints and the plan against it.
    public struct PlannedWorld: Sendable {
        public var observed: ObservedWorld
        public var fingerprints: [String: String]
        public var plan: Plan
    }

    /// Observe, fingerprint, plan: the sequence every run and every report goes through.
    /// - Parameter fingerprinted: false when the plan is only read, never saved nor applied
    ///   (drift): its scopes are then not digested.
    public func observeAndPlan(desired: DesiredState, fleet: Fleet?, drivers: [any SystemDriver], options: PlanOptions,
                               commit: String?, fingerprinted: Bool = true) async -> PlannedWorld {
        let observed = await observe(ObservationRequest(desired: desired, fleet: fleet), drivers: drivers)
        let fingerprints = fingerprinted ? self.fingerprints(of: observed) : [:]
        return PlannedWorld(observed: observed, fingerprints: fingerprints,
                            plan: plan(desired: desired, observed: observed, fingerprints: fingerprints, options: options, commit: commit))
    }
}
