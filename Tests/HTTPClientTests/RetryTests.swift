import Foundation
import HTTPClient
import XCTest

/// Retries against the fixture server: Retry-After, attempts, idempotence.
final class RetryTests: XCTestCase {
    var server: FixtureServer!

    override func setUpWithError() throws {
        server = try FixtureServer()
    }

    override func tearDown() {
        server?.stop()
    }

    func test429WithRetryAfterIsRetriedOnceAfterTheWaitItAsks() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        let started = ContinuousClock.now
        let response = try await client.send(HTTPRequest(url: server.url("/flaky/429/1?retry_after=1")))

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "recovered")
        XCTAssertEqual(response.attempts, 2)
        XCTAssertEqual(server.requests().count, 2)
        XCTAssertGreaterThanOrEqual(seconds(ContinuousClock.now - started), 1.0, "waited at least Retry-After")
    }

    func test429IsRetriedEvenForAPost() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        let response = try await client.send(HTTPRequest(method: .post, url: server.url("/flaky/429/1"), body: Array("{}".utf8)))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.attempts, 2)
        XCTAssertEqual(server.requests(), ["POST /flaky/429/1", "POST /flaky/429/1"])
    }

    func test503ForeverStopsAfterTheConfiguredAttempts() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        let error = await expectHTTPError { try await client.send(HTTPRequest(url: server.url("/status/503"))) }

        XCTAssertEqual(error?.kind, .status(503))
        XCTAssertEqual(error?.attempts, 3)
        XCTAssertEqual(error?.response?.status, 503)
        XCTAssertEqual(error?.response?.text, "status 503")
        let text = error.map(String.init(describing:)) ?? ""
        XCTAssertTrue(text.contains("after 3 attempts"), text)
        XCTAssertTrue(text.contains("HTTP 503"), text)
        XCTAssertEqual(server.requests().count, 3)
    }

    func testGatewayErrorsAnd500AreRetriedForIdempotentRequests() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        for status in [500, 502, 504] {
            let response = try await client.send(HTTPRequest(method: .put, url: server.url("/flaky/\(status)/2"), body: Array("v".utf8)))
            XCTAssertEqual(response.status, 200, "\(status)")
            XCTAssertEqual(response.attempts, 3, "\(status)")
        }
    }

    func testPostWith503Or500IsNotRetried() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        for status in [503, 500] {
            let response = try await client.send(HTTPRequest(method: .post, url: server.url("/status/\(status)"), body: Array("{}".utf8)))
            XCTAssertEqual(response.status, status, "the answer is returned as it is")
            XCTAssertEqual(response.attempts, 1)
        }
        XCTAssertEqual(server.requests(), ["POST /status/503", "POST /status/500"])
    }

    func testOtherStatusesAreNotRetried() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        for status in [400, 403, 404, 501] {
            let response = try await client.send(HTTPRequest(url: server.url("/status/\(status)")))
            XCTAssertEqual(response.status, status)
            XCTAssertEqual(response.attempts, 1)
        }
        XCTAssertEqual(server.requests().count, 4)
    }

    func testRetryAfterIsCappedByTheMaxDelay() async throws {
        var policy = quickRetries(2)
        policy.maxDelay = .milliseconds(100)
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: policy))
        let started = ContinuousClock.now
        let response = try await client.send(HTTPRequest(url: server.url("/flaky/503/1?retry_after=3600")))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.attempts, 2)
        XCTAssertGreaterThanOrEqual(seconds(ContinuousClock.now - started), 0.1)
    }
}
