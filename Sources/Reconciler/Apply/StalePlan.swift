import PlanModel

/// Why a saved plan may not be applied: what it was computed from moved, or it is not what
/// planning gives. The rule lives here, not in a command, so that the CLI and the daemon apply it
/// alike.
public enum StalePlan: UserFacingError, Equatable {
    case commit(saved: String, current: String)
    /// Scopes the plan acts on (or depends on) whose observed fingerprint changed.
    case scopes([String])
    case edited(String)

    /// nil when `saved` may be applied against the current world, whose fresh plan is `current`.
    public static func check(saved: Plan, current: Plan) -> StalePlan? {
        if let commit = saved.commit, let now = current.commit, commit != now { return .commit(saved: commit, current: now) }
        let moved = saved.scopesActedOn.filter { saved.fingerprints[$0] != current.fingerprints[$0] }.sorted()
        if !moved.isEmpty { return .scopes(moved) }
        if let difference = PlanDifference.first(saved: saved.changes, planned: current.changes) { return .edited(difference) }
        return nil
    }

    public var userMessage: String {
        switch self {
        case let .commit(saved, current):
            return "it was made at commit \(saved.prefix(12)), the repository is now at \(current.prefix(12))"
        case let .scopes(scopes):
            let shown = scopes.prefix(3).joined(separator: ", ") + (scopes.count > 3 ? " and \(scopes.count - 3) more" : "")
            return "the world changed since it was made, in \(scopes.count) scope(s) it acts on: \(shown)"
        case let .edited(difference):
            return "it is not what planning its commit against the current world gives (\(difference)); it was edited, or made with other options (--tenant, --max-model-removals, --max-removals)"
        }
    }

    public var hint: String? { "plan again" }
}
