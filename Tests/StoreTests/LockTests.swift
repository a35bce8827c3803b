import Foundation
import XCTest
@testable import Store

/// Environment locks: all or nothing, held until released, taken over from a dead holder.
final class LockTests: XCTestCase {
    private var dir: TemporaryDirectory!
    private var store: StateStore!

    override func setUpWithError() throws {
        dir = try TemporaryDirectory()
        store = try StateStore(directory: dir.path)
    }

    private func sleeper() throws -> Process {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["60"]
        try child.run()
        return child
    }

    func testAnOverlappingSetIsRefusedWholeAndNamesTheHolder() throws {
        let child = try sleeper()
        defer { child.terminate(); child.waitUntilExit() }
        let other = ProcessIdentity.of(pid: child.processIdentifier)
        XCTAssertEqual(try store.acquireLocks(["acme/production", "acme/staging"], command: "apply", at: time(0), owner: other), .acquired)
        guard case let .held(holder) = try store.acquireLocks(["bravo/production", "acme/staging"], command: "apply", at: time(1)) else {
            return XCTFail("acme/staging is held")
        }
        XCTAssertEqual(holder.environment, "acme/staging")
        XCTAssertEqual(holder.pid, child.processIdentifier)
        XCTAssertEqual(holder.acquiredAt, time(0))
        XCTAssertEqual(try store.locks().map(\.environment), ["acme/production", "acme/staging"], "bravo was not taken alone")
        XCTAssertEqual(try store.acquireLocks(["bravo/production"], command: "apply", at: time(2)), .acquired)
        XCTAssertEqual(try store.acquireLocks(["bravo/production"], command: "apply", at: time(3)), .acquired, "a holder may ask again")
        try store.releaseLocks()
        XCTAssertEqual(try store.locks().map(\.environment), ["acme/production", "acme/staging"], "only this process's locks are released")
    }

    func testADeadHoldersLockIsTakenOver() throws {
        let child = try sleeper()
        let other = ProcessIdentity.of(pid: child.processIdentifier)
        XCTAssertEqual(try store.acquireLocks(["acme/production"], command: "apply", at: time(0), owner: other), .acquired)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(try store.acquireLocks(["acme/production"], command: "apply", at: time(1)), .acquired)
        XCTAssertEqual(try store.locks().map(\.pid), [getpid()])
    }
}
