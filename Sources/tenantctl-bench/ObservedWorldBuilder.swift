import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Builds a realistic observation of a desired state: most environments converged, about 10%
/// drifted out of band, about 1% with their model missing, plus a few models of deleted tenants,
/// and every controller known with its model list. Seeded: the same inputs give the same world.
struct ObservedWorldBuilder {
    static let driftShare = 0.10
    static let absentShare = 0.01
    /// One deleted tenant's model per this many desired models (at least one).
    static let modelsPerDeletedTenant = 1_000

    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func build(_ desired: DesiredState, controllers: [Controller]) -> GeneratedWorld {
        var state = ObservedState()
        var listed: [String: [String]] = [:]
        var managed: [String: String] = [:]
        var expected: Set<String> = []
        var tally = GeneratedWorld.Tally()
        for environment in Self.observable(desired) {
            let key = ObservedState.key(controller: environment.controller, model: environment.model)
            // One draw decides: absent below 1%, drifted up to 11%, converged above.
            let draw = random.uniform()
            if draw < Self.absentShare {
                state.models[key] = .absent
                expected.insert(environment.id)
                tally.absent += 1
                continue
            }
            var model = ConvergedModel.make(environment)
            if draw < Self.absentShare + Self.driftShare,
               let kind = DriftInjection.apply(to: &model, using: &random) {
                expected.insert(environment.id)
                tally.drifted[kind.rawValue, default: 0] += 1
            } else {
                tally.converged += 1
            }
            state.models[key] = .present(model)
            listed[environment.controller, default: []].append(environment.model)
            managed[key] = environment.id
        }
        let deleted = max(1, state.models.count / Self.modelsPerDeletedTenant)
        for index in 0..<deleted where !controllers.isEmpty {
            let controller = controllers[index % controllers.count].name.value
            let model = "deleted-tenant-\(index + 1)-production"
            listed[controller, default: []].append(model)
            managed[ObservedState.key(controller: controller, model: model)] = "deleted-tenant-\(index + 1)/production"
            tally.deleted += 1
        }
        for controller in controllers {
            let name = controller.name.value
            state.controllers[name] = ObservedController(known: true, models: (listed[name] ?? []).sorted())
        }
        return GeneratedWorld(state: state, managedModels: managed, expectedEnvironments: expected, tally: tally)
    }

    /// The environments the observer reads a model for: not a tenant's place in a shared model,
    /// one per model.
    static func observable(_ desired: DesiredState) -> [DesiredEnvironment] {
        var seen: Set<String> = []
        return desired.environments.filter { environment in
            !environment.sharedModel
                && seen.insert(ObservedState.key(controller: environment.controller, model: environment.model)).inserted
        }
    }

    static func targets(_ desired: DesiredState) -> [ModelTarget] {
        observable(desired).map {
            ModelTarget(environment: $0.id, controller: $0.controller, model: $0.model, bundle: $0.bundle)
        }
    }
}
