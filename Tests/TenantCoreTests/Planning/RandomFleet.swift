import JujuPlanning
import PlanModel
import TenantCore

/// Random fleets for the planner property test: several tenants and environments spread over
/// several controllers of both kinds, and hand-made drift in a world already converged.
struct RandomFleet {
    static let controllers: [(name: String, kind: Controller.Kind)] = [("k8s-a", .k8s), ("iaas-b", .iaas), ("k8s-c", .k8s)]
    static let tenants = ["acme", "bravo", "corp", "delta"]
    static let environments = ["production", "staging"]

    /// Every model any fleet can have, absent, on controllers that are all known.
    static var emptyWorld: ObservedState {
        var models: [String: ModelObservation] = [:]
        for (tenant, environment) in ids() {
            let controller = controller(tenant, environment)
            models[ObservedState.key(controller: controller.name, model: "\(tenant)-\(environment)")] = .absent
        }
        return ObservedState(controllers: Dictionary(uniqueKeysWithValues: controllers.map { ($0.name, ObservedController(known: true)) }),
                             models: models)
    }

    /// An environment always lives on the same controller, so one missing from a fleet is a
    /// deleted tenant (or environment), never a moved one.
    static func controller(_ tenant: String, _ environment: String) -> (name: String, kind: Controller.Kind) {
        controllers[(tenants.firstIndex(of: tenant)! + environments.firstIndex(of: environment)!) % controllers.count]
    }

    static func ids() -> [(String, String)] {
        tenants.flatMap { tenant in environments.map { (tenant, $0) } }
    }

    /// About half of the eight possible environments.
    static func fleet(_ random: inout SeededRandom, prune: Bool) -> DesiredState {
        var environments: [DesiredEnvironment] = []
        for (tenant, name) in ids() where random.next(2) == 0 {
            let controller = controller(tenant, name)
            var environment = environment(&random, kind: controller.kind, prune: prune)
            environment.id = "\(tenant)/\(name)"
            environment.tenant = tenant
            environment.environment = name
            environment.controller = controller.name
            environment.model = "\(tenant)-\(name)"
            environments.append(environment)
        }
        return DesiredState(environments: environments)
    }

    static func environment(_ random: inout SeededRandom, kind: Controller.Kind, prune: Bool) -> DesiredEnvironment {
        let names = ["magento", "mysql", "redis", "traefik", "opensearch", "router"]
        let chosen = names.filter { _ in random.next(3) > 0 }
        let applications = chosen.map { name -> DesiredApplication in
            let channel = ["2.4/stable", "2.5/stable", "latest/edge"][random.next(3)]
            let revision: Int? = random.next(2) == 0 ? nil : 50 + random.next(5)
            let units: Int? = name == "router" ? nil : random.next(4)
            var config: [String: ConfigValue] = [:]
            if random.next(2) == 0 { config["locale"] = .string(["fr_FR", "en_US"][random.next(2)]) }
            if random.next(2) == 0 { config["memory"] = .int(1024 * (1 + random.next(4))) }
            if random.next(2) == 0 { config["debug"] = .bool(random.next(2) == 0) }
            if random.next(2) == 0 { config["admin-password"] = .secret(VaultReference(path: "tenants/acme", key: "pw\(random.next(3))")) }
            return PlanFixtures.application(name, channel: channel, revision: revision, units: units, config: config, expose: random.next(4) == 0)
        }
        var relations: [[String]] = []
        for (index, name) in chosen.enumerated() where index + 1 < chosen.count && random.next(2) == 0 {
            relations.append(["\(name):ep\(random.next(2))", "\(chosen[index + 1]):peer"])
        }
        let machines = kind == .iaas && random.next(2) == 0
            ? [MachineGroup(count: 1 + random.next(3), constraints: ["cores=2", "mem=8G cores=4"][random.next(2)], base: "ubuntu@22.04")]
            : []
        return PlanFixtures.environment(kind: kind, applications: applications, relations: relations, machines: machines, prune: prune)
    }

    /// Changes made by hand in every model that exists: options, units, exposure, channels, a
    /// stray application, removed relations and machines.
    static func drift(_ world: inout SimulatedWorld, _ random: inout SeededRandom) {
        for (key, observation) in world.observed.models.sorted(by: { $0.key < $1.key }) {
            guard case let .present(model) = observation else { continue }
            for name in model.applications.keys.sorted() where random.next(3) == 0 {
                switch random.next(6) {
                case 0: world.drift(key) { $0.applications[name]!.config["locale"] = .string("de_DE") }
                case 1: world.drift(key) { $0.applications[name]!.config["memory"] = .int(7) }
                case 2: world.drift(key) { $0.applications[name]!.exposed.toggle() }
                case 3: world.drift(key) { $0.applications[name]!.channel = "9.9/edge" }
                case 4:
                    world.drift(key) { model in
                        guard !model.applications[name]!.units.isEmpty else { return }
                        model.applications[name]!.units.removeLast()
                        if model.kind == .k8s { model.applications[name]!.scale = model.applications[name]!.units.count }
                    }
                default: world.dropRelations(of: name, in: key)
                }
            }
            if random.next(4) == 0 {
                world.drift(key) { $0.applications["stray"] = ObservedApplication(charm: "stray", channel: "latest/stable", revision: 1,
                                                                                  units: [PlanFixtures.unit("stray/0")], exposed: false) }
            }
            if random.next(4) == 0, let machine = model.machines.keys.sorted().first {
                world.drift(key) { $0.machines[machine] = nil }
            }
        }
    }
}
