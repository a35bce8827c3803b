import Foundation
@testable import HTTPClient
import XCTest

/// The pure parts of retrying: which statuses, how long, Retry-After's two forms.
final class RetryPolicyTests: XCTestCase {
    func testStatusesRetried() {
        let policy = HTTPRetryPolicy.default
        XCTAssertTrue(policy.retries(status: 429, idempotent: false))
        for status in [502, 503, 504, 500] {
            XCTAssertTrue(policy.retries(status: status, idempotent: true), "\(status)")
            XCTAssertFalse(policy.retries(status: status, idempotent: false), "\(status)")
        }
        for status in [200, 201, 301, 400, 401, 403, 404, 409, 501] {
            XCTAssertFalse(policy.retries(status: status, idempotent: true), "\(status)")
        }
    }

    func testExponentialBackoffIsCappedAndJittered() {
        let policy = HTTPRetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0.5)
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: nil, random: 0), .milliseconds(100))
        XCTAssertEqual(policy.delay(beforeRetry: 2, retryAfter: nil, random: 0), .milliseconds(200))
        XCTAssertEqual(policy.delay(beforeRetry: 3, retryAfter: nil, random: 0), .milliseconds(400))
        XCTAssertEqual(policy.delay(beforeRetry: 5, retryAfter: nil, random: 0), .seconds(1), "capped")
        XCTAssertEqual(policy.delay(beforeRetry: 60, retryAfter: nil, random: 0), .seconds(1), "no overflow")
        XCTAssertEqual(seconds(policy.delay(beforeRetry: 2, retryAfter: nil, random: 1)), 0.1, accuracy: 1e-9, "jitter takes up to half")
        XCTAssertEqual(seconds(policy.delay(beforeRetry: 2, retryAfter: nil, random: 0.5)), 0.15, accuracy: 1e-9)
    }

    func testRetryAfterWinsButIsCapped() {
        let policy = HTTPRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(10), jitter: 1)
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: .seconds(3), random: 0.9), .seconds(3), "no jitter on the server's wish")
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: .seconds(3600), random: 0), .seconds(10))
    }

    func testRetryAfterParsesSecondsAndHTTPDates() throws {
        let now = try XCTUnwrap(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT"))
        XCTAssertEqual(RetryAfter.parse("120", now: now), .seconds(120))
        XCTAssertEqual(RetryAfter.parse(" 0 ", now: now), .zero)
        XCTAssertEqual(RetryAfter.parse("Sun, 06 Nov 1994 08:50:07 GMT", now: now), .seconds(30))
        XCTAssertEqual(RetryAfter.parse("Sunday, 06-Nov-94 08:50:37 GMT", now: now), .seconds(60))
        XCTAssertEqual(RetryAfter.parse("Sun Nov  6 08:51:37 1994", now: now), .seconds(120))
        XCTAssertEqual(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now), .zero, "a past date asks no wait")
        XCTAssertNil(RetryAfter.parse("soon", now: now))
        XCTAssertNil(RetryAfter.parse("-5", now: now))
        XCTAssertNil(RetryAfter.parse("", now: now))
    }
}
