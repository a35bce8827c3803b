import Foundation
import GitTestSupport
import XCTest

/// plan, drift and observe only read the journal: they never create a state directory, and one
/// they cannot open is an error naming it, never a plan full of false differences.
final class StateDirectoryReadTests: ReconcileCase {
    func testAMissingStateDirectoryIsNotCreatedByAPlan() throws {
        let missing = fixture.path("nowhere/state")
        let plan = try tenantctl("plan", "--state-dir", missing)
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stderr.contains("note: no state directory at \(missing)"), plan.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.path("nowhere")), "nothing created")
        XCTAssertEqual(try tenantctl("drift", "--state-dir", missing).status, 2)
        XCTAssertEqual(try tenantctl("observe", "--out", fixture.path("snapshot.json"), "--state-dir", missing).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.path("nowhere")))
    }

    func testAStateDirectoryThatCannotBeOpenedIsAnErrorNotFalseDrift() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        let file = fixture.path("a-file")
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: file))
        for command in ["plan", "drift"] {
            let result = try tenantctl(command, "--state-dir", file)
            XCTAssertEqual(result.status, 1, "\(command): \(result)")
            XCTAssertTrue(result.stderr.contains("the state directory \(file) is not a directory"), result.stderr)
            XCTAssertFalse(result.stdout.contains("not set by tenantctl"), result.stdout)
        }
        // A journal that is not a database.
        let corrupt = fixture.path("corrupt")
        try FileManager.default.createDirectory(atPath: corrupt, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: corrupt + "/tenantctl.sqlite"))
        let result = try tenantctl("plan", "--state-dir", corrupt)
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(result.stderr.contains(corrupt + "/tenantctl.sqlite"), result.stderr)
        XCTAssertFalse(result.stdout.contains("not set by tenantctl"), result.stdout)
    }
}
