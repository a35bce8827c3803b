import Foundation
@testable import HTTPClient
import XCTest

/// Canary credential values never appear in a description of a request, a response or an error.
final class RedactionTests: XCTestCase {
    static let canary = "CANARY-7f3a9c-secret"

    /// Every standard credential header, one configured extra, and a bearer token, all canaries.
    private func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        for name in HTTPRedaction.standardCredentialHeaders {
            headers.add(name, "\(Self.canary)-\(name)")
        }
        headers.add("x-vault-token", "\(Self.canary)-lowercase")
        headers.add("X-Api-Key", "\(Self.canary)-extra")
        headers.add("Authorization", "Bearer \(Self.canary)bearer")
        headers.add("Accept", "application/json")
        return headers
    }

    private let configuration = HTTPClientConfiguration(
        totalTimeout: .seconds(1), retry: quickRetries(2), extraCredentialHeaders: ["X-Api-Key"])

    private func assertClean(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.contains("CANARY"), "a credential leaked: \(text)", file: file, line: line)
    }

    func testRequestDescriptionsShowNamesOnly() {
        let request = HTTPRequest(
            method: .post,
            url: URL(string: "https://gitlab-user:\(Self.canary)pw@gitlab.example:8443/api/v4/projects?private_token=\(Self.canary)q&per_page=100")!,
            headers: headers(), body: Array("\(Self.canary)-body".utf8))
        let client = HTTPClient(configuration: configuration)
        for text in [request.description, "\(request)", client.describe(request), String(reflecting: request.headers.names)] {
            assertClean(text)
        }
        XCTAssertTrue(request.description.hasPrefix("POST https://<redacted>@gitlab.example:8443/api/v4/projects?private_token=<redacted>&per_page=100 ["), request.description)
        XCTAssertTrue(request.description.contains("X-Vault-Token: <redacted>"), request.description)
        XCTAssertTrue(request.description.contains("Accept: <redacted>"), "every value is hidden in the plain description")
        let logged = client.describe(request)
        XCTAssertTrue(logged.contains("Accept: application/json"), "describe shows harmless values: \(logged)")
        XCTAssertTrue(logged.contains("X-Api-Key: <redacted>"), "the configured extra is a credential: \(logged)")
        XCTAssertTrue(logged.contains("X-Ovh-Signature: <redacted>"), logged)
    }

    func testErrorsNeverHoldCredentialValues() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let client = HTTPClient(configuration: configuration)
        let closed = try ClosedPort.make()
        let urls = [
            URL(string: "http://vault:\(Self.canary)pw@127.0.0.1:\(closed)/v1/secret")!,  // connect failure
            server.url("/hang"),  // timeout
            server.url("/status/503"),  // retries exhausted
            server.url("/big/2000000"),  // too large (limit below)
            URL(string: "https://127.0.0.1:\(server.port)/status/200")!,  // TLS failure on a plain HTTP port
        ]
        var limited = configuration
        limited.maxResponseBytes = 1000
        let limitedClient = HTTPClient(configuration: limited)
        var kinds: [HTTPClientError.Kind] = []
        for url in urls {
            let request = HTTPRequest(url: url, headers: headers())
            let error = await expectHTTPError { try await limitedClient.send(request) }
            guard let error else { continue }
            kinds.append(error.kind)
            assertClean(String(describing: error))
            assertClean(String(reflecting: error.detail))
            assertClean(error.localizedDescription)
            if let response = error.response { assertClean(response.description) }
        }
        XCTAssertEqual(kinds.count, urls.count)
        _ = client
    }

    func testSecretsInLibcurlMessagesAreScrubbed() {
        let request = HTTPRequest(
            url: URL(string: "http://user:\(Self.canary)pw@127.0.0.1/")!,
            headers: headers())
        let redaction = HTTPRedaction(extraCredentialHeaders: ["X-Api-Key"])
        let message = "proxy said \(Self.canary)-X-Vault-Token, \(Self.canary)bearer, \(Self.canary)-extra and \(Self.canary)pw"
        let scrubbed = redaction.scrub(message, of: request)
        assertClean(scrubbed)
        XCTAssertEqual(scrubbed, "proxy said <redacted>, <redacted>, <redacted> and <redacted>")
    }

    func testCredentialHeaderNamesCompareWithoutCase() {
        let redaction = HTTPRedaction(extraCredentialHeaders: ["X-Api-Key"])
        for name in ["authorization", "PROXY-AUTHORIZATION", "cookie", "x-vault-token", "X-OVH-APPLICATION", "x-ovh-consumer",
                     "x-ovh-signature", "x-gitlab-token", "private-token", "x-amz-security-token", "x-api-key"] {
            XCTAssertTrue(redaction.isCredential(name), name)
        }
        XCTAssertFalse(redaction.isCredential("Accept"))
        XCTAssertFalse(HTTPRedaction().isCredential("X-Api-Key"))
    }

    func testURLRedaction() {
        XCTAssertEqual(HTTPRedaction.redact(url: "https://user:pw@host/a?b=1#f"), "https://<redacted>@host/a?b=1#f")
        XCTAssertEqual(HTTPRedaction.redact(url: "https://host/a@b"), "https://host/a@b")
        XCTAssertEqual(HTTPRedaction.redact(url: "https://host/p?X-Amz-Signature=abc&x=1&access_token=t"),
                       "https://host/p?X-Amz-Signature=<redacted>&x=1&access_token=<redacted>")
    }
}
