/// Changes grouped by tenant environment, in plan order, as every rendering shows them.
struct PlanGroup {
    var environment: String
    var tenant: String?
    var changes: [Change]

    /// The scopes the group's changes act in (`juju:k8s/acme-production`, `vault:platform/secret`).
    var scopes: [String] {
        var seen = Set<String>()
        return changes.map(\.address.scopeKey).filter { seen.insert($0).inserted }
    }

    static func groups(_ plan: Plan) -> [PlanGroup] {
        var order: [String] = []
        var groups: [String: PlanGroup] = [:]
        for change in plan.changes {
            if groups[change.environment] == nil {
                order.append(change.environment)
                groups[change.environment] = PlanGroup(environment: change.environment, tenant: change.tenant, changes: [])
            }
            groups[change.environment]!.changes.append(change)
        }
        return order.sorted().map { groups[$0]! }
    }
}

extension Effect {
    /// The `terraform plan` symbol.
    var symbol: String {
        switch self {
        case .create: return "+"
        case .update: return "~"
        case .delete: return "-"
        case .read: return "<="
        case .wait: return "?"
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
