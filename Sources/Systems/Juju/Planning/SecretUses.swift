import TenantCore
import PlanModel

/// One option of one application set from Vault.
public struct SecretUse: Sendable, Equatable {
    public var application: String
    public var key: String
    public var reference: VaultReference
}

/// Which Vault references applications and actions use: one answer for the executor (what to
/// read and record) and the precheck (what must exist before anything runs).
public enum SecretUses {
    /// The secret options of `applications`, every one or only those among `keys`, sorted.
    public static func of(environment: DesiredEnvironment, applications: [String], keys: Set<String>? = nil) -> [SecretUse] {
        applications.flatMap { name in
            (environment.application(named: name)?.config ?? [:]).sorted { $0.key < $1.key }.compactMap { key, value in
                guard let reference = value.vaultReference, keys?.contains(key) ?? true else { return nil }
                return SecretUse(application: name, key: key, reference: reference)
            }
        }
    }

    /// What an action hands to juju: every secret option of the applications a deploy creates,
    /// the secret options among the keys a config sets; nothing for other kinds.
    public static func of(_ action: Change, in environment: DesiredEnvironment) -> [SecretUse] {
        switch action.kind {
        case .deploy:
            guard case let .strings(names)? = action.parameters["applications"] else { return [] }
            return of(environment: environment, applications: names)
        case .config:
            guard case let .strings(keys)? = action.parameters["keys"] else { return [] }
            return of(environment: environment, applications: [action.target], keys: Set(keys))
        default:
            return []
        }
    }
}
