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
            // Changes that wait for this system's get the edges, and this system's changes come
            // before the first of them in the plan's order (they depend on nothing upstream).
            let upstream = plan.changes.map { change in
                var change = change
                change.dependsOn += (part.gates[change.id] ?? []).filter { !change.dependsOn.contains($0) }
                return change
            }
            let split = upstream.firstIndex { part.gates[$0.id] != nil } ?? upstream.count
            plan.changes = Array(upstream[..<split]) + part.changes + Array(upstream[split...])
            plan.skipped += part.skipped
            plan.withheld += part.withheld
            plan.notes += part.notes
        }
        // An environment one system could not observe is planned by none: its changes depend on
        // each other across systems, and half a plan would act on a guess.
        let unobserved = Set(plan.skipped.map(\.environment))
        plan = plan.removing(Set(plan.changes.filter { unobserved.contains($0.environment) }.map(\.id))).plan
        var seen = Set<String>()
        plan.skipped = plan.skipped.filter { seen.insert($0.environment + "\u{0}" + $0.reason).inserted }
        plan.notes = plan.notes.filter { !unobserved.contains($0.environment) }
        if let tenants = options.tenants {
            plan.notes = plan.notes.filter { tenants.contains(String($0.environment.split(separator: "/").first ?? "")) }
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
