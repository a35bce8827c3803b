import Foundation
import XCTest
@testable import Store

final class InterruptedRunTests: XCTestCase {
    private var dir: TemporaryDirectory!
    private var store: StateStore!

    override func setUpWithError() throws {
        dir = try TemporaryDirectory()
        store = try StateStore(directory: dir.path)
    }

    override func tearDown() {
        store = nil
        dir = nil
    }

    /// A child process stands in for a `tenantctl apply` that gets `kill -9`ed mid-run.
    private func spawnSleeper() throws -> Process {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["60"]
        try child.run()
        return child
    }

    private func kill9(_ child: Process) {
        kill(child.processIdentifier, SIGKILL)
        // Reaps it: a zombie still answers kill(pid, 0).
        child.waitUntilExit()
    }

    func testARunWhoseProcessWasKilledIsMarkedInterruptedWithItsRunningActions() throws {
        let child = try spawnSleeper()
        let owner = ProcessIdentity.of(pid: child.processIdentifier)
        let runID = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0), owner: owner)
        let done = try store.startAction(
            run: runID, actionID: "acme/p/juju.add-model/m", kind: "juju.add-model", tenant: "acme",
            environment: "acme/p", target: "m", attempt: 1, at: time(1))
        try store.finishAction(done, result: .succeeded, error: nil, at: time(2))
        let midway = try store.startAction(
            run: runID, actionID: "acme/p/juju.deploy/bundle", kind: "juju.deploy", tenant: "acme",
            environment: "acme/p", target: "bundle", attempt: 1, at: time(3))

        // While the child lives, its run is someone's ongoing apply.
        XCTAssertEqual(try store.markInterruptedRuns(at: time(4)), [])
        XCTAssertEqual(try store.run(runID)?.status, .running)

        kill9(child)
        XCTAssertEqual(try store.markInterruptedRuns(at: time(10)), [runID])

        let run = try XCTUnwrap(try store.run(runID))
        XCTAssertEqual(run.status, .interrupted)
        XCTAssertEqual(run.finishedAt, time(10))
        XCTAssertTrue(run.summary.contains("no longer exists"), run.summary)
        let actions = try store.actions(run: runID)
        XCTAssertEqual(actions.map(\.id), [done, midway])
        XCTAssertEqual(actions.map(\.result), [.succeeded, .interrupted])
        XCTAssertEqual(actions.map(\.finishedAt), [time(2), time(10)])
        // Already closed: a second recovery finds nothing more.
        XCTAssertEqual(try store.markInterruptedRuns(at: time(11)), [])
    }

    func testARunOfThisLiveProcessIsNotMarked() throws {
        let runID = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0))
        XCTAssertEqual(try store.markInterruptedRuns(at: time(1)), [])
        XCTAssertEqual(try store.run(runID)?.status, .running)
    }

    func testFinishedRunsAreNeverMarked() throws {
        let child = try spawnSleeper()
        let runID = try store.startRun(
            command: "apply", commit: nil, fingerprint: nil, at: time(0), owner: .of(pid: child.processIdentifier))
        try store.finishRun(runID, status: .succeeded, summary: "ok", at: time(1))
        kill9(child)
        XCTAssertEqual(try store.markInterruptedRuns(at: time(2)), [])
        XCTAssertEqual(try store.run(runID)?.status, .succeeded)
    }

    func testAnotherHostsRunIsMarked() throws {
        var owner = ProcessIdentity.current()
        owner.host = "some-other-host"
        let runID = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0), owner: owner)
        XCTAssertEqual(try store.markInterruptedRuns(at: time(1)), [runID])
        XCTAssertTrue(try XCTUnwrap(try store.run(runID)).summary.contains("some-other-host"))
    }

    func testAReusedPidIsNotMistakenForTheRun() throws {
        var owner = ProcessIdentity.current()
        try XCTSkipIf(owner.startTime == nil, "no /proc start times on this platform")
        owner.startTime = owner.startTime.map { $0 + 1 }
        let runID = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0), owner: owner)
        XCTAssertEqual(try store.markInterruptedRuns(at: time(1)), [runID])
    }

    func testARunFromBeforeARebootIsMarked() throws {
        var owner = ProcessIdentity.current()
        try XCTSkipIf(owner.bootID == nil, "no boot id on this platform")
        owner.bootID = "00000000-0000-0000-0000-000000000000"
        let runID = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0), owner: owner)
        XCTAssertEqual(try store.markInterruptedRuns(at: time(1)), [runID])
    }

    func testStartTimeIsReadPastACommandNameWithSpacesAndParentheses() {
        let stat = "4242 (evil ) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10"
        XCTAssertEqual(ProcessIdentity.parseStartTime(stat: stat), 987654)
        XCTAssertNil(ProcessIdentity.parseStartTime(stat: "garbage"))
    }
}
