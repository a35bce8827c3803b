/// `sync: manual` environments: planned and shown like the others, applied only by a person.
/// As a plan policy it marks them, so that every rendering says so; ``hold(_:)`` takes them out
/// of what an unattended run applies.
public struct ManualSync: PlanPolicy {
    /// Environments whose policy says `sync: manual`.
    public var manualEnvironments: Set<String>

    public init(manualEnvironments: Set<String>) {
        self.manualEnvironments = manualEnvironments
    }

    public func apply(to plan: Plan) -> Plan {
        var marked = plan
        marked.manualEnvironments = Set(plan.changes.map(\.environment)).intersection(manualEnvironments).sorted()
        return marked
    }

    /// The plan an unattended run may apply, and the changes left for a person, by environment.
    /// `named`: environments a person named (`apply --tenant`), which are applied.
    public func hold(_ plan: Plan, except named: Set<String> = []) -> (plan: Plan, held: [String: [Change]]) {
        let held = manualEnvironments.subtracting(named)
        let ids = Set(plan.changes.filter { held.contains($0.environment) }.map(\.id))
        guard !ids.isEmpty else { return (plan, [:]) }
        var (remaining, removed) = plan.removing(ids)
        remaining.manualEnvironments.removeAll { held.contains($0) }
        return (remaining, Dictionary(grouping: removed, by: \.environment))
    }
}
