import Reconciler

/// A secret option's reference that is not a `vault:` reference: it could be the value itself,
/// so it is neither stored nor repeated.
public struct NotASecretReference: Error, CustomStringConvertible {
    public let application: String
    public let key: String
    public var description: String {
        "the reference recorded for \(application) option '\(key)' is not a vault: reference; it is not stored (it could be the secret itself)"
    }
}

/// Juju's addresses in the book.
private enum JujuAddress {
    static let system = "juju"

    static func model(controller: String, model: String) -> String { "juju:\(controller)/\(model)" }

    static func application(controller: String, model: String, application: String) -> String {
        Self.model(controller: controller, model: model) + "/application/\(application)"
    }
}

/// What Juju's driver records in the book of owned resources: the models tenantctl created
/// (the only ones a removal may touch) and the Vault reference, version and digest last applied
/// to each secret option (how a rotation or an out-of-band change is seen without reading a
/// value). The book is generic; the addresses are Juju's, and only this file knows them:
///
/// - `juju:<controller>/<model>`: a model, owned by the environment it was created for;
/// - `juju:<controller>/<model>/application/<application>/config/<option>`: a secret applied to
///   an option, owned by its model's environment, or by nobody in a model made by hand.
///
/// Juju names contain no `/`, so these paths cannot be confused. Any ``OwnedResourceTree`` (the
/// SQLite store's, or one in memory) answers these methods where this module is imported.
extension OwnedResourceTree {
    /// `"<controller>/<model>"` → the environment id it was created for.
    public func managedModels() throws -> [String: String] {
        var models: [String: String] = [:]
        for entry in try ownedEntries(system: JujuAddress.system, under: nil) {
            // A model's path is `<controller>/<model>`; deeper paths are things inside a model.
            let path = entry.address.dropFirst(JujuAddress.system.count + 1)
            guard path.split(separator: "/", omittingEmptySubsequences: false).count == 2, let owner = entry.owner else { continue }
            models[String(path)] = owner
        }
        return models
    }

    /// Records (or refreshes) a model created for an environment; what is already recorded in it
    /// (its applied secrets) takes the same owner.
    public func recordManagedModel(controller: String, model: String, environment: String) throws {
        try recordOwnedEntry(system: JujuAddress.system, address: JujuAddress.model(controller: controller, model: model), owner: environment,
                             applied: nil, digest: nil, owningSubtree: true)
    }

    /// Forgets a destroyed model, with what was applied in it.
    public func forgetManagedModel(controller: String, model: String) throws {
        try forgetOwnedEntries(system: JujuAddress.system, under: JujuAddress.model(controller: controller, model: model))
    }

    /// Per application, option → the reference last applied (with `@version` when known).
    public func appliedSecrets(controller: String, model: String) throws -> [String: [String: String]] {
        try appliedSecretEntries(controller: controller, model: model) { $0.applied }
    }

    /// Per application, option → the keyed digest of the value applied, where one was recorded.
    public func appliedSecretDigests(controller: String, model: String) throws -> [String: [String: String]] {
        try appliedSecretEntries(controller: controller, model: model) { $0.digest }
    }

    /// Records the Vault reference applied to an option, with the keyed digest of the value when
    /// known (nil keeps the recorded digest for the same reference, drops it for a new one). Its
    /// owner is its model's, if tenantctl created the model.
    public func recordAppliedSecret(controller: String, model: String, application: String, key: String, reference: String,
                                    digest: String? = nil) throws {
        guard reference.hasPrefix("vault:") else { throw NotASecretReference(application: application, key: key) }
        let modelAddress = JujuAddress.model(controller: controller, model: model)
        let owner = try ownedEntries(system: JujuAddress.system, under: modelAddress).first { $0.address == modelAddress }?.owner
        try recordOwnedEntry(system: JujuAddress.system,
                             address: JujuAddress.application(controller: controller, model: model, application: application) + "/config/\(key)",
                             owner: owner, applied: reference, digest: digest, owningSubtree: false)
    }

    /// Forgets the secrets of a removed application.
    public func forgetApplication(controller: String, model: String, application: String) throws {
        try forgetOwnedEntries(system: JujuAddress.system, under: JujuAddress.application(controller: controller, model: model, application: application))
    }

    /// The secrets under `juju:<controller>/<model>/application`, by application and option, with
    /// the field `value` picks (entries where it is nil are left out).
    private func appliedSecretEntries(controller: String, model: String,
                                      value: (OwnedEntry) -> String?) throws -> [String: [String: String]] {
        let applications = JujuAddress.model(controller: controller, model: model) + "/application"
        var secrets: [String: [String: String]] = [:]
        for entry in try ownedEntries(system: JujuAddress.system, under: applications) {
            // `<application>/config/<option>`
            let parts = entry.address.dropFirst(applications.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "config", let field = value(entry) else { continue }
            secrets[String(parts[0]), default: [:]][String(parts[2])] = field
        }
        return secrets
    }
}
