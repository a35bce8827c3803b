import Foundation

/// Where runs, actions and tenantctl's own bookkeeping (models it created, Vault references it
/// applied) are kept. The CLI backs it with the SQLite store; tests may use memory.
public protocol Journal: Sendable {
    func startRun(command: String, commit: String?, fingerprint: String?) throws -> Int64
    func finishRun(_ run: Int64, succeeded: Bool, summary: String) throws
    /// The run was stopped before it ended (a signal, a shutdown): neither succeeded nor failed.
    func interruptRun(_ run: Int64, summary: String) throws
    func startAction(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String, attempt: Int) throws -> Int64
    func finishAction(_ entry: Int64, succeeded: Bool, error: String?) throws
    /// A change that never started: skipped for a failed dependency, or not run because the
    /// apply was stopped (`interrupted`).
    func recordNotRun(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String,
                      reason: String, interrupted: Bool) throws
    func managedModels() throws -> [String: String]
    func recordManagedModel(controller: String, model: String, environment: String) throws
    func forgetManagedModel(controller: String, model: String) throws
    func appliedSecrets(controller: String, model: String) throws -> [String: [String: String]]
    func recordAppliedSecret(controller: String, model: String, application: String, key: String, reference: String) throws
    func forgetApplication(controller: String, model: String, application: String) throws
    /// The key of the digests of applied secret values (nil: no digests, as in memory).
    func secretDigestKey(create: Bool) throws -> [UInt8]?
    func recordAppliedSecretDigest(controller: String, model: String, application: String, key: String, reference: String, digest: String) throws
    func appliedSecretDigests(controller: String, model: String) throws -> [String: [String: String]]
}

extension Journal {
    /// A journal without an interrupted state records the run as not succeeded.
    public func interruptRun(_ run: Int64, summary: String) throws {
        try finishRun(run, succeeded: false, summary: summary)
    }

    public func secretDigestKey(create: Bool) throws -> [UInt8]? { nil }
    /// A journal that keeps no digests still records the reference.
    public func recordAppliedSecretDigest(controller: String, model: String, application: String, key: String, reference: String, digest: String) throws {
        try recordAppliedSecret(controller: controller, model: model, application: application, key: key, reference: reference)
    }
    public func appliedSecretDigests(controller: String, model: String) throws -> [String: [String: String]] { [:] }
}
