import Foundation
import GRDB
import XCTest
@testable import Store

/// `tenantctl suspend` / `resume`: kept across processes, and added to a database written by an
/// earlier release without touching what it holds (`v5-suspended-tenants`, appended).
final class SuspensionTests: XCTestCase {
    func testSuspendAndResumeAreKeptAcrossOpenings() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try StateStore(directory: dir.path)
            XCTAssertEqual(try store.suspendedTenants(), [])
            XCTAssertTrue(try store.suspend(tenant: "corp", reason: "migration window", at: time(1)))
            XCTAssertTrue(try store.suspend(tenant: "acme", reason: "", at: time(2)))
            XCTAssertFalse(try store.suspend(tenant: "corp", reason: "still migrating", at: time(3)), "already suspended")
        }
        let reopened = try StateStore(directory: dir.path)
        let suspended = try reopened.suspendedTenants()
        XCTAssertEqual(suspended.map(\.tenant), ["acme", "corp"])
        XCTAssertEqual(suspended.last?.reason, "still migrating")
        XCTAssertEqual(suspended.last?.since, time(3))
        XCTAssertTrue(try reopened.resume(tenant: "corp"))
        XCTAssertFalse(try reopened.resume(tenant: "corp"), "resuming twice says it was not suspended")
        XCTAssertEqual(try reopened.suspendedTenants().map(\.tenant), ["acme"])
    }

    func testTheMigrationIsAppendedAndUpgradesAReleasedDatabase() throws {
        XCTAssertEqual(Array(Schema.migrator.migrations.prefix(6)),
                       ["v1-journal", "v1-ownership", "v2-environment-locks", "v3-applied-secret-digest", "v4-owned-resources", "v5-suspended-tenants"],
                       "migrations are append-only")
        let dir = try TemporaryDirectory()
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "release-1-state", withExtension: "sqlite", subdirectory: "Fixtures"))
        try FileManager.default.copyItem(atPath: fixture.path, toPath: dir.child("tenantctl.sqlite"))
        XCTAssertEqual(chmod(dir.child("tenantctl.sqlite"), 0o600), 0)
        let before = try DatabaseQueue(path: dir.child("tenantctl.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") }
        let store = try StateStore(directory: dir.path)
        XCTAssertEqual(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") }, before)
        XCTAssertEqual(try store.suspendedTenants(), [])
        XCTAssertTrue(try store.suspend(tenant: "acme", reason: "", at: time(0)))
    }
}
