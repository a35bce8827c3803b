import Foundation
import XCTest
@testable import CertsDriver

/// The private run folders certbot's hook reads its DNS credentials from: one a killed apply
/// left behind is removed by the next run; those of live runs are not.
final class RunFolderSweepTests: XCTestCase {
    private var parent: String!

    override func setUpWithError() throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("cert-runs-\(UUID().uuidString)").path
        try PrivateFile.makeDirectory(parent)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: parent)
    }

    /// A process id that existed and is gone: a child that has exited and been reaped.
    private func deadProcessID() throws -> pid_t {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        return child.processIdentifier
    }

    private func folder(_ name: String, holding secret: String = "dns-credential-canary") throws -> String {
        let path = parent + "/" + name
        try PrivateFile.makeDirectory(path)
        try PrivateFile.write(secret, to: path + "/hook-context.json")
        return path
    }

    func testAKilledRunsFolderGoesAndLiveRunsFoldersStay() throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { sleeper.terminate(); sleeper.waitUntilExit() }

        let dead = try folder("run-\(try deadProcessID())-abc123")
        let live = try folder("run-\(sleeper.processIdentifier)-def456")
        let mine = try folder("run-\(getpid())-ghi789")
        let foreign = try folder("notes-of-someone")

        let removed = PrivateFile.removeAbandonedFolders(in: parent)
        XCTAssertEqual(removed, [(dead as NSString).lastPathComponent])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead), "the credentials of a killed run are gone")
        for kept in [live, mine, foreign] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: kept + "/hook-context.json"), kept)
        }
    }

    func testAnOlderReleasesFolderGoesOnlyOnceItIsAnHourOld() throws {
        let old = try folder("run-Xy12Zq")
        XCTAssertEqual(PrivateFile.removeAbandonedFolders(in: parent), [], "a folder of a run that may be going on")
        XCTAssertEqual(PrivateFile.removeAbandonedFolders(in: parent, now: Date().addingTimeInterval(3601)), ["run-Xy12Zq"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: old))
    }

    func testANewRunSweepsThenWorksInAFolderOfItsOwnThatItRemoves() async throws {
        let dead = try folder("run-\(try deadProcessID())-abc123")
        let parent = self.parent!
        let used = try await PrivateFile.withFolder(in: parent) { folder -> String in
            XCTAssertTrue((folder as NSString).lastPathComponent.hasPrefix("run-\(getpid())-"), folder)
            let mode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber
            XCTAssertEqual(mode?.intValue, 0o700)
            return folder
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead))
        XCTAssertFalse(FileManager.default.fileExists(atPath: used))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), [])
    }
}
