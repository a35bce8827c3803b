import Foundation
import HTTPClient
import XCTest

/// Runs `body`, which must throw an HTTPClientError, and returns it (failing the test otherwise).
func expectHTTPError(
    _ body: () async throws -> HTTPResponse, file: StaticString = #filePath, line: UInt = #line
) async -> HTTPClientError? {
    do {
        let response = try await body()
        XCTFail("expected an HTTPClientError, got \(response)", file: file, line: line)
    } catch let error as HTTPClientError {
        return error
    } catch {
        XCTFail("expected an HTTPClientError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}

/// Fast retries for tests: small backoff, so that any wait the tests measure is the server's.
func quickRetries(_ attempts: Int) -> HTTPRetryPolicy {
    HTTPRetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(20), maxDelay: .seconds(5), jitter: 0)
}

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}
