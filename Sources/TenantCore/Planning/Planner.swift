/// The pure planner: `plan(desired, observed) -> Plan`. No I/O, no clock, no randomness; the same
/// inputs always give the same plan, byte for byte.
public enum Planner {
    public static func plan(desired: DesiredState, observed: ObservedState, options: PlanOptions = PlanOptions(),
                            commit: String? = nil, fingerprint: String? = nil) -> Plan {
        var actions: [Action] = []
        var skipped: [SkippedEnvironment] = []
        var withheld: [WithheldDeletion] = []
        let environments = desired.environments.filter { environment in
            guard let tenants = options.tenants else { return true }
            return environment.tenant.map(tenants.contains) ?? false
        }
        for environment in environments where !environment.sharedModel {
            var planner = EnvironmentPlanner(environment: environment)
            switch planner.plan(observed: observed) {
            case let .skipped(reason):
                skipped.append(SkippedEnvironment(environment: environment.id, reason: reason))
            case .planned:
                actions += planner.actions
                withheld += planner.withheld
            }
        }
        // Models of environments gone from git: all of them, or those of the tenants named.
        let removals = DeletedTenantPlanner.plan(desired: desired, observed: observed, options: options)
        actions += removals.actions
        withheld += removals.withheld
        let limited = RemovalLimit.apply(actions, maxRemovals: options.maxRemovals)
        let pending = Set(limited.kept.map(\.environment))
        let manual = environments.filter { $0.policy.sync == .manual && pending.contains($0.id) }.map(\.id).sorted()
        return Plan(commit: commit, observedFingerprint: fingerprint, actions: limited.kept,
                    skipped: skipped, withheld: withheld + limited.withheld, manualEnvironments: manual)
    }
}

/// Caps ordinary removals: past the cap none of them is planned, so a bad commit or a broken
/// observation cannot strip many applications at once.
enum RemovalLimit {
    static func apply(_ actions: [Action], maxRemovals: Int) -> (kept: [Action], withheld: [WithheldDeletion]) {
        let removals = actions.filter { $0.kind.effect == .delete && $0.kind != .destroyModel }
        guard removals.count > maxRemovals else { return (actions, []) }
        let removed = Set(removals.map(\.id))
        let kept = actions.filter { !removed.contains($0.id) }.map { action -> Action in
            var action = action
            action.dependsOn.removeAll { removed.contains($0) }
            return action
        }
        let withheld = removals.map {
            WithheldDeletion(environment: $0.environment, kind: $0.kind, target: $0.target,
                             reason: "the plan holds \(removals.count) removals, more than --max-removals \(maxRemovals)",
                             controller: $0.controller, model: $0.model)
        }
        return (kept, withheld)
    }
}
