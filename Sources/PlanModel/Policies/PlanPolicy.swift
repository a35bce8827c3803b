/// A rule applied to the changes the systems planned, before anyone sees them: targeting,
/// prune, removal limits, manual sync (``PlanComposer`` runs them in that order and says why).
/// Policies are pure and run in order, each on what the previous left, so a plan is always
/// `policies(systems(desired, observed))`.
public protocol PlanPolicy: Sendable {
    func apply(to plan: Plan) -> Plan
}

extension Array where Element == any PlanPolicy {
    /// The plan after every policy, in order.
    public func apply(to plan: Plan) -> Plan {
        reduce(plan) { plan, policy in policy.apply(to: plan) }
    }
}

extension Plan {
    /// The plan without the changes `removed` names. A change that depended on a removed one
    /// goes too (it would run without what it needs), and so on down the graph.
    public func removing(_ removed: Set<String>) -> (plan: Plan, removed: [Change]) {
        var gone = removed
        var changed = true
        while changed {
            changed = false
            for change in changes where !gone.contains(change.id) && change.dependsOn.contains(where: gone.contains) {
                gone.insert(change.id)
                changed = true
            }
        }
        var plan = self
        plan.changes = changes.filter { !gone.contains($0.id) }
        return (plan, changes.filter { gone.contains($0.id) })
    }
}
