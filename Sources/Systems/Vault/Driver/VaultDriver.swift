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
    public let store: any SecretStore
    public let parallelism: Int

    public init(store: any SecretStore, parallelism: Int = 16) {
        self.store = store
        self.parallelism = max(1, parallelism)
    }

    public func observe(_ request: ObservationRequest) async -> any SystemObservation {
        var observation = VaultObservation(mount: store.mount, versioned: store.versioned, source: store.sourceName)
        let paths = Set(request.desired.environments.flatMap { VaultPlanner.secretUses($0).map(\.reference.path) }).sorted()
        guard !paths.isEmpty else { return observation }
        if let unavailable = await store.availability() {
            observation.unavailable = unavailable
            return observation
        }
        let store = self.store
        let states = await BoundedMap.run(paths, parallelism: parallelism) { path in await store.metadata(of: path) }
        for (path, state) in zip(paths, states) { observation.paths[path] = state }
        return observation
    }

    public func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
        guard change.kind == .vaultCheck else { throw VaultDriverError("\(change.id): \(change.kind) is not a kind of change Vault knows") }
        guard case let .strings(keys)? = change.parameters["keys"] else { throw VaultDriverError("\(change.id): the change names no keys") }
        let path = change.target
        switch await store.metadata(of: path) {
        case .missing: throw VaultDriverError("there is no secret at \(store.mount)/\(path) any more")
        case let .forbidden(message): throw VaultDriverError("tenantctl's Vault token may not read \(store.mount)/\(path) (403: \(message))")
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
        return digests
    }
}
