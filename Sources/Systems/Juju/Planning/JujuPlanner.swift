import PlanModel
import TenantCore

/// Juju's planning half: each tenant environment's model, machines, applications and relations,
/// and the models of environments gone from git. Pure: the same inputs give the same changes,
/// byte for byte.
///
/// The changes of one model run one after the other (each depends on the one before it, besides
/// its own dependencies): Juju's answers about one model are only trustworthy once the previous
/// change there settled. Models run in parallel.
public struct JujuPlanner: SystemPlanning {
    public static let systemName = "juju"
    public var system: String { Self.systemName }
    public var separatelyLimitedKinds: Set<ChangeKind> { [.destroyModel] }

    public init() {}

    public func plan(_ input: SystemPlanInput) -> SystemPlan {
        let environments = input.desired.environments.filter { environment in
            guard !environment.sharedModel else { return false }
            guard let tenants = input.options.tenants else { return true }
            return environment.tenant.map(tenants.contains) ?? false
        }
        guard let observed = input.observed.observation(of: system, as: ObservedState.self) else {
            return SystemPlan(skipped: environments.map { SkippedEnvironment(environment: $0.id, reason: "Juju was not observed") })
        }
        var result = SystemPlan()
        for environment in environments {
            let world = input.observed
            var planner = EnvironmentPlanner(environment: environment, secretVersion: { world.currentSecretVersion(of: $0, for: environment) })
            switch planner.plan(observed: observed) {
            case let .skipped(reason):
                result.skipped.append(SkippedEnvironment(environment: environment.id, reason: reason))
            case .planned:
                result.changes += Self.inSequence(planner.actions).map { Self.namingSecrets($0, environment) }
            }
        }
        // Models of environments gone from git: all of them, or those of the tenants named.
        result.changes += DeletedTenantPlanner.plan(desired: input.desired, observed: observed, options: input.options)
        return result
    }

    /// Why a removal is planned, for the reason prune or a limit gives when it withholds it.
    public func describeRemoval(_ change: Change) -> String {
        let units = change.reasons.first { $0.field == "units" }
        switch change.kind {
        case .removeApplication: return "application \(change.target) is not in the manifests"
        case .removeRelation: return "relation \(change.target) is not in the bundle"
        case .removeMachine: return "machine \(change.target) hosts no unit and no machine group claims it"
        case .destroyModel: return "environment \(change.environment) is no longer in git"
        case .resetConfig:
            return "option(s) \(change.parameters["keys"]?.description.replacingOccurrences(of: ",", with: ", ") ?? "") set in Juju but not in git"
        case .removeUnit:
            return "unit \(change.target) is beyond the desired \(units?.desired ?? "?") of \(change.parameters["application"]?.description ?? "its application")"
        case .scale:
            let surplus = (Int(units?.observed ?? "") ?? 0) - (Int(units?.desired ?? "") ?? 0)
            return "\(surplus) unit(s) of \(change.target) beyond the desired \(units?.desired ?? "?")"
        default: return "\(change.kind) \(change.target) is not in git"
        }
    }

    /// A change that hands secrets to Juju names their references (`parameters.secrets`), so that
    /// the system that holds them can check them first.
    static func namingSecrets(_ change: Change, _ environment: DesiredEnvironment) -> Change {
        let references = Set(SecretUses.of(change, in: environment).map(\.reference.description)).sorted()
        guard !references.isEmpty else { return change }
        var named = change
        named.parameters["secrets"] = .strings(references)
        return named
    }

    /// The changes of one model, each depending on the one before it too.
    static func inSequence(_ changes: [Change]) -> [Change] {
        var sequenced = changes
        for index in sequenced.indices.dropFirst() where !sequenced[index].dependsOn.contains(sequenced[index - 1].id) {
            sequenced[index].dependsOn.append(sequenced[index - 1].id)
        }
        return sequenced
    }

    /// The address under which the store records a model tenantctl created.
    public static func ownedModelAddress(controller: String, model: String) -> String {
        ChangeAddress(system: systemName, scope: JujuKinds.scope(controller: controller, model: model), resource: "").description
    }
}
