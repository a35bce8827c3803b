import Foundation
import GitTestSupport
import Store
import XCTest

/// One apply at a time per environment: a second waits for the first, then names it; a holder
/// that died is taken over.
final class RunLockTests: ReconcileCase {
    func testTwoConcurrentAppliesNeverAddAMachineOrAUnitTwice() throws {
        // Slow calls widen the window in which both runs would see the same machines missing.
        var environment = self.environment
        environment["JUJU_SIM_LATENCY_MS"] = "80"
        let binary = try ProductBinary.locate("tenantctl")
        let arguments = ["apply", "--auto-approve", "--settle", "0.2", "--repo", repository.path]
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { [environment] _ in
            results.append(Result { try ChildProcess.run(binary, arguments, environment: environment, timeout: 300) })
        }
        let finished = try results.all.map { try $0.get() }
        XCTAssertEqual(finished.map(\.status), [0, 0], "\(finished)")
        XCTAssertEqual(try census(), Self.converged, "nothing added twice")
        XCTAssertTrue(finished.contains { $0.stderr.contains("waiting for tenantctl apply (process ") }, "one run waited for the other: \(finished)")
        XCTAssertEqual(try StateStore(directory: fixture.path("state")).locks(), [], "both released their locks")
    }

    func testALockHeldByALiveProcessTimesOutNamingItsHolderAndADeadOneIsTakenOver() throws {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sleep")
        holder.arguments = ["60"]
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        let store = try StateStore(directory: fixture.path("state"))
        let identity = ProcessIdentity.of(pid: holder.processIdentifier)
        XCTAssertEqual(try store.acquireLocks(["corp/production"], command: "apply", at: Date(), owner: identity), .acquired)

        let refused = try tenantctl("apply", "--auto-approve", "--lock-timeout", "1")
        XCTAssertEqual(refused.status, 1, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("environment corp/production is being applied by tenantctl apply (process \(holder.processIdentifier) on "),
                      refused.stderr)
        XCTAssertTrue(refused.stderr.contains("gave up after 1 s (--lock-timeout)"), refused.stderr)
        XCTAssertEqual(try sim.run("models", "-c", "k8s", "--format=json").contains("acme-production"), false,
                       "nothing was applied, not even to the environments that were free")

        // A run limited to other tenants does not wait for corp.
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--tenant", "acme", "--lock-timeout", "1").status, 0)

        holder.terminate()
        holder.waitUntilExit()
        let takeover = try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--lock-timeout", "1")
        XCTAssertEqual(takeover.status, 0, "the dead holder's lock is taken over: \(takeover)")
        XCTAssertEqual(try census(), Self.converged)
    }
}

/// Results gathered from concurrent closures.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<ProcessResult, Error>] = []
    func append(_ result: Result<ProcessResult, Error>) { lock.withLock { results.append(result) } }
    var all: [Result<ProcessResult, Error>] { lock.withLock { results } }
}
