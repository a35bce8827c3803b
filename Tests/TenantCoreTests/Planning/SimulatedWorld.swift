import JujuPlanning
import PlanModel
import TenantCore

/// What Juju would look like after each action: a model of the executors' effects, used to check
/// that applying a plan converges (planning again gives an empty plan).
struct SimulatedWorld {
    var observed: ObservedState
    let desired: DesiredState
    /// Relations as Juju knows them (both endpoints), per model; status shows each as two sides.
    private var pairs: [String: [[ObservedRelation]]] = [:]
    /// Models an add-model action created, by key, with the environment that owned them: what
    /// the journal records and what a destroy-model may touch.
    private(set) var managedModels: [String: String] = [:]

    init(observed: ObservedState, desired: DesiredState) {
        self.observed = observed
        self.desired = desired
    }

    /// The same world, now driven towards another desired state.
    init(continuing world: SimulatedWorld, desired: DesiredState) {
        self.observed = world.observed
        self.desired = desired
        self.pairs = world.pairs
        self.managedModels = world.managedModels
    }

    /// A change made by hand, outside any plan (drift).
    mutating func drift(_ key: String, _ change: (inout ObservedModel) -> Void) {
        guard case var .present(model) = observed.models[key] else { return }
        change(&model)
        observed.models[key] = .present(model)
    }

    /// `juju remove-relation` by hand: every relation of one application goes.
    mutating func dropRelations(of application: String, in key: String) {
        pairs[key, default: []].removeAll { $0.contains { $0.application == application } }
        let relations = pairs[key, default: []].flatMap { $0 }
        drift(key) { $0.relations = relations }
    }

    mutating func apply(_ plan: Plan) {
        for action in plan.changes { apply(action) }
    }

    private func environment(_ action: Change) -> DesiredEnvironment? {
        desired.environments.first { $0.id == action.environment }
    }

    mutating func apply(_ action: Change) {
        let key = ObservedState.key(controller: action.controller, model: action.model)
        if action.kind == .addModel {
            let kind = environment(action)?.controllerKind ?? .k8s
            observed.models[key] = .present(ObservedModel(name: action.model, kind: kind))
            observed.controllers[action.controller]?.models.append(action.model)
            managedModels[key] = action.environment
            return
        }
        if action.kind == .destroyModel {
            observed.models[key] = .absent
            observed.controllers[action.controller]?.models.removeAll { $0 == action.model }
            managedModels[key] = nil
            pairs[key] = nil
            return
        }
        guard case var .present(model) = observed.models[key] else { fatalError("\(action.id) on a model that is not there") }
        let environment = environment(action)
        switch action.kind {
        case .addMachine:
            guard case let .int(count)? = action.parameters["count"] else { fatalError() }
            // Juju never reuses a machine number within a model.
            var nextMachine = model.machines.keys.compactMap { Int($0) }.max() ?? 100
            for _ in 0..<count {
                nextMachine += 1
                model.machines[String(nextMachine)] = ObservedMachine(
                    id: String(nextMachine), constraints: action.parameters["constraints"]?.description,
                    base: action.parameters["base"]?.description, status: "started")
            }
        case .deploy:
            guard case let .strings(names)? = action.parameters["applications"], let environment else { fatalError() }
            for name in names {
                let desired = environment.application(named: name)!
                model.applications[name] = deployed(desired, kind: model.kind)
            }
            for pair in environment.relations where names.contains(where: { n in pair.contains { $0.hasPrefix(n) } }) {
                connect(pair, in: &model, key: key)
            }
        case .refresh:
            var application = model.applications[action.target]!
            if case let .string(channel)? = action.parameters["channel"] { application.channel = channel }
            if case let .int(revision)? = action.parameters["revision"] { application.revision = revision } else { application.revision = 999 }
            if case let .string(charm)? = action.parameters["switch"] { application.charm = charm }
            model.applications[action.target] = application
        case .scale:
            guard case let .int(to)? = action.parameters["to"] else { fatalError() }
            setUnits(action.target, count: to, in: &model)
        case .removeUnit:
            guard case let .string(name)? = action.parameters["application"] else { fatalError() }
            model.applications[name]!.units.removeAll { $0.name == action.target }
        case .config:
            // The action carries the keys only: like JujuExecutor.configure, the values come from
            // the desired state (secrets through the secret source). Wrong keys are caught by the
            // property test, which checks they are exactly the differing ones and reads the
            // world's values against the desired ones directly.
            let desired = environment!.application(named: action.target)!
            guard case let .strings(keys)? = action.parameters["keys"] else { fatalError() }
            for key in keys {
                guard let value = desired.config[key] else { continue }
                set(key, value, on: &model.applications[action.target]!)
            }
        case .expose:
            model.applications[action.target]!.exposed = action.parameters["exposed"]?.description == "true"
        case .integrate:
            guard case let .strings(endpoints)? = action.parameters["endpoints"] else { fatalError() }
            connect(endpoints, in: &model, key: key)
        case .removeRelation:
            guard case let .strings(endpoints)? = action.parameters["endpoints"] else { fatalError() }
            let side = endpoints[0].split(separator: ":").map(String.init)
            if let index = pairs[key, default: []].firstIndex(where: { pair in
                pair.contains { $0.application == side[0] && $0.endpoint == side[1] && $0.remoteApplication == endpoints[1] }
            }) {
                pairs[key]!.remove(at: index)
            }
            model.relations = pairs[key, default: []].flatMap { $0 }
        case .removeApplication:
            model.applications[action.target] = nil
            pairs[key, default: []].removeAll { $0.contains { $0.application == action.target } }
            model.relations = pairs[key, default: []].flatMap { $0 }
        case .removeMachine:
            model.machines[action.target] = nil
        case .resetConfig:
            if case let .strings(keys)? = action.parameters["keys"] {
                for key in keys { model.applications[action.target]?.config[key] = nil }
            }
        case .wait, .addModel, .destroyModel:
            break
        default:
            fatalError("\(action.kind) is not a Juju kind")
        }
        observed.models[key] = .present(model)
    }

