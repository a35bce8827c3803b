import JujuPlanning
import PlanModel
import TenantCore
import XCTest

/// Property: for random fleets (several tenants, environments and controllers) and random starting
/// worlds (nothing, or another fleet converged and then changed by hand), applying the plan to the
/// simulated world gives a world that matches the desired state read field by field, planning again
/// yields no action, and applying that second plan changes nothing. Tenants missing from the new
/// fleet lose their models with prune and keep them without.
final class PlannerPropertyTests: XCTestCase {
    func testApplyingAPlanConverges() {
        var random = SeededRandom(seed: 0x7e7a_c71)
        for round in 0..<300 {
            let prune = random.next(2) == 0
            let before = RandomFleet.fleet(&random, prune: prune)
            let after = RandomFleet.fleet(&random, prune: prune)

            var world = SimulatedWorld(observed: RandomFleet.emptyWorld, desired: before)
            if random.next(4) > 0 {
                world.apply(JujuPlan.plan(desired: before, observed: world.observed))
                RandomFleet.drift(&world, &random)
            }

            var target = SimulatedWorld(continuing: world, desired: after)
            let first = JujuPlan.plan(desired: after, observed: target.observed, options: options(target, prune: prune))
            XCTAssertTrue(isTopologicallyOrdered(first), "round \(round): actions must come after what they depend on")
            assertConfigKeysAreTheDifferingOnes(first, in: target.observed, desired: after, round: round)
            target.apply(first)
            let second = JujuPlan.plan(desired: after, observed: target.observed, options: options(target, prune: prune))
            XCTAssertEqual(second.changes.map(\.id), [], "round \(round): not converged after \(first.changes.map(\.id))")
            let settled = target.observed
            target.apply(second)
            XCTAssertEqual(target.observed, settled, "round \(round): an empty plan changed the world")
            if prune {
                XCTAssertEqual(second.withheld, [], "round \(round): with prune nothing should be left behind")
            }
            WorldOracle.assert(target.observed, matches: after, deletedFrom: world.managedModels, prune: prune, round: round)
        }
    }

    private func options(_ world: SimulatedWorld, prune: Bool) -> PlanOptions {
        PlanOptions(maxModelRemovals: 100, maxRemovals: 1000, owned: JujuPlan.owned(models: world.managedModels), pruneRemovedTenants: prune)
    }

    /// A config action names exactly the options whose value in the world differs from the
    /// desired one (a secret: whose applied reference differs); the executor sets those from the
    /// desired state, so a key left out or added is a wrong value sent or one sent for nothing.
    private func assertConfigKeysAreTheDifferingOnes(_ plan: Plan, in observed: ObservedState, desired: DesiredState, round: Int) {
        for environment in desired.environments {
            guard case let .present(model)? = observed.model(controller: environment.controller, name: environment.model) else { continue }
            for application in environment.applications {
                guard let current = model.applications[application.name] else { continue }
                let differing = application.config.filter { key, value in
                    if let reference = value.vaultReference { return current.appliedSecrets[key] != reference.description }
                    return current.config[key] != value
                }.keys.sorted()
                let action = plan.changes.first { $0.environment == environment.id && $0.kind == .config && $0.target == application.name }
                var keys: [String] = []
                if case let .strings(named)? = action?.parameters["keys"] { keys = named }
                XCTAssertEqual(keys.sorted(), differing, "round \(round): \(environment.id) \(application.name)")
            }
        }
    }

    func isTopologicallyOrdered(_ plan: Plan) -> Bool {
        var seen = Set<String>()
        for action in plan.changes {
            guard action.dependsOn.allSatisfy(seen.contains) else { return false }
            seen.insert(action.id)
        }
        return true
    }
}

/// SplitMix64: a tiny seeded generator, so every run of the property test is the same run.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
