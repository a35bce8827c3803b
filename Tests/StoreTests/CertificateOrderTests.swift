import Foundation
import GRDB
import XCTest
@testable import Store

/// The certificate orders the rate-limit forecast counts (`v8-certificate-orders`, appended):
/// written before certbot runs, closed with the outcome, read back by time; and added to a
/// database of an earlier release without touching what it holds.
final class CertificateOrderTests: XCTestCase {
    func testOrdersAreKeptWithTheirOutcomeAndReadFromATime() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try StateStore(directory: dir.path)
            let old = try store.startCertificateOrder(directory: "https://ca.test/dir", lineage: "acme_production_old.acme.test",
                                                      names: ["old.acme.test"], renewal: false, at: time(10))
            try store.finishCertificateOrder(old, issued: true)
            let failed = try store.startCertificateOrder(directory: "https://ca.test/dir", lineage: "acme_production_shop.acme.test",
                                                         names: ["shop.acme.test", "*.shop.acme.test"], renewal: true, at: time(20))
            try store.finishCertificateOrder(failed, issued: false)
            _ = try store.startCertificateOrder(directory: "https://ca.test/dir", lineage: "acme_production_cut.acme.test",
                                                names: ["cut.acme.test"], renewal: false, at: time(30))
            XCTAssertThrowsError(try store.finishCertificateOrder(9999, issued: true), "an order that was never started")
        }
        let reopened = try StateStore(directory: dir.path)
        let since = try reopened.certificateOrders(since: time(15))
        XCTAssertEqual(since.map(\.lineage), ["acme_production_shop.acme.test", "acme_production_cut.acme.test"])
        XCTAssertEqual(since.map(\.names), [["*.shop.acme.test", "shop.acme.test"], ["cut.acme.test"]], "sorted names, split back exactly")
        XCTAssertEqual(since.map(\.renewal), [true, false])
        XCTAssertEqual(since.map(\.issued), [false, nil], "the order cut short has no outcome")
        XCTAssertEqual(since.first?.orderedAt, time(20))
        XCTAssertEqual(try reopened.certificateOrders(since: time(0)).count, 3)
        XCTAssertEqual(try reopened.certificateOrders(since: time(31)), [])
    }

    func testTheMigrationIsAppendedAndUpgradesAReleasedDatabase() throws {
        XCTAssertEqual(Schema.migrator.migrations.last, "v8-certificate-orders", "migrations are append-only")
        let dir = try TemporaryDirectory()
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "release-1-state", withExtension: "sqlite", subdirectory: "Fixtures"))
        try FileManager.default.copyItem(atPath: fixture.path, toPath: dir.child("tenantctl.sqlite"))
        XCTAssertEqual(chmod(dir.child("tenantctl.sqlite"), 0o600), 0)
        let before = try DatabaseQueue(path: dir.child("tenantctl.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") }
        let store = try StateStore(directory: dir.path)
        XCTAssertEqual(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") }, before)
        XCTAssertEqual(try store.certificateOrders(since: time(0)), [])
        let id = try store.startCertificateOrder(directory: "https://ca.test/dir", lineage: "l", names: ["a.test"], renewal: false, at: time(1))
        try store.finishCertificateOrder(id, issued: true)
        XCTAssertEqual(try store.certificateOrders(since: time(0)).map(\.issued), [true])
    }
}
