import Foundation
import XCTest
@testable import Store

final class ConcurrencyTests: XCTestCase {
    /// Two stores on one directory behave like two `tenantctl apply` processes: separate SQLite
    /// connections contending for the same file. Each thread journals its own run.
    func testTwoStoresAndManyThreadsLoseNothing() throws {
        let dir = try TemporaryDirectory()
        let stores = [try StateStore(directory: dir.path), try StateStore(directory: dir.path)]
        let workers = 8
        let actionsPerWorker = 40
        let failures = Failures()

        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let store = stores[worker % stores.count]
            do {
                let run = try store.startRun(command: "apply \(worker)", commit: nil, fingerprint: nil, at: time(worker))
                for index in 0..<actionsPerWorker {
                    let action = try store.startAction(
                        run: run, actionID: "t\(worker)/e/juju.scale/a\(index)", kind: "juju.scale",
                        tenant: "t\(worker)", environment: "t\(worker)/e", target: "a\(index)", attempt: 1,
                        at: time(index))
                    try store.finishAction(action, result: .succeeded, error: nil, at: time(index + 1))
                    try store.recordOwnedResource(
                        system: "juju", address: "juju:c/m\(worker)-\(index)", owner: "t\(worker)/e", owningSubtree: true, at: time(index))
                }
                try store.finishRun(run, status: .succeeded, summary: "done", at: time(1000))
            } catch {
                failures.append("worker \(worker): \(error)")
            }
        }

        XCTAssertEqual(failures.all, [])
        let reader = try StateStore(directory: dir.path)
        let runs = try reader.runs(limit: 100)
        XCTAssertEqual(runs.count, workers)
        XCTAssertTrue(runs.allSatisfy { $0.status == .succeeded })
        for run in runs {
            let actions = try reader.actions(run: run.id)
            XCTAssertEqual(actions.count, actionsPerWorker)
            XCTAssertTrue(actions.allSatisfy { $0.result == .succeeded })
        }
        XCTAssertEqual(try reader.ownedResources(system: "juju").count, workers * actionsPerWorker)
    }

    /// Several connections (one per thread, each its own StateStore) create the same fresh
    /// database: all but one lose the race to migrate it and must still open it. Openers start
    /// together, over several rounds, so that the race really happens. The same race between
    /// real processes: tenantctlTests/StateDirectoryProcessTests.
    func testOpeningAFreshDirectoryFromManyConnectionsSucceedsEverywhere() throws {
        let dir = try TemporaryDirectory()
        let openers = 8
        for round in 0..<10 {
            let path = dir.child("state-\(round)")
            let failures = Failures()
            let gate = DispatchGroup()
            gate.enter()
            let done = DispatchGroup()
            for index in 0..<openers {
                done.enter()
                Thread.detachNewThread {
                    gate.wait()
                    do {
                        let store = try StateStore(directory: path)
                        _ = try store.startRun(command: "apply \(index)", commit: nil, fingerprint: nil, at: time(index))
                    } catch {
                        failures.append("round \(round), opener \(index): \(error)")
                    }
                    done.leave()
                }
            }
            gate.leave()
            done.wait()
            XCTAssertEqual(failures.all, [])
            XCTAssertEqual(try StateStore(directory: path).runs(limit: 100).count, openers)
        }
    }
}

/// Errors collected from worker threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
