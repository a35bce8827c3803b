/// Actions grouped by tenant and environment, in plan order, as every rendering shows them.
struct PlanGroup {
    var environment: String
    var tenant: String?
    var controller: String
    var model: String
    var actions: [Action]

    static func groups(_ plan: Plan) -> [PlanGroup] {
        var order: [String] = []
        var groups: [String: PlanGroup] = [:]
        for action in plan.actions {
            if groups[action.environment] == nil {
                order.append(action.environment)
                groups[action.environment] = PlanGroup(environment: action.environment, tenant: action.tenant,
                                                       controller: action.controller, model: action.model, actions: [])
            }
            groups[action.environment]!.actions.append(action)
        }
        return order.sorted().map { groups[$0]! }
    }
}

extension ActionKind.Effect {
    /// The `terraform plan` symbol.
    var symbol: String {
        switch self {
        case .create: return "+"
        case .update: return "~"
        case .delete: return "-"
        case .check: return "?"
        }
    }
}

extension Reason {
    /// `units: 1 -> 3`, `applications.redis: + redis-k8s`, `relations: - a:db <-> b`.
    var rendered: String {
        switch (observed, desired) {
        case let (nil, desired?): return "\(field): + \(desired)"
        case let (observed?, nil): return "\(field): - \(observed)"
        case let (observed?, desired?): return "\(field): \(observed) -> \(desired)"
        case (nil, nil): return field
        }
    }
}
