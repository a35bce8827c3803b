import Foundation
import HTTPClient
import XCTest

/// Plain HTTP against the loopback fixture server: methods, headers both ways, bodies.
final class RoundTripTests: XCTestCase {
    var server: FixtureServer!

    override func setUpWithError() throws {
        server = try FixtureServer()
    }

    override func tearDown() {
        server?.stop()
    }

    private func echoed(_ response: HTTPResponse) throws -> (method: String, path: String, headers: [[String]], body: String) {
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
        return (
            try XCTUnwrap(object["method"] as? String), try XCTUnwrap(object["path"] as? String),
            try XCTUnwrap(object["headers"] as? [[String]]), try XCTUnwrap(object["body"] as? String)
        )
    }

    func testGetSendsHeadersInOrderAndReturnsTheResponse() async throws {
        let client = HTTPClient()
        let request = HTTPRequest(
            url: server.url("/echo?x=1"),
            headers: ["Accept": "application/json", "X-First": "one", "X-Second": "two"])
        let response = try await client.send(request)

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.attempts, 1)
        XCTAssertEqual(response.headers["content-type"], "application/json")
        XCTAssertEqual(response.headers["X-MIXED-CASE"], "yes", "header lookup ignores case")
        XCTAssertNil(response.headers["X-Absent"])
        let echo = try echoed(response)
        XCTAssertEqual(echo.method, "GET")
        XCTAssertEqual(echo.path, "/echo?x=1")
        XCTAssertEqual(echo.body, "")
        let sent = echo.headers.filter { $0[0].hasPrefix("X-") }
        XCTAssertEqual(sent, [["X-First", "one"], ["X-Second", "two"]])
        XCTAssertTrue(echo.headers.contains(["Accept", "application/json"]))
        XCTAssertTrue(echo.headers.contains(["User-Agent", "tenantctl"]))
    }

    func testPostSendsTheBodyExactly() async throws {
        let client = HTTPClient()
        let body: [UInt8] = Array("{\"data\":{\"k\":\"v\"}}".utf8) + [0, 1, 0xFF]
        let request = HTTPRequest(
            method: .post, url: server.url("/echo"),
            headers: ["Content-Type": "application/octet-stream"], body: body)
        XCTAssertFalse(request.idempotent)
        let response = try await client.send(request)

        XCTAssertEqual(response.status, 200)
        let echo = try echoed(response)
        XCTAssertEqual(echo.method, "POST")
        XCTAssertEqual(Array(echo.body.unicodeScalars.map { UInt8($0.value) }), body)
        XCTAssertTrue(echo.headers.contains(["Content-Type", "application/octet-stream"]))
        XCTAssertTrue(echo.headers.contains(["Content-Length", "\(body.count)"]))
        XCTAssertFalse(echo.headers.contains { $0[0].lowercased() == "expect" }, "no Expect: 100-continue")
    }

    func testOtherMethodsAndABodyWithoutContentType() async throws {
        let client = HTTPClient()
        let put = try await client.send(HTTPRequest(method: .put, url: server.url("/echo"), body: Data("abc".utf8)))
        let putEcho = try echoed(put)
        XCTAssertEqual(putEcho.method, "PUT")
        XCTAssertEqual(putEcho.body, "abc")
        XCTAssertFalse(putEcho.headers.contains { $0[0].lowercased() == "content-type" },
                       "libcurl's form Content-Type is not added to a body")

        let delete = try await client.send(HTTPRequest(method: .delete, url: server.url("/echo")))
        XCTAssertEqual(try echoed(delete).method, "DELETE")
        XCTAssertEqual(try echoed(delete).body, "")

        let missing = try await client.send(HTTPRequest(url: server.url("/nowhere")))
        XCTAssertEqual(missing.status, 404, "a 4xx answer is a response, not an error")
        XCTAssertEqual(missing.text, "no such path")
        XCTAssertEqual(server.requests(), ["PUT /echo", "DELETE /echo", "GET /nowhere"])
    }

    func testOnlyTheFinalResponsesHeadersAreKept() async throws {
        let response = try await HTTPClient().send(HTTPRequest(url: server.url("/interim")))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "final")
        XCTAssertEqual(response.headers["X-Final"], "1")
        XCTAssertNil(response.headers["X-Interim"], "the 103's fields are not the response's")
        XCTAssertNil(response.headers["Link"])
    }

    func testConnectionsAreReusedBetweenRequests() async throws {
        let client = HTTPClient()
        var ports: [Int] = []
        for _ in 0..<3 {
            let response = try await client.send(HTTPRequest(url: server.url("/echo")))
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
            ports.append(try XCTUnwrap(object["peer_port"] as? Int))
        }
        XCTAssertEqual(Set(ports).count, 1, "one kept-alive connection: \(ports)")
    }

    func testIdempotenceDefaultsFromTheMethod() {
        let url = URL(string: "http://127.0.0.1/")!
        XCTAssertTrue(HTTPRequest(method: .get, url: url).idempotent)
        XCTAssertTrue(HTTPRequest(method: .put, url: url).idempotent)
        XCTAssertTrue(HTTPRequest(method: .delete, url: url).idempotent)
        XCTAssertFalse(HTTPRequest(method: .post, url: url).idempotent)
        XCTAssertFalse(HTTPRequest(method: .patch, url: url).idempotent)
        XCTAssertTrue(HTTPRequest(method: .post, url: url, idempotent: true).idempotent)
    }

    func testAHeaderValueWithALineBreakIsRefusedBeforeSending() async throws {
        let client = HTTPClient()
        let request = HTTPRequest(url: server.url("/echo"), headers: ["X-Injected": "a\r\nX-Evil: 1"])
        let error = await expectHTTPError { try await client.send(request) }
        XCTAssertEqual(error?.kind, .invalidRequest)
        XCTAssertEqual(error?.attempts, 0)
        let text = error?.localizedDescription ?? ""
        XCTAssertTrue(text.contains("X-Injected") && text.contains("before any attempt"), text)
        XCTAssertFalse(text.contains("X-Evil"), "names the header, never shows its value: \(text)")
        XCTAssertEqual(server.requests(), [])
    }
}