    private func deployed(_ desired: DesiredApplication, kind: Controller.Kind) -> ObservedApplication {
        var application = ObservedApplication(charm: desired.charm, channel: desired.channel, revision: desired.revision ?? 999,
                                              subordinate: desired.units == nil, exposed: desired.expose)
        for (key, value) in desired.config { set(key, value, on: &application) }
        if let units = desired.units {
            if kind == .k8s { application.scale = units }
            application.units = (0..<units).map { PlanFixtures.unit("\(desired.name)/\($0)") }
        }
        return application
    }

    private func set(_ key: String, _ value: ConfigValue, on application: inout ObservedApplication) {
        if let reference = value.vaultReference {
            application.config[key] = .string("<secret value>")
            application.appliedSecrets[key] = reference.description
        } else {
            application.config[key] = value
        }
    }

    private func setUnits(_ name: String, count: Int, in model: inout ObservedModel) {
        var application = model.applications[name]!
        if model.kind == .k8s { application.scale = count }
        let highest = application.units.map { UnitNumber.of($0.name) }.max() ?? -1
        if application.units.count < count {
            application.units += (0..<(count - application.units.count)).map { PlanFixtures.unit("\(name)/\(highest + 1 + $0)") }
        } else {
            application.units = Array(application.units.sorted { UnitNumber.of($0.name) < UnitNumber.of($1.name) }.prefix(count))
        }
        model.applications[name] = application
    }

    private mutating func connect(_ endpoints: [String], in model: inout ObservedModel, key: String) {
        let a = endpoints[0].split(separator: ":").map(String.init), b = endpoints[1].split(separator: ":").map(String.init)
        guard model.applications[a[0]] != nil, model.applications[b[0]] != nil else { return }
        let relationA = ObservedRelation(application: a[0], endpoint: a.count > 1 ? a[1] : "rel", remoteApplication: b[0])
        let relationB = ObservedRelation(application: b[0], endpoint: b.count > 1 ? b[1] : "rel", remoteApplication: a[0])
        // Like `juju integrate`, an existing relation is not added twice.
        if !pairs[key, default: []].contains(where: { Set($0) == Set([relationA, relationB]) }) {
            pairs[key, default: []].append([relationA, relationB])
        }
        model.relations = pairs[key, default: []].flatMap { $0 }
    }
}

enum UnitNumber {
    static func of(_ unit: String) -> Int { Int(unit.split(separator: "/").last ?? "") ?? 0 }
}
