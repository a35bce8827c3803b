import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import XCTest

/// The child-process runner every juju call goes through.
final class ProcessRunnerTests: XCTestCase {
    func testOutputErrorsAndExitStatus() async throws {
        let output = try await ProcessRunner().run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeout: .seconds(10))
        XCTAssertEqual(output.stdoutText, "out\n")
        XCTAssertEqual(output.stderrText, "err\n")
        XCTAssertEqual(output.exitCode, 3)
        XCTAssertFalse(output.timedOut)
    }

    func testLargeOutputIsReadWhileTheChildRuns() async throws {
        // 4 MiB: far more than a pipe holds, so the child blocks unless the parent drains it.
        let output = try await ProcessRunner().run("/bin/sh", ["-c", "head -c 4194304 /dev/zero"], timeout: .seconds(20))
        XCTAssertEqual(output.stdout.count, 4_194_304)
        XCTAssertEqual(output.exitCode, 0)
    }

    func testAHungChildIsKilledAtTheDeadline() async throws {
        let output = try await ProcessRunner().run("/bin/sleep", ["30"], timeout: .milliseconds(300))
        XCTAssertTrue(output.timedOut)
        // Ended by the runner's signal (SIGTERM, or SIGKILL after it), not by sleeping its 30
        // seconds out (exit 0).
        XCTAssertTrue([128 + SIGTERM, 128 + SIGKILL].contains(output.exitCode), "exit \(output.exitCode)")
    }

    func testManyCallsInFlightAtOnceAllComplete() async throws {
        let runner = ProcessRunner(environment: ["MARK": "x", "PATH": "/usr/bin:/bin"])
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<64 {
                group.addTask { try await runner.run("/bin/sh", ["-c", "sleep 0.2; echo ${MARK}\(index)"], timeout: .seconds(30)).stdoutText }
            }
            var all: [String] = []
            for try await result in group { all.append(result) }
            return all
        }
        XCTAssertEqual(Set(results), Set((0..<64).map { "x\($0)\n" }))
    }

    func testAMissingProgramIsAClearError() async {
        do {
            _ = try await ProcessRunner().run("/nonexistent/juju", [], timeout: .seconds(1))
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual("\(error)", "cannot find the program '/nonexistent/juju' (set --juju-bin or TENANTCTL_JUJU_BIN to its path)")
        }
    }
}
