import Foundation
import HTTPClient
import XCTest

/// The proxy environment variables. The client reads them as libcurl does, when a transfer
/// starts; setting them in this process would reach every other test running in it, and setenv
/// races with threads reading the environment. So each case runs `http-probe` (one GET with
/// HTTPClient) as a child process with an environment made for it, and checks which of the
/// origin server and the loopback proxy saw the request.
final class ProxyTests: XCTestCase {
    var origin: FixtureServer!
    var proxy: FixtureServer!
    var probe: String!

    override func setUpWithError() throws {
        probe = try Self.locateProbe()
        origin = try FixtureServer()
        proxy = try FixtureServer(proxy: true)
    }

    override func tearDown() {
        origin?.stop()
        proxy?.stop()
    }

    static func locateProbe() throws -> String {
        var directories = Bundle.allBundles.filter { $0.bundleURL.pathExtension == "xctest" }.map { $0.bundleURL.deletingLastPathComponent() }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        for directory in directories {
            let path = directory.appendingPathComponent("http-probe").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw FixtureFailure("no http-probe next to the test bundle: build with `swift build --build-tests`")
    }

    /// Runs the probe with only these variables (and PATH) in its environment.
    private func probe(_ url: URL, _ variables: [String: String], options: [String] = []) throws -> String {
        var environment = variables
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return try runCommand(probe, [url.absoluteString] + options, environment: environment).output
    }

    private var proxyURL: String { "http://127.0.0.1:\(proxy.port)" }

    func testWithoutProxyVariablesTheRequestGoesDirectly() throws {
        let output = try probe(origin.url("/status/204"), [:])
        XCTAssertTrue(output.hasPrefix("status 204"), output)
        XCTAssertEqual(origin.requests(), ["GET /status/204"])
        XCTAssertEqual(proxy.requests(), [])
    }

    func testLowerCaseHttpProxyIsUsed() throws {
        let url = origin.url("/status/204")
        let output = try probe(url, ["http_proxy": proxyURL])
        XCTAssertTrue(output.hasPrefix("status 200\nvia proxy \(url.absoluteString)"), output)
        XCTAssertEqual(proxy.requests(), ["GET \(url.absoluteString)"])
        XCTAssertEqual(origin.requests(), [])
    }

    func testUpperCaseHTTPProxyIsUsedToo() throws {
        // libcurl alone ignores HTTP_PROXY; the client completes it.
        let url = origin.url("/status/204")
        let output = try probe(url, ["HTTP_PROXY": proxyURL])
        XCTAssertTrue(output.hasPrefix("status 200\nvia proxy"), output)
        XCTAssertEqual(proxy.requests(), ["GET \(url.absoluteString)"])
        XCTAssertEqual(origin.requests(), [])
    }

    func testUpperCaseHTTPProxyIsIgnoredInACGIProgram() throws {
        let output = try probe(origin.url("/status/204"), ["HTTP_PROXY": proxyURL, "REQUEST_METHOD": "GET"])
        XCTAssertTrue(output.hasPrefix("status 204"), output)
        XCTAssertEqual(proxy.requests(), [])
    }

    func testNoProxyInEitherCaseSkipsTheProxy() throws {
        for variable in ["no_proxy", "NO_PROXY"] {
            let output = try probe(origin.url("/status/204"), ["http_proxy": proxyURL, "HTTP_PROXY": proxyURL, variable: "localhost,127.0.0.1"])
            XCTAssertTrue(output.hasPrefix("status 204"), "\(variable): \(output)")
        }
        XCTAssertEqual(proxy.requests(), [])
        XCTAssertEqual(origin.requests().count, 2)
    }

    func testHttpsProxyInEitherCaseCarriesHTTPSRequests() throws {
        for variable in ["https_proxy", "HTTPS_PROXY"] {
            let output = try probe(URL(string: "https://127.0.0.1:\(origin.port)/status/200")!, [variable: proxyURL])
            // The stand-in proxy refuses the tunnel: that it was asked shows the variable was used.
            XCTAssertTrue(output.hasPrefix("error "), "\(variable): \(output)")
        }
        XCTAssertEqual(proxy.requests(), ["CONNECT 127.0.0.1:\(origin.port)", "CONNECT 127.0.0.1:\(origin.port)"])
        XCTAssertEqual(origin.requests(), [])
    }

    func testDirectConfigurationIgnoresTheEnvironment() throws {
        let output = try probe(origin.url("/status/204"), ["http_proxy": proxyURL, "HTTP_PROXY": proxyURL], options: ["--direct"])
        XCTAssertTrue(output.hasPrefix("status 204"), output)
        XCTAssertEqual(proxy.requests(), [])
    }

    func testAConfiguredProxyIsUsedInProcess() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: .never, proxy: .url(proxyURL)))
        let url = origin.url("/status/204")
        let response = try await client.send(HTTPRequest(url: url))
        XCTAssertEqual(response.text, "via proxy \(url.absoluteString)")
        XCTAssertEqual(origin.requests(), [])
    }
}
