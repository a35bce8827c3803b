import Foundation
import GRDB
import XCTest
@testable import Store

final class SchemaTests: XCTestCase {
    func testMigrationsCreateTheSchema() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let tables = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        XCTAssertEqual(Set(tables), ["run", "action", "owned_resource", "environment_lock", "suspended_tenant", "reconciled_commit", "run_change", "certificate_order",
                                    "grdb_migrations", "sqlite_sequence"])
        let ownedColumns = try store.pool.read { db in try db.columns(in: "owned_resource").map(\.name) }
        XCTAssertEqual(ownedColumns, ["system", "address", "owner", "applied", "digest", "recorded_at"])
        let ownedKey = try store.pool.read { db in try db.primaryKey("owned_resource").columns }
        XCTAssertEqual(ownedKey, ["system", "address"])
        let actionColumns = try store.pool.read { db in try db.columns(in: "action").map(\.name) }
        XCTAssertEqual(actionColumns, [
            "id", "run_id", "action_id", "kind", "tenant", "environment", "target", "attempt", "result", "error",
            "started_at", "finished_at",
        ])
        let applied = try store.pool.read { db in try Schema.migrator.appliedMigrations(db) }
        XCTAssertEqual(applied, Schema.migrator.migrations)
        let journalMode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(journalMode, "wal")
    }

    func testReopeningKeepsData() throws {
        let dir = try TemporaryDirectory()
        var id: Int64 = 0
        do {
            let store = try StateStore(directory: dir.path)
            id = try store.startRun(command: "apply --auto-approve", commit: "abc123", fingerprint: "fp", at: time(0))
            try store.finishRun(id, status: .succeeded, summary: "3 actions", at: time(5))
            try store.recordOwnedResource(system: "juju", address: "juju:ovh/acme-production", owner: "acme/production", at: time(1))
        }
        let reopened = try StateStore(directory: dir.path)
        let runs = try reopened.runs(limit: 10)
        XCTAssertEqual(runs.map(\.id), [id])
        XCTAssertEqual(runs.first?.status, .succeeded)
        XCTAssertEqual(runs.first?.commit, "abc123")
        XCTAssertEqual(runs.first?.finishedAt, time(5))
        XCTAssertEqual(try reopened.ownedResource(system: "juju", address: "juju:ovh/acme-production")?.owner, "acme/production")
    }

    func testADatabaseFromANewerSchemaIsRefused() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try StateStore(directory: dir.path)
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
            }
        }
        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            XCTAssertEqual(
                error as? StoreError,
                .newerSchema(path: dir.child("tenantctl.sqlite"), unknownMigrations: ["v9-from-the-future"]))
            XCTAssertTrue("\(error)".contains(dir.child("tenantctl.sqlite")), "\(error)")
        }
    }
}
