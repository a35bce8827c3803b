/// Models that tenantctl created for environments that no longer exist in git (a tenant deleted,
/// an environment dropped): destroyed only with prune and within --max-deletions for models.
enum DeletedTenantPlanner {
    static func plan(desired: DesiredState, observed: ObservedState, options: PlanOptions) -> (actions: [Action], withheld: [WithheldDeletion]) {
        let desiredModels = Set(desired.environments.map { ObservedState.key(controller: $0.controller, model: $0.model) })
        var candidates: [(key: String, controller: String, model: String, owner: String)] = []
        for (controllerName, controller) in observed.controllers.sorted(by: { $0.key < $1.key }) where controller.known {
            for model in controller.models.sorted() {
                let key = ObservedState.key(controller: controllerName, model: model)
                // Only models tenantctl created itself; anything else is someone else's.
                guard !desiredModels.contains(key), let owner = options.managedModels[key] else { continue }
                if let tenants = options.tenants, !tenants.contains(String(owner.split(separator: "/").first ?? "")) { continue }
                candidates.append((key, controllerName, model, owner))
            }
        }
        var actions: [Action] = []
        var withheld: [WithheldDeletion] = []
        for candidate in candidates {
            let reason: String?
            if !options.pruneDeletedTenants {
                reason = "environment \(candidate.owner) is no longer in git; prune is off in the fleet defaults"
            } else if candidates.count > options.maxModelDeletions {
                reason = "\(candidates.count) models would be destroyed, more than --max-deletions \(options.maxModelDeletions)"
            } else {
                reason = nil
            }
            if let reason {
                withheld.append(WithheldDeletion(environment: candidate.owner, kind: .destroyModel, target: candidate.model, reason: reason,
                                                 controller: candidate.controller, model: candidate.model))
                continue
            }
            actions.append(Action(
                id: "\(candidate.owner)/\(ActionKind.destroyModel.rawValue)/model", kind: .destroyModel,
                tenant: candidate.owner.split(separator: "/").first.map(String.init), environment: candidate.owner,
                controller: candidate.controller, model: candidate.model, target: "model",
                reasons: [Reason(field: "model", desired: nil, observed: candidate.model)], dependsOn: []))
        }
        return (actions, withheld)
    }
}
