import Foundation
import GRDB
import XCTest
@testable import Store

/// What `serve` keeps for its next start and its dashboard: the last reconciled commit per
/// repository, the plan of each run, the latest run of each environment (`v6-reconciled-commits`,
/// `v7-run-plans`, appended to a released database without touching what it holds).
final class DashboardRecordsTests: XCTestCase {
    func testTheReconciledCommitIsKeptPerSourceAcrossOpenings() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try StateStore(directory: dir.path)
            XCTAssertNil(try store.reconciledCommit(source: "https://gitlab.example.com/ops/tenants.git#HEAD"))
            try store.recordReconciledCommit("aaaa", source: "https://gitlab.example.com/ops/tenants.git#HEAD", at: time(1))
            try store.recordReconciledCommit("bbbb", source: "https://gitlab.example.com/ops/tenants.git#HEAD", at: time(2))
            try store.recordReconciledCommit("cccc", source: "/srv/tenants#main", at: time(3))
        }
        let reopened = try StateStore(directory: dir.path)
        XCTAssertEqual(try reopened.reconciledCommit(source: "https://gitlab.example.com/ops/tenants.git#HEAD"), "bbbb", "the later one replaces")
        XCTAssertEqual(try reopened.reconciledCommit(source: "/srv/tenants#main"), "cccc")
        XCTAssertNil(try reopened.reconciledCommit(source: "/srv/tenants#HEAD"), "another ref is another source")
    }

    func testARunsPlanIsKeptInOrderAndTheLatestRunOfEachEnvironmentIsFound() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let first = try store.startRun(command: "serve", commit: "c1", fingerprint: nil, at: time(0))
        let plan = [
            PlannedChangeRecord(actionID: "juju.add-model juju:k8s/acme-production", kind: "juju.add-model", effect: "create", tenant: "acme",
                                environment: "acme/production", target: "model", reasons: "model: (none) -> acme-production"),
            PlannedChangeRecord(actionID: "juju.deploy juju:k8s/acme-production/bundle", kind: "juju.deploy", effect: "create", tenant: "acme",
                                environment: "acme/production", target: "bundle", reasons: "application shop: (none) -> present\nunits: 0 -> 1"),
        ]
        try store.recordPlan(run: first, changes: plan)
        XCTAssertEqual(try store.plannedChanges(run: first), plan)
        try store.recordPlan(run: first, changes: Array(plan.prefix(1)))
        XCTAssertEqual(try store.plannedChanges(run: first), Array(plan.prefix(1)), "recording again replaces")
        XCTAssertThrowsError(try store.recordPlan(run: 999, changes: plan), "a plan belongs to a journaled run")

        for environment in ["acme/production", "corp/production"] {
            let entry = try store.startAction(run: first, actionID: "x \(environment)", kind: "juju.deploy", tenant: nil, environment: environment,
                                              target: "bundle", attempt: 1, at: time(1))
            try store.finishAction(entry, result: .succeeded, error: nil, at: time(2))
        }
        let second = try store.startRun(command: "apply", commit: "c2", fingerprint: nil, at: time(10))
        _ = try store.startAction(run: second, actionID: "y", kind: "juju.scale", tenant: "acme", environment: "acme/production", target: "shop",
                                  attempt: 1, at: time(11))
        let latest = try store.latestRunByEnvironment()
        XCTAssertEqual(latest["acme/production"]?.id, second, "a person's apply counts")
        XCTAssertEqual(latest["acme/production"]?.command, "apply")
        XCTAssertEqual(latest["corp/production"]?.id, first)
        XCTAssertEqual(latest.count, 2)
        XCTAssertEqual(try store.plannedChanges(run: second), [], "a run without a recorded plan has none")
    }

    func testTheMigrationsAreAppendedAndUpgradeAReleasedDatabase() throws {
        XCTAssertEqual(Array(Schema.migrator.migrations.dropFirst(6).prefix(2)), ["v6-reconciled-commits", "v7-run-plans"], "migrations are append-only")
        let dir = try TemporaryDirectory()
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "release-1-state", withExtension: "sqlite", subdirectory: "Fixtures"))
        try FileManager.default.copyItem(atPath: fixture.path, toPath: dir.child("tenantctl.sqlite"))
        XCTAssertEqual(chmod(dir.child("tenantctl.sqlite"), 0o600), 0)
        let before = try DatabaseQueue(path: dir.child("tenantctl.sqlite")).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM run"), try Int.fetchOne(db, sql: "SELECT count(*) FROM action"))
        }
        let store = try StateStore(directory: dir.path)
        let after = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM run"), try Int.fetchOne(db, sql: "SELECT count(*) FROM action"))
        }
        XCTAssertEqual(after.0, before.0)
        XCTAssertEqual(after.1, before.1)
        XCTAssertNil(try store.reconciledCommit(source: "x#HEAD"))
        // The released runs have no plan: their environments still find their latest run.
        let latest = try store.latestRunByEnvironment()
        XCTAssertEqual(latest.isEmpty, (before.1 ?? 0) == 0)
        if let run = latest.values.first { XCTAssertEqual(try store.plannedChanges(run: run.id), []) }
    }
}
