import TenantCore

/// The secrets a plan's actions will need, checked before any action runs: a missing one stops
/// its environment before it starts, not halfway through (a model created, its deploy failing).
public enum SecretPrecheck {
    public struct Missing: Sendable, Equatable {
        public var environment: String
        public var action: String
        public var reference: String
        public var error: String
    }

    public static func missing(in plan: Plan, desired: DesiredState, secrets: any SecretSource) async -> [Missing] {
        var result: [Missing] = []
        var checked: [String: String?] = [:]  // reference → error, nil when present
        for action in plan.actions {
            guard let environment = desired.environments.first(where: { $0.id == action.environment }) else { continue }
            for reference in references(of: action, in: environment) {
                if checked[reference.description] == nil {
                    do {
                        _ = try await secrets.value(for: reference)
                        checked[reference.description] = .some(nil)
                    } catch {
                        checked[reference.description] = .some("\(error)")
                    }
                }
                if case let error?? = checked[reference.description] {
                    result.append(Missing(environment: action.environment, action: action.id, reference: reference.description, error: error))
                }
            }
        }
        return result
    }

    /// What the executor will read for this action: every secret option of the applications a
    /// deploy creates, the secret options among the keys a config sets.
    static func references(of action: Action, in environment: DesiredEnvironment) -> [VaultReference] {
        switch action.kind {
        case .deploy:
            guard case let .strings(names)? = action.parameters["applications"] else { return [] }
            return names.flatMap { name in
                (environment.application(named: name)?.config ?? [:]).sorted { $0.key < $1.key }.compactMap { $0.value.vaultReference }
            }
        case .config:
            guard case let .strings(keys)? = action.parameters["keys"], let application = environment.application(named: action.target) else { return [] }
            return keys.compactMap { application.config[$0]?.vaultReference }
        default:
            return []
        }
    }
}
