import TenantCore

/// The pure planner across systems: each registered system plans its part, in registration
/// order, then the policies run on the whole. `plan(desired, observed) -> Plan`, nothing else.
public enum PlanComposer {
    public static func plan(desired: DesiredState, observed: ObservedWorld, systems: [any SystemPlanning],
                            options: PlanOptions = PlanOptions(), commit: String? = nil,
                            fingerprints: [String: String] = [:]) -> Plan {
        var plan = Plan(commit: commit, fingerprints: fingerprints)
        for system in systems {
            let part = system.plan(SystemPlanInput(desired: desired, observed: observed, options: options, upstream: plan.changes))
            plan.changes += part.changes
            plan.skipped += part.skipped
            plan.withheld += part.withheld
        }
        let ownLimits = systems.reduce(into: Set<ChangeKind>()) { $0.formUnion($1.separatelyLimitedKinds) }
        let manual = Set(desired.environments.filter { $0.policy.sync == .manual }.map(\.id))
        let policies: [any PlanPolicy] = [
            TenantTargeting(tenants: options.tenants),
            RemovalLimit(limit: options.maxRemovals, option: "--max-removals", counts: { !ownLimits.contains($0.kind) }),
            ManualSync(manualEnvironments: manual),
        ]
        return policies.apply(to: plan)
    }
}
