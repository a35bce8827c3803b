import Foundation
import HTTPClient
import XCTest

/// A server that never answers, and a port nothing listens on.
final class TimeoutTests: XCTestCase {
    func testTheTotalTimeoutFiresOnAServerThatNeverAnswers() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(
            connectTimeout: .seconds(5), totalTimeout: .seconds(1), retry: .never))
        let started = ContinuousClock.now
        let error = await expectHTTPError { try await client.send(HTTPRequest(url: server.url("/hang"))) }

        XCTAssertEqual(error?.kind, .timedOut)
        XCTAssertGreaterThanOrEqual(seconds(ContinuousClock.now - started), 0.95, "waited for the timeout")
        let text = error.map(String.init(describing:)) ?? ""
        XCTAssertTrue(text.contains("total timeout of 1.0 s"), text)
        XCTAssertTrue(text.contains("127.0.0.1:\(server.port)"), text)
        XCTAssertTrue(text.contains("after 1 attempt"), text)
        XCTAssertEqual(server.requests(), ["GET /hang"])
    }

    func testATimedOutIdempotentRequestIsRetried() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(totalTimeout: .milliseconds(500), retry: quickRetries(2)))
        let error = await expectHTTPError { try await client.send(HTTPRequest(url: server.url("/hang"))) }
        XCTAssertEqual(error?.kind, .timedOut)
        XCTAssertEqual(error?.attempts, 2)
        XCTAssertEqual(server.requests(), ["GET /hang", "GET /hang"])
    }

    func testATimedOutPostIsNotRetried() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(totalTimeout: .milliseconds(500), retry: quickRetries(3)))
        let error = await expectHTTPError {
            try await client.send(HTTPRequest(method: .post, url: server.url("/hang"), body: Array("x".utf8)))
        }
        XCTAssertEqual(error?.kind, .timedOut)
        XCTAssertEqual(error?.attempts, 1, "the server may have acted on it")
        XCTAssertEqual(server.requests(), ["POST /hang"])
    }

    func testAClosedPortFailsToConnectAndIsRetriedEvenForAPost() async throws {
        let port = try ClosedPort.make()
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        let url = URL(string: "http://127.0.0.1:\(port)/v1/sys/health")!
        let error = await expectHTTPError { try await client.send(HTTPRequest(method: .post, url: url, body: Array("{}".utf8))) }

        XCTAssertEqual(error?.kind, .connectFailed)
        XCTAssertEqual(error?.attempts, 3, "a refused connection never reached the server, so even a POST is retried")
        let text = error.map(String.init(describing:)) ?? ""
        XCTAssertTrue(text.contains("could not connect"), text)
        XCTAssertTrue(text.contains("127.0.0.1:\(port)"), text)
        XCTAssertTrue(text.contains("after 3 attempts"), text)
    }
}
