import Reconciler

/// What Juju's driver records beside the journal: the models tenantctl created (the only ones a
/// removal may touch) and the Vault reference, version and digest last applied to each secret
/// option (how a rotation or an out-of-band change is seen without reading a value).
public protocol JujuBookkeeping: Journal {
    /// `"<controller>/<model>"` → the environment id it was created for.
    func managedModels() throws -> [String: String]
    func recordManagedModel(controller: String, model: String, environment: String) throws
    /// Forgets a destroyed model, with what was applied in it.
    func forgetManagedModel(controller: String, model: String) throws
    /// Per application, option → the reference last applied (with `@version` when known).
    func appliedSecrets(controller: String, model: String) throws -> [String: [String: String]]
    func recordAppliedSecret(controller: String, model: String, application: String, key: String, reference: String) throws
    func forgetApplication(controller: String, model: String, application: String) throws
    func recordAppliedSecretDigest(controller: String, model: String, application: String, key: String, reference: String, digest: String) throws
    func appliedSecretDigests(controller: String, model: String) throws -> [String: [String: String]]
}

extension JujuBookkeeping {
    /// A journal that keeps no digests still records the reference.
    public func recordAppliedSecretDigest(controller: String, model: String, application: String, key: String, reference: String, digest: String) throws {
        try recordAppliedSecret(controller: controller, model: model, application: application, key: key, reference: reference)
    }
    public func appliedSecretDigests(controller: String, model: String) throws -> [String: [String: String]] { [:] }
}
