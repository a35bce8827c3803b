import Foundation
import HTTPClient
import XCTest

/// `maxResponseBytes`, with and without a Content-Length.
final class SizeLimitTests: XCTestCase {
    var server: FixtureServer!

    override func setUpWithError() throws {
        server = try FixtureServer()
    }

    override func tearDown() {
        server?.stop()
    }

    private func client(limit: Int) -> HTTPClient {
        HTTPClient(configuration: HTTPClientConfiguration(maxResponseBytes: limit, retry: quickRetries(3)))
    }

    func testABodyOfExactlyTheLimitIsAccepted() async throws {
        let response = try await client(limit: 100_000).send(HTTPRequest(url: server.url("/big/100000")))
        XCTAssertEqual(response.body.count, 100_000)
        let streamed = try await client(limit: 300_000).send(HTTPRequest(url: server.url("/stream/300000")))
        XCTAssertEqual(streamed.body.count, 300_000)
        XCTAssertEqual(Set(streamed.body), [UInt8(ascii: "y")])
    }

    func testAnAnnouncedLargerBodyIsRefused() async throws {
        let error = await expectHTTPError { try await client(limit: 100_000).send(HTTPRequest(url: server.url("/big/100001"))) }
        XCTAssertEqual(error?.kind, .responseTooLarge)
        XCTAssertEqual(error?.attempts, 1, "not retried")
        let text = error.map(String.init(describing:)) ?? ""
        XCTAssertTrue(text.contains("larger than the limit of 100000 bytes"), text)
        XCTAssertTrue(text.contains("announced"), "refused from the Content-Length, before the body: \(text)")
    }

    func testAStreamedBodyIsCutWhenItGrowsPastTheLimit() async throws {
        let error = await expectHTTPError { try await client(limit: 200_000).send(HTTPRequest(url: server.url("/stream/1000000"))) }
        XCTAssertEqual(error?.kind, .responseTooLarge)
        let text = error.map(String.init(describing:)) ?? ""
        XCTAssertTrue(text.contains("while it was received"), text)
        XCTAssertEqual(server.requests().count, 1)
    }
}
