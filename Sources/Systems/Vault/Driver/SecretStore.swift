import PlanModel
import Reconciler
import TenantCore
import VaultPlanning

/// Where Vault's driver reads: Vault itself over HTTP, or a secrets file (CI plans, the demo).
public protocol SecretStore: Sendable {
    /// The KV v2 mount, or a name for the file.
    var mount: String { get }
    /// Whether values have versions (rotation is tracked only then).
    var versioned: Bool { get }
    /// What messages call it: `Vault`, `the secrets file s.yaml`.
    var sourceName: String { get }
    /// The URL it is reached at, for a store over HTTP.
    var address: String? { get }
    /// Why the store cannot be read at all right now (sealed, unreachable, login refused), else nil.
    func availability() async -> String?
    /// A path's metadata; never its values.
    func metadata(of path: String) async -> SecretPathState
    /// The value behind a reference, and its version.
    func read(_ reference: VaultReference) async throws -> (value: String, version: Int?)
}

extension SecretStore {
    public var address: String? { nil }
}

/// A secrets file as a store: `<path>#<key>` → value, without versions.
public struct FileSecretStore: SecretStore {
    public let file: FileSecretSource

    public init(file: FileSecretSource) {
        self.file = file
    }

    public var mount: String { "file" }
    public var versioned: Bool { false }
    public var sourceName: String { "the secrets file \(file.path)" }

    public func availability() async -> String? { nil }

    public func metadata(of path: String) async -> SecretPathState {
        guard let keys = file.keys(under: path) else { return .missing }
        return .present(SecretMetadata(currentVersion: 1, keys: keys))
    }

    public func read(_ reference: VaultReference) async throws -> (value: String, version: Int?) {
        (try await file.value(for: reference), nil)
    }
}

/// The stores as the Juju executor's secret source: values read at the last moment, with their
/// version, from the Vault of the environment (its tenant's own, or the platform's).
public struct StoreSecretSource: SecretSource {
    public let stores: SecretStores

    public init(store: any SecretStore) {
        self.stores = SecretStores(platform: store)
    }

    public init(stores: SecretStores) {
        self.stores = stores
    }

    public func value(for reference: VaultReference) async throws -> String {
        try await stores.platform.read(reference).value
    }

    public func versionedValue(for reference: VaultReference) async throws -> (value: String, version: Int?) {
        try await stores.platform.read(reference)
    }

    public func versionedValue(for reference: VaultReference, in environment: DesiredEnvironment) async throws -> (value: String, version: Int?) {
        try await stores.store(for: environment.vault, tenant: environment.tenant).get().read(reference)
    }
}

/// A store that cannot be used at all (its credentials cannot be read): every environment that
/// needs a secret is held back with the reason, the others are planned, as when Vault is down.
public struct UnavailableSecretStore: SecretStore {
    public let reason: String
    public let mount: String
    public let sourceName: String

    public init(reason: String, mount: String, sourceName: String) {
        self.reason = reason
        self.mount = mount
        self.sourceName = sourceName
    }

    public var versioned: Bool { true }
    public func availability() async -> String? { reason }
    public func metadata(of path: String) async -> SecretPathState { .failed(reason) }
    public func read(_ reference: VaultReference) async throws -> (value: String, version: Int?) { throw VaultError(reason) }
}
