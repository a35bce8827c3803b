import Foundation
import Reconciler
import XCTest

final class RunLockingTests: XCTestCase {
    /// Locks held by another run for the first `busyFor` tries.
    final class Locks: EnvironmentLocks, @unchecked Sendable {
        let lock = NSLock()
        var busyFor: Int
        var tries = 0
        init(busyFor: Int) { self.busyFor = busyFor }
        func tryLock(_ environments: [String], command: String) throws -> (environment: String, holder: String)? {
            lock.withLock {
                tries += 1
                return tries <= busyFor ? (environments[0], "tenantctl apply (process 42)") : nil
            }
        }
        func unlock() throws {}
    }

    func testWaitsForTheHolderAndSaysSoOnce() async throws {
        let locks = Locks(busyFor: 3)
        var told: [String] = []
        try await RunLocking.acquire(locks, environments: ["acme/production"], command: "apply", timeout: .seconds(10), poll: .milliseconds(5)) {
            told.append("\($0) \($1)")
        }
        XCTAssertEqual(locks.tries, 4)
        XCTAssertEqual(told, ["acme/production tenantctl apply (process 42)"])
    }

    func testGivesUpNamingTheHolder() async {
        do {
            try await RunLocking.acquire(Locks(busyFor: .max), environments: ["acme/production"], command: "apply", timeout: .milliseconds(50),
                                         poll: .milliseconds(5))
            XCTFail("the holder never lets go")
        } catch let busy as RunLocking.Busy {
            XCTAssertEqual(busy.userMessage, "environment acme/production is being applied by tenantctl apply (process 42); gave up after 0 s")
        } catch {
            XCTFail("\(error)")
        }
    }

    func testTheDeletedTenantsAreLockedByWholeFleetRunsAndRunsNamingARemovedTenant() {
        XCTAssertEqual(RunLocking.environments(planned: ["a/p"], tenants: nil, present: ["a"]), ["a/p", RunLocking.deletedTenants])
        XCTAssertEqual(RunLocking.environments(planned: ["a/p"], tenants: ["a"], present: ["a"]), ["a/p"])
        XCTAssertEqual(RunLocking.environments(planned: [], tenants: ["gone"], present: ["a"]), [RunLocking.deletedTenants])
    }
}
