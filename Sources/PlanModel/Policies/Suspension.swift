/// Tenants paused with `tenantctl suspend` (kept in the state, not in git): planned and shown
/// like the others, applied by nobody — neither `apply` nor `serve` — until `resume`.
public struct Suspension: Sendable, Equatable {
    public var tenants: Set<String>

    public init(tenants: Set<String>) {
        self.tenants = tenants
    }

    /// The plan less the changes of suspended tenants (and what depends on them), and those
    /// changes by tenant.
    public func hold(_ plan: Plan) -> (plan: Plan, held: [String: [Change]]) {
        let ids = Set(plan.changes.filter { $0.tenant.map(tenants.contains) ?? false }.map(\.id))
        guard !ids.isEmpty else { return (plan, [:]) }
        let (remaining, removed) = plan.removing(ids)
        return (remaining, Dictionary(grouping: removed, by: { $0.tenant ?? $0.environment }))
    }
}
