import Foundation
import GRDB

/// Juju conveniences over the owned resources (``OwnedResource``), with the signatures and
/// semantics the Juju code used before the generic table: what tenantctl created and applied,
/// so that pruning never touches a model someone made by hand, and a config change is detected
/// by comparing Vault references, never values.
///
/// Every method here is Juju's knowledge of its own addresses, not the store's: each moves to
/// the Juju driver, over the generic API, once its callers switch to it.
///
/// Addresses: `juju:<controller>/<model>` for a model, and
/// `juju:<controller>/<model>/application/<application>/config/<option>` for a secret applied to
/// an option (Juju names contain no `/`). A secret's owner is its model's environment, nil in a
/// model tenantctl did not create.
extension StateStore {
    static let jujuSystem = "juju"

    static func jujuModelAddress(controller: String, model: String) -> String {
        "juju:\(controller)/\(model)"
    }

    static func jujuApplicationAddress(controller: String, model: String, application: String) -> String {
        jujuModelAddress(controller: controller, model: model) + "/application/\(application)"
    }

    static func jujuSecretAddress(controller: String, model: String, application: String, key: String) -> String {
        jujuApplicationAddress(controller: controller, model: model, application: application) + "/config/\(key)"
    }

    /// Records (or refreshes) a model tenantctl created for a tenant environment; what is already
    /// recorded under the model (its applied secrets) takes the same owner.
    ///
    /// Juju convenience: moves to the Juju driver (``recordOwnedResource(system:address:owner:applied:digest:at:)``).
    public func recordManagedModel(controller: String, model: String, environment: String, at date: Date) throws {
        let address = Self.jujuModelAddress(controller: controller, model: model)
        try Self.validate(system: Self.jujuSystem, address: address, applied: nil)
        try pool.write { db in
            try Self.upsert(db, system: Self.jujuSystem, address: address, owner: environment, applied: nil, digest: nil, at: date)
            let bounds = Self.subtreeBounds(address)
            try db.execute(
                sql: "UPDATE owned_resource SET owner = ? WHERE system = ? AND address >= ? AND address < ?",
                arguments: [environment, Self.jujuSystem, bounds.lower, bounds.upper])
        }
    }

    /// Forgets a destroyed model, with the secrets applied in it.
    ///
    /// Juju convenience: moves to the Juju driver (``forgetOwnedResources(system:under:)``).
    public func forgetManagedModel(controller: String, model: String) throws {
        try forgetOwnedResources(system: Self.jujuSystem, under: Self.jujuModelAddress(controller: controller, model: model))
    }

    /// `"<controller>/<model>"` → the environment id it was created for.
    ///
    /// Juju convenience: moves to the Juju driver (``ownedResources(system:under:)``).
    public func managedModels() throws -> [String: String] {
        var models: [String: String] = [:]
        for resource in try ownedResources(system: Self.jujuSystem) {
            // A model's path is `<controller>/<model>`; deeper paths are things inside a model.
            let path = resource.address.dropFirst(Self.jujuSystem.count + 1)
            guard path.split(separator: "/", omittingEmptySubsequences: false).count == 2, let owner = resource.owner else { continue }
            models[String(path)] = owner
        }
        return models
    }

    /// Records the Vault reference last applied to an application option, with the keyed digest
    /// of the value when known. Anything but a `vault:` reference is refused: it could be the
    /// secret value itself. A nil digest keeps the recorded one for the same reference and drops
    /// it for a new one.
    ///
    /// Juju convenience: moves to the Juju driver (``recordOwnedResource(system:address:owner:applied:digest:at:)``).
    public func recordAppliedSecret(
        controller: String, model: String, application: String, key: String, reference: String, digest: String? = nil, at date: Date
    ) throws {
        guard reference.hasPrefix("vault:") else {
            throw StoreError.invalidSecretReference(application: application, key: key)
        }
        let modelAddress = Self.jujuModelAddress(controller: controller, model: model)
        let address = Self.jujuSecretAddress(controller: controller, model: model, application: application, key: key)
        try Self.validate(system: Self.jujuSystem, address: address, applied: reference)
        try pool.write { db in
            let owner = try String.fetchOne(
                db, sql: "SELECT owner FROM owned_resource WHERE system = ? AND address = ?", arguments: [Self.jujuSystem, modelAddress])
            try Self.upsert(db, system: Self.jujuSystem, address: address, owner: owner, applied: reference, digest: digest, at: date)
        }
    }

    /// application → option key → Vault reference, for one model.
    ///
    /// Juju convenience: moves to the Juju driver (``ownedResources(system:under:)``).
    public func appliedSecrets(controller: String, model: String) throws -> [String: [String: String]] {
        try appliedSecretRows(controller: controller, model: model) { $0.applied }
    }

    /// application → option key → keyed digest of the value applied, where one was recorded.
    ///
    /// Juju convenience: moves to the Juju driver (``ownedResources(system:under:)``).
    public func appliedSecretDigests(controller: String, model: String) throws -> [String: [String: String]] {
        try appliedSecretRows(controller: controller, model: model) { $0.digest }
    }

    /// Forgets the secrets of a removed application.
    ///
    /// Juju convenience: moves to the Juju driver (``forgetOwnedResources(system:under:)``).
    public func forgetApplication(controller: String, model: String, application: String) throws {
        try forgetOwnedResources(
            system: Self.jujuSystem, under: Self.jujuApplicationAddress(controller: controller, model: model, application: application))
    }

    /// The secrets under `juju:<controller>/<model>/application`, by application and option,
    /// with the field `value` picks (rows where it is nil are left out).
    private func appliedSecretRows(
        controller: String, model: String, value: (OwnedResource) -> String?
    ) throws -> [String: [String: String]] {
        let applications = Self.jujuModelAddress(controller: controller, model: model) + "/application"
        var secrets: [String: [String: String]] = [:]
        for resource in try ownedResources(system: Self.jujuSystem, under: applications) {
            // `<application>/config/<option>`
            let parts = resource.address.dropFirst(applications.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "config", let field = value(resource) else { continue }
            secrets[String(parts[0]), default: [:]][String(parts[2])] = field
        }
        return secrets
    }
}
