import Foundation
import HTTPClient
import XCTest

/// HTTPS against the fixture server with a certificate from a CA the test makes.
final class TLSTests: XCTestCase {
    var certificates: TestCertificates!
    var servers: [FixtureServer] = []

    override func setUpWithError() throws {
        certificates = try TestCertificates.make()
    }

    override func tearDown() {
        servers.forEach { $0.stop() }
        if let certificates { try? FileManager.default.removeItem(atPath: certificates.directory) }
    }

    private func server(certificate: String, key: String) throws -> FixtureServer {
        let server = try FixtureServer(tls: (certificate, key))
        servers.append(server)
        return server
    }

    func testSucceedsWithTheCABundle() async throws {
        let server = try server(certificate: certificates.serverCertificate, key: certificates.serverKey)
        let client = HTTPClient(configuration: HTTPClientConfiguration(caBundlePath: certificates.caFile, retry: .never))
        let byAddress = try await client.send(HTTPRequest(url: server.url("/status/204", scheme: "https")))
        XCTAssertEqual(byAddress.status, 204)
        let byName = try await client.send(HTTPRequest(url: server.url("/status/200", scheme: "https", host: "localhost")))
        XCTAssertEqual(byName.status, 200)
    }

    func testFailsWithoutTheCABundle() async throws {
        let server = try server(certificate: certificates.serverCertificate, key: certificates.serverKey)
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: quickRetries(3)))
        let error = await expectHTTPError { try await client.send(HTTPRequest(url: server.url("/status/200", scheme: "https"))) }
        XCTAssertEqual(error?.kind, .certificate)
        XCTAssertEqual(error?.attempts, 1, "a certificate failure is not retried")
        let text = error.map(String.init(describing:)) ?? ""
        XCTAssertTrue(text.contains("TLS certificate"), text)
        XCTAssertTrue(text.contains("127.0.0.1:\(server.port)"), text)
        XCTAssertEqual(server.requests(), [], "no request went over the unverified connection")
    }

    func testFailsWhenTheCertificateNamesAnotherHost() async throws {
        let server = try server(certificate: certificates.otherNameCertificate, key: certificates.otherNameKey)
        let client = HTTPClient(configuration: HTTPClientConfiguration(caBundlePath: certificates.caFile, retry: .never))
        let error = await expectHTTPError { try await client.send(HTTPRequest(url: server.url("/status/200", scheme: "https"))) }
        XCTAssertEqual(error?.kind, .certificate, "the host name is verified, not only the chain")
        XCTAssertEqual(server.requests(), [])
    }

    func testAnUnreadableCABundleIsATLSError() async throws {
        let server = try server(certificate: certificates.serverCertificate, key: certificates.serverKey)
        let client = HTTPClient(configuration: HTTPClientConfiguration(caBundlePath: certificates.directory + "/missing.pem", retry: .never))
        let error = await expectHTTPError { try await client.send(HTTPRequest(url: server.url("/status/200", scheme: "https"))) }
        XCTAssertNotNil(error)
        XCTAssertNotEqual(error?.kind, .transport)
        XCTAssertEqual(server.requests(), [])
    }
}
