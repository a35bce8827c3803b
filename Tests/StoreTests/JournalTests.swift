import Foundation
import XCTest
@testable import Store

final class JournalTests: XCTestCase {
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

    func testRunLifecycleRecordsItsProcessAndOutcome() throws {
        let id = try store.startRun(command: "apply --auto-approve", commit: "c0ffee", fingerprint: "sha256:1", at: time(0))
        var run = try XCTUnwrap(try store.run(id))
        XCTAssertEqual(run.status, .running)
        XCTAssertNil(run.finishedAt)
        XCTAssertEqual(run.pid, getpid())
        XCTAssertEqual(run.host, ProcessIdentity.hostName())

        try store.finishRun(id, status: .failed, summary: "1 failed, 2 succeeded", at: time(42))
        run = try XCTUnwrap(try store.run(id))
        XCTAssertEqual(run, RunRecord(
            id: id, command: "apply --auto-approve", commit: "c0ffee", fingerprint: "sha256:1", status: .failed,
            summary: "1 failed, 2 succeeded", startedAt: time(0), finishedAt: time(42), pid: getpid(),
            host: ProcessIdentity.hostName()))
    }

    func testActionsAreOneRowPerAttemptInStartOrder() throws {
        let runID = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0))
        let model = try store.startAction(
            run: runID, actionID: "acme/production/juju.add-model/acme-production", kind: "juju.add-model",
            tenant: "acme", environment: "acme/production", target: "acme-production", attempt: 1, at: time(1))
        try store.finishAction(model, result: .succeeded, error: nil, at: time(2))
        let first = try store.startAction(
            run: runID, actionID: "acme/production/juju.deploy/bundle", kind: "juju.deploy", tenant: "acme",
            environment: "acme/production", target: "bundle", attempt: 1, at: time(3))
        try store.finishAction(first, result: .failed, error: "ERROR connection refused", at: time(4))
        let second = try store.startAction(
            run: runID, actionID: "acme/production/juju.deploy/bundle", kind: "juju.deploy", tenant: "acme",
            environment: "acme/production", target: "bundle", attempt: 2, at: time(5))

        let actions = try store.actions(run: runID)
        XCTAssertEqual(actions.map(\.id), [model, first, second])
        XCTAssertEqual(actions.map(\.attempt), [1, 1, 2])
        XCTAssertEqual(actions.map(\.result), [.succeeded, .failed, .running])
        XCTAssertEqual(actions[1].error, "ERROR connection refused")
        XCTAssertEqual(actions[1].finishedAt, time(4))
        XCTAssertNil(actions[2].finishedAt)
        XCTAssertEqual(actions[2], ActionRecord(
            id: second, run: runID, actionID: "acme/production/juju.deploy/bundle", kind: "juju.deploy",
            tenant: "acme", environment: "acme/production", target: "bundle", attempt: 2, result: .running,
            error: nil, startedAt: time(5), finishedAt: nil))
        XCTAssertEqual(try store.actions(run: runID + 1), [])
    }

    func testRunsAreListedNewestFirstWithinTheLimit() throws {
        let ids = try (0..<5).map { try store.startRun(command: "apply \($0)", commit: nil, fingerprint: nil, at: time($0)) }
        XCTAssertEqual(try store.runs(limit: 3).map(\.id), Array(ids.reversed().prefix(3)))
        XCTAssertEqual(try store.runs(limit: 100).map(\.command), (0..<5).reversed().map { "apply \($0)" })
        XCTAssertEqual(try store.runs(limit: 0), [])
    }

    func testHistoryFiltersByTenantThroughActions() throws {
        let acmeRun = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0))
        _ = try store.startAction(
            run: acmeRun, actionID: "acme/staging/juju.add-model/acme-staging", kind: "juju.add-model",
            tenant: "acme", environment: "acme/staging", target: "acme-staging", attempt: 1, at: time(1))
        let bothRun = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(2))
        for tenant in ["globex", "acme"] {
            _ = try store.startAction(
                run: bothRun, actionID: "\(tenant)/production/juju.scale/app", kind: "juju.scale", tenant: tenant,
                environment: "\(tenant)/production", target: "app", attempt: 1, at: time(3))
        }
        let globexRun = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(4))
        _ = try store.startAction(
            run: globexRun, actionID: "globex/production/juju.config/app", kind: "juju.config", tenant: "globex",
            environment: "globex/production", target: "app", attempt: 1, at: time(5))
        let emptyRun = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(6))

        XCTAssertEqual(try store.runs(limit: 10, tenant: "acme").map(\.id), [bothRun, acmeRun])
        XCTAssertEqual(try store.runs(limit: 10, tenant: "globex").map(\.id), [globexRun, bothRun])
        XCTAssertEqual(try store.runs(limit: 1, tenant: "globex").map(\.id), [globexRun])
        XCTAssertEqual(try store.runs(limit: 10, tenant: "initech"), [])
        XCTAssertEqual(try store.runs(limit: 10).map(\.id), [emptyRun, globexRun, bothRun, acmeRun])
    }

    func testLongErrorsAreTruncatedToFourKiB() throws {
        let runID = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0))
        let action = try store.startAction(
            run: runID, actionID: "a", kind: "juju.deploy", tenant: nil, environment: "e", target: "t", attempt: 1,
            at: time(0))
        // Multi-byte characters, so a byte-wise cut would leave invalid UTF-8.
        let huge = String(repeating: "é€", count: 10_000)
        try store.finishAction(action, result: .failed, error: huge, at: time(1))
        try store.finishRun(runID, status: .failed, summary: huge, at: time(1))

        let stored = try XCTUnwrap(try store.actions(run: runID).first?.error)
        XCTAssertLessThanOrEqual(stored.utf8.count, StateStore.maximumTextBytes)
        XCTAssertGreaterThan(stored.utf8.count, StateStore.maximumTextBytes - 16)
        XCTAssertTrue(stored.hasPrefix("é€é€"))
        XCTAssertTrue(stored.hasSuffix(JournalText.marker))
        XCTAssertLessThanOrEqual(try XCTUnwrap(try store.run(runID)).summary.utf8.count, StateStore.maximumTextBytes)
        XCTAssertEqual(JournalText.bounded("short", maximumBytes: 4096), "short")
    }

    func testUnknownIdsAreErrors() throws {
        XCTAssertThrowsError(try store.finishRun(99, status: .succeeded, summary: "", at: time(0))) {
            XCTAssertEqual($0 as? StoreError, .unknownRun(99))
        }
        XCTAssertThrowsError(try store.finishAction(7, result: .succeeded, error: nil, at: time(0))) {
            XCTAssertEqual($0 as? StoreError, .unknownAction(7))
        }
        XCTAssertThrowsError(try store.startAction(
            run: 12, actionID: "a", kind: "k", tenant: nil, environment: "e", target: "t", attempt: 1, at: time(0))
        ) {
            XCTAssertEqual($0 as? StoreError, .unknownRun(12))
        }
    }
}
