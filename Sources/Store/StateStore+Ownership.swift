import Foundation
import GRDB

/// What tenantctl created and applied, so that pruning never touches a model someone made by
/// hand, and a config change is detected by comparing Vault references, never values.
extension StateStore {
    /// Records (or refreshes) a model tenantctl created for a tenant environment.
    public func recordManagedModel(controller: String, model: String, environment: String, at date: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO managed_model (controller, model, environment, recorded_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (controller, model) DO UPDATE
                    SET environment = excluded.environment, recorded_at = excluded.recorded_at
                    """,
                arguments: [controller, model, environment, date])
        }
    }

    /// Forgets a destroyed model, with the secrets applied in it.
    public func forgetManagedModel(controller: String, model: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM managed_model WHERE controller = ? AND model = ?", arguments: [controller, model])
            try db.execute(
                sql: "DELETE FROM applied_secret WHERE controller = ? AND model = ?", arguments: [controller, model])
        }
    }

    /// `"<controller>/<model>"` → the environment id it was created for.
    public func managedModels() throws -> [String: String] {
        try pool.read { db in
            var models: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT controller, model, environment FROM managed_model")
            while let row = try rows.next() {
                let controller: String = row["controller"]
                let model: String = row["model"]
                models["\(controller)/\(model)"] = row["environment"]
            }
            return models
        }
    }

    /// Records the Vault reference last applied to an application option. Anything but a
    /// `vault:` reference is refused: it could be the secret value itself.
    public func recordAppliedSecret(
        controller: String, model: String, application: String, key: String, reference: String, digest: String? = nil, at date: Date
    ) throws {
        guard reference.hasPrefix("vault:") else {
            throw StoreError.invalidSecretReference(application: application, key: key)
        }
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO applied_secret (controller, model, application, option_key, reference, value_digest, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (controller, model, application, option_key) DO UPDATE
                    SET reference = excluded.reference, recorded_at = excluded.recorded_at,
                        value_digest = COALESCE(excluded.value_digest, CASE WHEN applied_secret.reference = excluded.reference THEN applied_secret.value_digest END)
                    """,
                arguments: [controller, model, application, key, reference, digest, date])
        }
    }

    /// application → option key → Vault reference, for one model.
    public func appliedSecrets(controller: String, model: String) throws -> [String: [String: String]] {
        try pool.read { db in
            var secrets: [String: [String: String]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT application, option_key, reference FROM applied_secret WHERE controller = ? AND model = ?",
                arguments: [controller, model])
            while let row = try rows.next() {
                let application: String = row["application"]
                secrets[application, default: [:]][row["option_key"]] = row["reference"]
            }
            return secrets
        }
    }

    /// application → option key → keyed digest of the value applied, where one was recorded.
    public func appliedSecretDigests(controller: String, model: String) throws -> [String: [String: String]] {
        try pool.read { db in
            var digests: [String: [String: String]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT application, option_key, value_digest FROM applied_secret
                    WHERE controller = ? AND model = ? AND value_digest IS NOT NULL
                    """,
                arguments: [controller, model])
            while let row = try rows.next() {
                let application: String = row["application"]
                digests[application, default: [:]][row["option_key"]] = row["value_digest"]
            }
            return digests
        }
    }

    /// Forgets the secrets of a removed application.
    public func forgetApplication(controller: String, model: String, application: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM applied_secret WHERE controller = ? AND model = ? AND application = ?",
                arguments: [controller, model, application])
        }
    }
}
