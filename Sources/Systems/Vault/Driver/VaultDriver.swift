import Foundation
import PlanModel
import Reconciler
import TenantCore
import VaultPlanning

/// Vault's driver half: observes the metadata of every secret path the manifests reference (at
/// most `parallelism` requests in flight), and carries out `vault.check` by reading the keys a
/// plan needs just before the changes that use them.
public struct VaultDriver: SystemDriver {
    public var system: String { VaultPlanner.systemName }
    public var store: any SecretStore { stores.platform }
    /// The platform's store and the tenants' own Vaults, shared with the Juju executor.
    public let stores: SecretStores
    public let parallelism: Int

    public init(store: any SecretStore, parallelism: Int = 16) {
        self.init(stores: SecretStores(platform: store), parallelism: parallelism)
    }

    public init(stores: SecretStores, parallelism: Int = 16) {
        self.stores = stores
        self.parallelism = max(1, parallelism)
    }

    public func observe(_ request: ObservationRequest) async -> any SystemObservation {
        let store = self.store
        var observation = VaultObservation(mount: store.mount, versioned: store.versioned, source: store.sourceName)
        let environments = request.desired.environments
        let paths = Self.paths(of: environments.filter { $0.vault == nil })
        // Tenants naming their own Vault: each observed on its own, so that one down, sealed or
        // with an unreadable token holds back that tenant only.
        var ownVaults: [String: DesiredVault] = [:]
        var ownPaths: [String: [String]] = [:]
        for environment in environments {
            guard let vault = environment.vault, let tenant = environment.tenant else { continue }
            ownVaults[tenant] = vault
            ownPaths[tenant] = Self.paths(of: [environment]) + (ownPaths[tenant] ?? [])
        }
        if !ownVaults.isEmpty {
            let stores = self.stores, parallelism = self.parallelism
            let tenants = ownVaults.keys.sorted()
            let work = tenants.map { (tenant: $0, vault: ownVaults[$0]!, paths: Set(ownPaths[$0] ?? []).sorted()) }
            let observed = await BoundedMap.run(work, parallelism: parallelism) { item in
                await Self.observeTenant(item.tenant, vault: item.vault, paths: item.paths, stores: stores, parallelism: parallelism)
            }
            observation.tenantVaults = Dictionary(uniqueKeysWithValues: zip(tenants, observed))
        }
        guard !paths.isEmpty else { return observation }
        await Self.fill(&observation, paths: paths, from: store, parallelism: parallelism)
        return observation
    }

    static func paths(of environments: [DesiredEnvironment]) -> [String] {
        Set(environments.flatMap { VaultPlanner.secretUses($0).map(\.reference.path) }).sorted()
    }

    private static func observeTenant(_ tenant: String, vault: DesiredVault, paths: [String], stores: SecretStores,
                                      parallelism: Int) async -> VaultObservation {
        var observation = VaultObservation(mount: vault.kvMount, source: "tenant \(tenant)'s Vault at \(vault.address)")
        guard !paths.isEmpty else { return observation }
        switch await stores.store(for: vault, tenant: tenant) {
        case let .failure(error):
            observation.unavailable = error.description
        case let .success(store):
            observation.versioned = store.versioned
            observation.mount = store.mount
            observation.source = store.sourceName
            await fill(&observation, paths: paths, from: store, parallelism: parallelism)
        }
        return observation
    }

    /// Availability, then the metadata of every path, at most `parallelism` in flight.
    private static func fill(_ observation: inout VaultObservation, paths: [String], from store: any SecretStore, parallelism: Int) async {
        if let unavailable = await store.availability() {
            observation.unavailable = unavailable
            return
        }
        let states = await BoundedMap.run(paths, parallelism: parallelism) { path in await store.metadata(of: path) }
        for (path, state) in zip(paths, states) { observation.paths[path] = state }
    }

