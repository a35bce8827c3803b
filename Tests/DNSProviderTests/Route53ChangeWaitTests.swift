@testable import DNSDriver
import XCTest

/// GetChange polling: until INSYNC, at growing intervals, within a deadline (moto answers INSYNC
/// at once, so a change that stays PENDING is played here).
final class Route53ChangeWaitTests: XCTestCase {
    actor Answers {
        var statuses: [String]
        var calls = 0
        init(_ statuses: [String]) { self.statuses = statuses }
        func next() -> String {
            calls += 1
            return statuses.count > 1 ? statuses.removeFirst() : statuses[0]
        }
    }

    func testWaitsUntilInSync() async throws {
        let answers = Answers(["PENDING", "PENDING", "INSYNC"])
        try await Route53ChangeWait(firstDelay: .milliseconds(10), maxDelay: .milliseconds(40), deadline: .seconds(5))
            .until(inSync: "C1") { await answers.next() }
        let calls = await answers.calls
        XCTAssertEqual(calls, 3)
    }

    func testAChangeThatStaysPendingIsTransientAtTheDeadline() async throws {
        let answers = Answers(["PENDING"])
        let started = ContinuousClock.now
        do {
            try await Route53ChangeWait(firstDelay: .milliseconds(20), maxDelay: .milliseconds(100), deadline: .milliseconds(500))
                .until(inSync: "C2") { await answers.next() }
            XCTFail("nothing thrown")
        } catch let error as DNSProviderError {
            XCTAssertEqual(error.kind, .transient)
            XCTAssertTrue(error.message.contains("C2") && error.message.contains("PENDING"), error.message)
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
        let calls = await answers.calls
        XCTAssertGreaterThan(calls, 2)
    }
}
