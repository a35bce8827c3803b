import TenantCore
import XCTest

/// Property: for random desired states and random starting worlds, applying the plan to the
/// simulated world and planning again yields no action; applying that second plan changes nothing.
final class PlannerPropertyTests: XCTestCase {
    typealias F = PlanFixtures

    func testApplyingAPlanConverges() {
        var random = SeededRandom(seed: 0x7e7a_c71)
        for round in 0..<300 {
            let kind: Controller.Kind = random.next(2) == 0 ? .k8s : .iaas
            let prune = random.next(2) == 0
            let before = randomEnvironment(&random, kind: kind, prune: prune)
            let after = randomEnvironment(&random, kind: kind, prune: prune)
            let key = ObservedState.key(controller: "ctl", model: after.model)

            // Start from nothing, or from a world converged to another random desired state.
            var world = SimulatedWorld(observed: F.observed([key: .absent]), desired: DesiredState(environments: [before]))
            if random.next(3) > 0 { world.apply(Planner.plan(desired: DesiredState(environments: [before]), observed: world.observed)) }

            var target = SimulatedWorld(continuing: world, desired: DesiredState(environments: [after]))
            let desired = DesiredState(environments: [after])
            let first = Planner.plan(desired: desired, observed: target.observed)
            XCTAssertTrue(isTopologicallyOrdered(first), "round \(round): actions must come after what they depend on")
            target.apply(first)
            let second = Planner.plan(desired: desired, observed: target.observed)
            XCTAssertEqual(second.actions.map(\.id), [], "round \(round): not converged after \(first.actions.map(\.id))")
            let settled = target.observed
            target.apply(second)
            XCTAssertEqual(target.observed, settled, "round \(round): an empty plan changed the world")
            if prune {
                XCTAssertEqual(second.withheld, [], "round \(round): with prune nothing should be left behind")
            }
        }
    }

    func isTopologicallyOrdered(_ plan: Plan) -> Bool {
        var seen = Set<String>()
        for action in plan.actions {
            guard action.dependsOn.allSatisfy(seen.contains) else { return false }
            seen.insert(action.id)
        }
        return true
    }

    func randomEnvironment(_ random: inout SeededRandom, kind: Controller.Kind, prune: Bool) -> DesiredEnvironment {
        let names = ["magento", "mysql", "redis", "traefik", "opensearch", "router"]
        let chosen = names.filter { _ in random.next(3) > 0 }
        let applications = chosen.map { name -> DesiredApplication in
            let channel = ["2.4/stable", "2.5/stable", "latest/edge"][random.next(3)]
            let revision: Int? = random.next(2) == 0 ? nil : 50 + random.next(5)
            let units: Int? = name == "router" ? nil : random.next(4)
            var config: [String: ConfigValue] = [:]
            if random.next(2) == 0 { config["locale"] = .string(["fr_FR", "en_US"][random.next(2)]) }
            if random.next(2) == 0 { config["memory"] = .int(1024 * (1 + random.next(4))) }
            if random.next(2) == 0 { config["admin-password"] = .secret(VaultReference(path: "tenants/acme", key: "pw\(random.next(3))")) }
            return F.application(name, channel: channel, revision: revision, units: units, config: config, expose: random.next(4) == 0)
        }
        var relations: [[String]] = []
        for (index, name) in chosen.enumerated() where index + 1 < chosen.count && random.next(2) == 0 {
            relations.append(["\(name):ep\(random.next(2))", "\(chosen[index + 1]):peer"])
        }
        let machines = kind == .iaas && random.next(2) == 0
            ? [MachineGroup(count: 1 + random.next(3), constraints: ["cores=2", "mem=8G cores=4"][random.next(2)], base: "ubuntu@22.04")]
            : []
        return F.environment(kind: kind, applications: applications, relations: relations, machines: machines, prune: prune)
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
