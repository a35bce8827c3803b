import PlanModel
import TenantCore

/// A plan of Juju alone, through the same composer and policies as the full one: for tests,
/// the benchmark and the property checks of Juju's planner.
public enum JujuPlan {
    public static func plan(desired: DesiredState, observed: ObservedState, options: PlanOptions = PlanOptions(),
                            commit: String? = nil, fingerprints: [String: String] = [:]) -> Plan {
        PlanComposer.plan(desired: desired, observed: ObservedWorld(systems: [JujuPlanner.systemName: observed]),
                          systems: [JujuPlanner()], options: options, commit: commit, fingerprints: fingerprints)
    }

    /// Ownership in the planner's terms from `<controller>/<model>` → environment records.
    public static func owned(models: [String: String]) -> [String: [String: String]] {
        var owned: [String: String] = [:]
        for (key, environment) in models {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            owned[JujuPlanner.ownedModelAddress(controller: parts[0], model: parts[1])] = environment
        }
        return [JujuPlanner.systemName: owned]
    }
}
