import Foundation
import HTTPClient
import XCTest

/// Cancelling the task that awaits `send` aborts the transfer.
final class CancellationTests: XCTestCase {
    func testCancellingTheTaskAbortsAHangingTransfer() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(totalTimeout: .seconds(120), retry: quickRetries(3)))
        let task = Task { try await client.send(HTTPRequest(url: server.url("/hang"))) }
        let arrived = await server.waitForRequests(1)
        XCTAssertTrue(arrived, "the request reached the server")
        let cancelledAt = ContinuousClock.now
        task.cancel()
        do {
            let response = try await task.value
            XCTFail("expected cancellation, got \(response)")
        } catch is CancellationError {
        } catch {
            XCTFail("expected CancellationError, got \(error)")
        }
        // Far below the 120 s timeout, loose enough for any slow machine.
        XCTAssertLessThan(seconds(ContinuousClock.now - cancelledAt), 60)
        XCTAssertEqual(server.requests(), ["GET /hang"], "not retried after cancellation")
    }

    func testCancellingDuringARetryWaitStopsIt() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        var policy = quickRetries(3)
        policy.maxDelay = .seconds(600)
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: policy))
        let task = Task { try await client.send(HTTPRequest(url: server.url("/status/503?retry_after=600"))) }
        _ = await server.waitForRequests(1)
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch is CancellationError {
        } catch {
            XCTFail("expected CancellationError, got \(error)")
        }
        XCTAssertEqual(server.requests().count, 1)
    }

    func testAnAlreadyCancelledTaskSendsNothing() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let client = HTTPClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPRequest(url: server.url("/status/200")))
        }
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch is CancellationError {}
        XCTAssertEqual(server.requests(), [])
    }
}
