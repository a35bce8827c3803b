import Foundation
import GitTestSupport
import XCTest

/// Ctrl-C (or SIGTERM from a service manager) during an apply: the running actions finish, no
/// new one starts, the run is journaled as interrupted with what was not run, and the exit
/// status is 130; the next apply finishes the work.
final class StopSignalTests: ReconcileCase {
    func testTheFirstSignalStopsTheRunCleanly() throws {
        let out = fixture.path("apply.out"), err = fixture.path("apply.err")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("tenantctl"))
        process.arguments = ["apply", "--auto-approve", "--settle", "0.2", "--repo", repository.path]
        var environment = self.environment
        environment["JUJU_SIM_LATENCY_MS"] = "300"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        // Once an action is under way, the operator presses Ctrl-C.
        for _ in 0..<600 where !((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").contains("juju.add-model model …") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGINT)
        let exited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { process.waitUntilExit(); exited.signal() }
        if exited.wait(timeout: .now() + 60) == .timedOut { process.terminate(); XCTFail("apply did not stop") }
        let stdout = try String(contentsOfFile: out, encoding: .utf8), stderr = try String(contentsOfFile: err, encoding: .utf8)
        XCTAssertEqual(process.terminationStatus, 130, "\(stdout)\n\(stderr)")
        XCTAssertTrue(stderr.contains("interrupted: stopping — no new change starts, the running ones finish"), stderr)
        XCTAssertTrue(stdout.contains("Apply stopped: "), stdout)
        XCTAssertTrue(stdout.contains(" not run; run apply again to finish. (run 1)"), stdout)

        let history = try tenantctlWithoutRepo("history")
        XCTAssertTrue(history.stdout.hasPrefix("run 1  apply  interrupted"), history.stdout)
        XCTAssertFalse(history.stdout.contains("running"), "finished in the journal, with its real duration: \(history.stdout)")
        let detail = try tenantctlWithoutRepo("history", "--run", "1")
        XCTAssertTrue(detail.stdout.contains("interrupted") && detail.stdout.contains("not run: the apply was stopped"),
                      "what never started is journaled as interrupted: \(detail.stdout)")

        let finish = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(finish.status, 0, "\(finish)")
        XCTAssertEqual(try census(), Self.converged, "the work is finished, nothing twice")
    }
}
