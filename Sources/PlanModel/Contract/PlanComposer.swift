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
        let pruning = Dictionary(desired.environments.map { ($0.id, Prune.Setting(prune: $0.policy.prune, tenant: $0.tenant)) },
                                 uniquingKeysWith: { first, _ in first })
        let describe: @Sendable (Change) -> String = { change in
            systems.first { $0.system == change.address.system }?.describeRemoval(change) ?? "\(change.target) is not in git"
        }
        // The order matters. Targeting first: the limits count only the removals of the tenants
        // a run acts on, and other tenants' withheld removals are not reported. Prune before the
        // limits: a removal prune holds back is not a removal of this plan, so a tenant with
        // prune off and much left behind never uses up the limit of the others, and a deleted
        // tenant's model reads "prune is off" (what to change first) rather than "over the
        // limit". Manual sync last: it marks the environments that still have changes.
        let policies: [any PlanPolicy] = [
            TenantTargeting(tenants: options.tenants),
            Prune(environments: pruning, fleetDefault: options.pruneRemovedTenants, describe: describe),
            RemovalLimit(limit: options.maxRemovals, option: "--max-removals", counts: { !ownLimits.contains($0.kind) }),
            RemovalLimit(limit: options.maxModelRemovals, option: "--max-model-removals", counts: { ownLimits.contains($0.kind) },
                         reason: { count, limit, option in "\(count) models would be destroyed, more than \(option) \(limit)" }),
        ]
        // Followers of withheld changes go before manual sync looks for environments with changes.
        let following = systems.reduce(into: Set<ChangeKind>()) { $0.formUnion($1.followingKinds) }
        let held = withoutOrphans(policies.apply(to: plan), before: plan, following: following)
        return ManualSync(manualEnvironments: manual).apply(to: held)
    }

    /// `after` without the changes of a following kind none of whose dependencies in `before`
    /// is still planned: a zone's publication once prune withheld the only delete it followed
    /// would publish nothing.
    static func withoutOrphans(_ after: Plan, before: Plan, following: Set<ChangeKind>) -> Plan {
        guard !following.isEmpty else { return after }
        let kept = Set(after.changes.map(\.id))
        let original = Dictionary(before.changes.map { ($0.id, $0.dependsOn) }, uniquingKeysWith: { first, _ in first })
        let orphans = after.changes.filter { change in
            guard following.contains(change.kind), let dependencies = original[change.id], !dependencies.isEmpty else { return false }
            return !dependencies.contains(where: kept.contains)
        }
        guard !orphans.isEmpty else { return after }
        return after.removing(Set(orphans.map(\.id))).plan
    }
}
