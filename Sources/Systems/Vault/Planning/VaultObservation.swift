import PlanModel
import TenantCore

/// What tenantctl saw of Vault: the KV v2 **metadata** of every secret path the manifests
/// reference (versions, deleted or destroyed), never a value.
public struct VaultObservation: SystemObservation, Codable, Equatable, SecretVersions {
    /// The KV v2 mount the paths live in (`secret`).
    public var mount: String
    /// Why Vault could not be read at all (sealed, unreachable, login refused); nil when it could.
    /// The environments that need it are then not planned, nothing of them deleted.
    public var unavailable: String?
    /// By path under the mount (`tenants/acme/db`).
    public var paths: [String: SecretPathState]
    /// The source keeps versions (Vault) or not (a secrets file: rotation is not tracked).
    public var versioned: Bool
    /// What messages call the source: `Vault`, or `the secrets file s.yaml`.
    public var source: String
    /// The Vaults of tenants that name their own, by tenant: each observed on its own (one down
    /// holds back only its tenant). Nil when no tenant names one.
    public var tenantVaults: [String: VaultObservation]?

    public init(mount: String, unavailable: String? = nil, paths: [String: SecretPathState] = [:], versioned: Bool = true,
                source: String = "Vault") {
        self.mount = mount
        self.source = source
        self.unavailable = unavailable
        self.paths = paths
        self.versioned = versioned
    }

    public func currentVersion(of path: String, for environment: DesiredEnvironment) -> Int? {
        guard let scope = scope(for: environment), scope.versioned, case let .present(metadata)? = scope.paths[path] else { return nil }
        return metadata.currentVersion
    }

    /// Where `environment`'s secrets were observed: its tenant's Vault when it names one (nil
    /// when that was not observed), else this one.
    public func scope(for environment: DesiredEnvironment) -> VaultObservation? {
        guard environment.vault != nil else { return self }
        return environment.tenant.flatMap { tenantVaults?[$0] }
    }
}

/// One secret path as observed.
public enum SecretPathState: Codable, Equatable, Sendable {
    case present(SecretMetadata)
    /// Vault answered 404: nothing was ever written there, or its metadata was deleted.
    case missing
    /// Vault answered 403: the token may not read this path's metadata.
    case forbidden(String)
    /// Reading it failed otherwise (timeout, 5xx after retries).
    case failed(String)
}

/// KV v2 metadata of one path, reduced to what planning needs.
public struct SecretMetadata: Codable, Equatable, Sendable {
    public var currentVersion: Int
    /// The current version was soft-deleted (`vault kv delete`), or destroyed for good.
    public var currentDeleted: Bool
    public var currentDestroyed: Bool
    /// Keys of the current version, when the source lists them without reading values (a
    /// secrets file); nil for Vault, whose metadata does not name keys.
    public var keys: [String]?

    public init(currentVersion: Int, currentDeleted: Bool = false, currentDestroyed: Bool = false, keys: [String]? = nil) {
        self.currentVersion = currentVersion
        self.currentDeleted = currentDeleted
        self.currentDestroyed = currentDestroyed
        self.keys = keys
    }
}