    public func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
        guard change.kind == .vaultCheck else { throw VaultDriverError("\(change.id): \(change.kind) is not a kind of change Vault knows") }
        guard case let .strings(keys)? = change.parameters["keys"] else { throw VaultDriverError("\(change.id): the change names no keys") }
        let path = change.target
        let vault = try Self.tenantVault(of: change)
        let store: any SecretStore
        switch await stores.store(for: vault, tenant: change.tenant) {
        case let .success(found): store = found
        // Not transient: the store (or why there is none) is kept for the run.
        case let .failure(error): throw VaultDriverError("tenant \(change.tenant ?? "?")'s Vault: \(error.description)")
        }
        let token = vault == nil ? "tenantctl's Vault token" : "the token of \(store.sourceName)"
        switch await store.metadata(of: path) {
        case .missing: throw VaultDriverError("there is no secret at \(store.mount)/\(path) any more")
        case let .forbidden(message): throw VaultDriverError("\(token) may not read \(store.mount)/\(path) (403: \(message))")
        case let .failed(message): throw VaultDriverError.transient("reading \(store.mount)/\(path) failed: \(message)")
        case let .present(metadata):
            if metadata.currentDeleted || metadata.currentDestroyed {
                throw VaultDriverError("version \(metadata.currentVersion) of \(store.mount)/\(path) was \(metadata.currentDestroyed ? "destroyed" : "deleted") since the plan")
            }
        }
        // Read, not kept: the key exists and is readable with this token. The value is dropped here.
        for key in keys { _ = try await store.read(VaultReference(path: path, key: key)) }
        return [:]
    }

    /// The tenant's own Vault a check names (its planner wrote where it is), or nil.
    static func tenantVault(of change: Change) throws -> DesiredVault? {
        guard case let .string(address)? = change.parameters["vault.address"] else { return nil }
        guard case let .string(mount)? = change.parameters["vault.mount"], case let .string(token)? = change.parameters["vault.token"],
              case let .success(reference) = VaultReference.parse(token) else {
            throw VaultDriverError("\(change.id): the change names a tenant's Vault without its mount or token")
        }
        var namespace: String?
        if case let .string(value)? = change.parameters["vault.namespace"] { namespace = value }
        return DesiredVault(address: address, kvMount: mount, namespace: namespace, token: reference)
    }

    public func classify(_ error: any Error) -> ErrorClass {
        (error as? VaultDriverError)?.isTransient == true ? .transient : .permanent
    }
}

public struct VaultDriverError: UserFacingError, Sendable {
    public let description: String
    public let isTransient: Bool

    public init(_ description: String) {
        self.description = description
        self.isTransient = false
    }

    init(description: String, isTransient: Bool) {
        self.description = description
        self.isTransient = isTransient
    }

    static func transient(_ description: String) -> VaultDriverError { VaultDriverError(description: description, isTransient: true) }

    public var userMessage: String { description }
}

/// Vault in the registry: its planner, and its observations in snapshots.
public struct VaultSystem: RegisteredSystem {
    public init() {}

    public var name: String { VaultPlanner.systemName }
    public var planner: any SystemPlanning { VaultPlanner() }

    /// Through `JSONDecoder`: a path's metadata is a few fields, two paths per tenant.
    public func decodeObservation(json scanner: inout JSONScanner) throws -> any SystemObservation {
        try JSONDecoder().decode(VaultObservation.self, from: scanner.data(of: try scanner.skipValue()))
    }

    /// One scope per secret path, its metadata digested (versions in: a rotation moves it).
    public func fingerprints(of observation: any SystemObservation) -> [String: String] {
        guard let vault = observation as? VaultObservation else { return [:] }
        let encoder = ScopeDigest.sortedEncoder()
        var digests: [String: String] = [:]
        for (path, state) in vault.paths {
            digests[VaultPlanner.address(mount: vault.mount, path: path).scopeKey] = ScopeDigest.of(state, with: encoder)
        }
        if let unavailable = vault.unavailable {
            digests[ChangeAddress.scopeKey(system: name, scope: vault.mount)] = ScopeDigest.of(text: unavailable)
        }
        // Tenants' own Vaults: scopes of their own (`vault:tenant@acme/secret/…`).
        for (tenant, own) in vault.tenantVaults ?? [:] {
            for (path, state) in own.paths {
                digests[VaultPlanner.address(mount: own.mount, path: path, tenant: tenant).scopeKey] = ScopeDigest.of(state, with: encoder)
            }
            if let unavailable = own.unavailable {
                digests[ChangeAddress.scopeKey(system: name, scope: VaultPlanner.scope(mount: own.mount, tenant: tenant))] = ScopeDigest.of(text: unavailable)
            }
        }
        return digests
    }
}
