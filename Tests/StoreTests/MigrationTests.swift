import Foundation
import GRDB
import XCTest
@testable import Store

/// `v4-owned-resources` on a database written by the release before it (Fixtures/README.md).
final class MigrationTests: XCTestCase {
    private struct OldModel: Equatable {
        var controller, model, environment: String
        var recordedAt: Date
    }

    private struct OldSecret: Equatable {
        var controller, model, application, key, reference: String
        var digest: String?
        var recordedAt: Date
    }

    /// A copy of the release's database as `<dir>/tenantctl.sqlite`, 0600 like every journal.
    private func releaseDatabase(in dir: TemporaryDirectory) throws -> String {
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "release-1-state", withExtension: "sqlite", subdirectory: "Fixtures"))
        let path = dir.child("tenantctl.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        XCTAssertEqual(chmod(path, 0o600), 0)
        return path
    }

    /// Opens the file with GRDB alone, as the release left it, outside ``StateStore``.
    private func withRawDatabase<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        return try queue.inDatabase(body)
    }

    /// Every table's rows and the schema itself: what "left intact" and "a no-op" compare.
    private func dump(_ db: Database) throws -> [String: [Row]] {
        var tables = ["sqlite_master": try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")]
        for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            let columns = try db.columns(in: name).indices.map { String($0 + 1) }.joined(separator: ", ")
            tables[name] = try Row.fetchAll(db, sql: "SELECT * FROM \(name) ORDER BY \(columns)")
        }
        return tables
    }

    func testTheCurrentReleasesDatabaseMovesToOwnedResources() throws {
        let dir = try TemporaryDirectory()
        let path = try releaseDatabase(in: dir)
        let (models, secrets, journal) = try withRawDatabase(path) { db in
            let models = try Row.fetchAll(db, sql: "SELECT * FROM managed_model").map {
                OldModel(controller: $0["controller"], model: $0["model"], environment: $0["environment"], recordedAt: $0["recorded_at"])
            }
            let secrets = try Row.fetchAll(db, sql: "SELECT * FROM applied_secret").map {
                OldSecret(controller: $0["controller"], model: $0["model"], application: $0["application"], key: $0["option_key"],
                          reference: $0["reference"], digest: $0["value_digest"], recordedAt: $0["recorded_at"])
            }
            let journal = [
                "run": try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id"),
                "action": try Row.fetchAll(db, sql: "SELECT * FROM action ORDER BY id"),
            ]
            return (models, secrets, journal)
        }
        // What the fixture must hold for this test to mean something (Fixtures/README.md).
        XCTAssertEqual(models.count, 12)
        XCTAssertEqual(secrets.count, 21)
        XCTAssertTrue(secrets.allSatisfy { $0.digest != nil })
        XCTAssertGreaterThan(Set(secrets.compactMap(\.digest)).count, 1)
        let environments = Dictionary(uniqueKeysWithValues: models.map { ("\($0.controller)/\($0.model)", $0.environment) })
        XCTAssertTrue(secrets.contains { environments["\($0.controller)/\($0.model)"] == nil }, "a secret in a model made by hand")
        XCTAssertEqual(journal["run"]?.count, 2)
        XCTAssertEqual(journal["action"]?.count, 50)

        let store = try StateStore(directory: dir.path)

        for old in models {
            XCTAssertEqual(
                try store.ownedResource(system: "juju", address: "juju:\(old.controller)/\(old.model)"),
                OwnedResource(
                    system: "juju", address: "juju:\(old.controller)/\(old.model)", owner: old.environment, recordedAt: old.recordedAt))
        }
        for old in secrets {
            let address = "juju:\(old.controller)/\(old.model)/application/\(old.application)/config/\(old.key)"
            XCTAssertEqual(
                try store.ownedResource(system: "juju", address: address),
                OwnedResource(
                    system: "juju", address: address, owner: environments["\(old.controller)/\(old.model)"],
                    applied: old.reference, digest: old.digest, recordedAt: old.recordedAt))
        }
        XCTAssertEqual(try store.ownedResources(system: "juju").count, models.count + secrets.count, "nothing else arrived")

        let (tables, migrations, after) = try store.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
                try Schema.migrator.appliedIdentifiers(db),
                [
                    "run": try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id"),
                    "action": try Row.fetchAll(db, sql: "SELECT * FROM action ORDER BY id"),
                ]
            )
        }
        XCTAssertFalse(tables.contains("managed_model"), "\(tables)")
        XCTAssertFalse(tables.contains("applied_secret"), "\(tables)")
        XCTAssertTrue(migrations.contains("v4-owned-resources"))
        XCTAssertEqual(after, journal, "runs and actions are untouched")
        XCTAssertEqual(try store.runs(limit: 10).map(\.id), [2, 1])

        // Opening it again changes nothing.
        let migrated = try store.pool.read(dump)
        let reopened = try StateStore(directory: dir.path)
        XCTAssertEqual(try reopened.pool.read(dump), migrated)
    }

    /// A later tenantctl's database is refused before anything is migrated, as before.
    func testADatabaseFromALaterTenantctlIsRefusedAndLeftAsItIs() throws {
        let dir = try TemporaryDirectory()
        let path = try releaseDatabase(in: dir)
        try withRawDatabase(path) { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        let before = try withRawDatabase(path, dump)
        XCTAssertNotNil(before["managed_model"])

        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path: path, unknownMigrations: ["v9-from-the-future"]))
        }
        XCTAssertEqual(try withRawDatabase(path, dump), before)
    }

    /// The migration is one transaction: when it fails after the new table was made and the
    /// models copied (here: a model whose name makes its address collide with a secret's), the
    /// database is exactly as the release left it, and opens once the cause is gone.
    func testAFailureInTheMiddleOfTheMigrationLeavesTheOldDatabaseIntact() throws {
        let dir = try TemporaryDirectory()
        let path = try releaseDatabase(in: dir)
        let collision = "garage-petit-production/application/magento/config/admin-password"
        try withRawDatabase(path) { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM applied_secret WHERE controller = 'bibind-k8s' AND model = 'garage-petit-production'
                AND application = 'magento' AND option_key = 'admin-password'
                """), 1)
            try db.execute(
                sql: "INSERT INTO managed_model (controller, model, environment, recorded_at) VALUES ('bibind-k8s', ?, 'x/y', ?)",
                arguments: [collision, time(0)])
        }
        let before = try withRawDatabase(path, dump)

        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            guard case let .cannotOpenDatabase(reported, reason)? = error as? StoreError else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(reported, path)
            XCTAssertTrue(reason.contains("UNIQUE constraint failed: owned_resource"), reason)
        }
        let after = try withRawDatabase(path, dump)
        XCTAssertNil(after["owned_resource"])
        XCTAssertEqual(after, before)

        try withRawDatabase(path) { db in
            try db.execute(sql: "DELETE FROM managed_model WHERE model = ?", arguments: [collision])
        }
        let store = try StateStore(directory: dir.path)
        // Models are `juju:<controller>/<model>`: one `/` in the path (JujuOwnedResourcesTests read them as Juju does).
        XCTAssertEqual(try store.ownedResources(system: "juju").filter { $0.address.split(separator: "/").count == 2 }.count, 12)
    }
}
