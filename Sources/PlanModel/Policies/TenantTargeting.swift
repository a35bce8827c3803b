/// `--tenant`: only the named tenants' changes and withheld removals stay. A change of another
/// tenant that a kept change depends on is kept too: targeting never breaks an order.
public struct TenantTargeting: PlanPolicy {
    public var tenants: Set<String>?

    public init(tenants: Set<String>?) {
        self.tenants = tenants
    }

    public func apply(to plan: Plan) -> Plan {
        guard let tenants else { return plan }
        let byID = Dictionary(plan.changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var kept = Set(plan.changes.filter { $0.tenant.map(tenants.contains) ?? false }.map(\.id))
        var frontier = Array(kept)
        while let id = frontier.popLast() {
            for dependency in byID[id]?.dependsOn ?? [] where kept.insert(dependency).inserted { frontier.append(dependency) }
        }
        var targeted = plan
        targeted.changes = plan.changes.filter { kept.contains($0.id) }
        targeted.withheld = plan.withheld.filter { withheld in tenants.contains(String(withheld.environment.split(separator: "/").first ?? "")) }
        targeted.skipped = plan.skipped.filter { skipped in tenants.contains(String(skipped.environment.split(separator: "/").first ?? "")) }
        targeted.manualEnvironments = plan.manualEnvironments.filter { environment in
            targeted.changes.contains { $0.environment == environment }
        }
        return targeted
    }
}
