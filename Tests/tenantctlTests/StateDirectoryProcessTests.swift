import Foundation
import GitTestSupport
import XCTest

/// Several `tenantctl` processes run for the first time on one machine: they create the same
/// fresh state database together. All but one lose the race to switch it to WAL and migrate it,
/// and every one must still open it. Real processes, so each has its own SQLite library state and
/// file locks, as in production.
final class StateDirectoryProcessTests: CLITestCase {
    func testProcessesOpeningAFreshStateDirectoryTogetherAllSucceed() throws {
        let binary = try Tenantctl.location.get()
        let openers = 12
        for round in 0..<12 {
            let state = fixture.path("state-\(round)")
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TENANTCTL_") }
            environment["HOME"] = home
            environment["TENANTCTL_STATE_DIR"] = state
            // The children wait for a shared lock on a gate file this test holds exclusively;
            // releasing it lets them all go at once, so they reach the fresh database together
            // instead of one process start apart.
            let gate = fixture.path("gate-\(round)")
            let lock = open(gate, O_CREAT | O_RDWR, 0o600)
            XCTAssertEqual(flock(lock, LOCK_EX), 0)
            let processes = try (0..<openers).map { _ -> (Process, Pipe, Pipe) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
                process.arguments = ["--shared", gate, binary, "history"]
                process.environment = environment
                let output = Pipe(), errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                try process.run()
                return (process, output, errors)
            }
            // Not a measurement: time for the children to reach the gate before it opens.
            Thread.sleep(forTimeInterval: 0.3)
            flock(lock, LOCK_UN)
            close(lock)
            for (index, (process, output, errors)) in processes.enumerated() {
                let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0, "round \(round), opener \(index): \(stderr)")
                XCTAssertEqual(stdout, "No runs in the journal yet.\n", "round \(round), opener \(index)")
                XCTAssertEqual(stderr, "", "round \(round), opener \(index)")
            }
            let after = try tenantctl("history", environment: ["TENANTCTL_STATE_DIR": state])
            XCTAssertExit(after, 0)
        }
    }
}
