import PlanModel
import TenantCore

/// Models that tenantctl created for environments that no longer exist in git (a tenant deleted,
/// an environment dropped): each is planned as a `juju.destroy-model`; the policies destroy it
/// only with the fleet's default prune (``Prune``) and within --max-model-removals
/// (``RemovalLimit``).
enum DeletedTenantPlanner {
    static func plan(desired: DesiredState, observed: ObservedState, options: PlanOptions) -> [Change] {
        let desiredModels = Set(desired.environments.map { ObservedState.key(controller: $0.controller, model: $0.model) })
        let owned = options.owned[JujuPlanner.systemName] ?? [:]
        var candidates: [(key: String, controller: String, model: String, owner: String)] = []
        for (controllerName, controller) in observed.controllers.sorted(by: { $0.key < $1.key }) where controller.known {
            for model in controller.models.sorted() {
                let key = ObservedState.key(controller: controllerName, model: model)
                // Only models tenantctl created itself; anything else is someone else's.
                guard !desiredModels.contains(key),
                      let owner = owned[JujuPlanner.ownedModelAddress(controller: controllerName, model: model)] else { continue }
                if let tenants = options.tenants, !tenants.contains(String(owner.split(separator: "/").first ?? "")) { continue }
                candidates.append((key, controllerName, model, owner))
            }
        }
        return candidates.map { candidate in
            Change(address: JujuKinds.address(controller: candidate.controller, model: candidate.model, kind: .destroyModel, target: candidate.model),
                   kind: .destroyModel, effect: .delete,
                   tenant: candidate.owner.split(separator: "/").first.map(String.init), environment: candidate.owner,
                   target: "model", reasons: [Reason(field: "model", desired: nil, observed: candidate.model)], dependsOn: [])
        }
    }
}
