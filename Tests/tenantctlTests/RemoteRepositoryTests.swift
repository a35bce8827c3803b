import Foundation
import GitTestSupport
import XCTest

/// The CLI against a real smart-HTTP server: lighttpd running git-http-backend behind basic auth
/// (user oauth2, password = the token), as GitLab serves repositories.
final class RemoteRepositoryTests: CLITestCase {
    private static let token = "glpat-cli-right-4b8e21d7"
    private static let wrongToken = "glpat-cli-WRONG-90c3fa55"

    private var server: GitHTTPServer?
    private var serverError: Error?
    private var tree: WorkTree!
    private var bare: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        tree = try FleetRepository.commit(in: fixture)
        bare = try fixture.bareRepository("srv/tenants.git")
        try tree.mirror(to: bare)
        // Not thrown from here: corelibs XCTest reports a setUp error as skipped as well as failed,
        // and a missing lighttpd must read as a plain failure.
        do {
            server = try GitHTTPServer(projectRoot: fixture.path("srv"), token: Self.token, directory: fixture.path("lighttpd"))
        } catch {
            serverError = error
        }
    }

    override func tearDown() {
        server?.stop()
        super.tearDown()
    }

    private func url() throws -> String {
        if let serverError { throw serverError }
        return try XCTUnwrap(server).url("tenants.git").absoluteString
    }

    private var cache: String { fixture.path("cli-cache") }

    /// `validate` of the served repository with a fixed cache directory.
    private func validate(_ extra: [String] = [], token: String? = RemoteRepositoryTests.token) throws -> ProcessResult {
        let environment = token.map { ["TENANTCTL_GIT_TOKEN": $0] } ?? [:]
        return try Tenantctl.run(["validate", "--repo", try url(), "--cache-dir", cache, "--git-timeout", "30"] + extra,
                                 environment: environment, home: home)
    }

    private func assertNoToken(_ result: ProcessResult, file: StaticString = #filePath, line: UInt = #line) {
        for secret in [Self.token, Self.wrongToken] {
            XCTAssertFalse(result.stdout.contains(secret), "stdout shows a token:\n\(result.stdout)", file: file, line: line)
            XCTAssertFalse(result.stderr.contains(secret), "stderr shows a token:\n\(result.stderr)", file: file, line: line)
        }
    }

    func testRightTokenFromTheEnvironmentValidates() throws {
        let url = try url()
        let result = try validate()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["\(url) @ \(try tree.head().prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"])
        XCTAssertEqual(result.stderr, "")
        assertNoToken(result)
        let mirrors = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".git") }
        XCTAssertEqual(mirrors.count, 1, "the remote is mirrored under --cache-dir")
        XCTAssertFalse(mirrors.contains { $0.contains(Self.token) })
    }

    func testWrongTokenFailsWithoutShowingIt() throws {
        let url = try url()
        let result = try validate(token: Self.wrongToken)
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: Authentication failed for \(url): check TENANTCTL_GIT_TOKEN or --git-token-file.")
        XCTAssertEqual(result.stdout, "")
        assertNoToken(result)
    }

    /// A password pasted into the URL is never shown: the label is the URL without it.
    func testPasswordInTheURLIsRedactedFromTheOutput() throws {
        let plain = try url()
        var components = try XCTUnwrap(URLComponents(string: plain))
        components.user = "oauth2"
        components.password = "url-secret-5e1d"
        let withPassword = try XCTUnwrap(components.string)
        let redacted = plain.replacingOccurrences(of: "http://", with: "http://oauth2@")

        let valid = try Tenantctl.run(["validate", "--repo", withPassword, "--cache-dir", cache],
                                      environment: ["TENANTCTL_GIT_TOKEN": Self.token], home: home)
        XCTAssertExit(valid, 0)
        XCTAssertEqual(valid.stdoutLines, ["\(redacted) @ \(try tree.head().prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"])

        let failed = try Tenantctl.run(["validate", "--repo", withPassword, "--cache-dir", fixture.path("other-cache")],
                                       environment: ["TENANTCTL_GIT_TOKEN": Self.wrongToken], home: home)
        XCTAssertExit(failed, 1)
        XCTAssertOneErrorLine(failed, "error: Authentication failed for \(redacted): check TENANTCTL_GIT_TOKEN or --git-token-file.")
        for result in [valid, failed] {
            XCTAssertFalse(result.stdout.contains("url-secret-5e1d") || result.stderr.contains("url-secret-5e1d"), "\(result)")
            assertNoToken(result)
        }
    }

    func testNoTokenSaysSo() throws {
        let url = try url()
        let result = try validate(token: nil)
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: The git server at \(url) asked for credentials but no token was given: set TENANTCTL_GIT_TOKEN or use --git-token-file.")
    }

    func testTokenFileIsReadAndWinsOverTheEnvironment() throws {
        let tokenFile = fixture.path("gitlab-token")
        try Data("\(Self.token)\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
        let fromFile = try validate(["--git-token-file", tokenFile], token: nil)
        XCTAssertExit(fromFile, 0)
        assertNoToken(fromFile)

        let overriding = try validate(["--git-token-file", tokenFile], token: Self.wrongToken)
        XCTAssertExit(overriding, 0)

        let wrongFile = fixture.path("wrong-token")
        try Data(Self.wrongToken.utf8).write(to: URL(fileURLWithPath: wrongFile))
        let wrong = try validate(["--git-token-file", wrongFile], token: nil)
        XCTAssertExit(wrong, 1)
        XCTAssertTrue(wrong.stderr.hasPrefix("error: Authentication failed for "), wrong.stderr)
        assertNoToken(wrong)

        let missing = fixture.path("no-such-token-file")
        let unreadable = try validate(["--git-token-file", missing], token: nil)
        XCTAssertExit(unreadable, 1)
        XCTAssertOneErrorLine(unreadable, "error: cannot read the token file \(missing)")
    }

    /// One cache: the second run fetches the pushed commit; --no-fetch keeps the mirror as it was.
    func testNewCommitIsFetchedOnTheNextRunButNotWithNoFetch() throws {
        let url = try url()
        let first = try tree.head()
        XCTAssertExit(try validate(), 0)

        try tree.write("tenants/delta.yaml", FleetRepository.delta)
        let second = try tree.commit("Add delta")
        try tree.mirror(to: bare)

        let offline = try validate(["--no-fetch"])
        XCTAssertExit(offline, 0)
        XCTAssertEqual(offline.stdoutLines, ["\(url) @ \(first.prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"],
                       "--no-fetch reads the mirror as the first run left it")

        let fetched = try validate()
        XCTAssertExit(fetched, 0)
        XCTAssertEqual(fetched.stdoutLines, ["\(url) @ \(second.prefix(12)) (Add delta): valid: 5 tenants, 2 offers, 3 bundles, 7 environments; 0 errors, 0 warnings"])

        let rendered = try Tenantctl.run(["render", "--repo", url, "--cache-dir", cache, "--no-fetch", "delta", "--output", "json"],
                                         home: home)
        XCTAssertExit(rendered, 0)
        XCTAssertEqual(try rendered.json()["commit"] as? String, second, "--no-fetch now reads the fetched mirror")
    }

    func testChangedAndRenderOverHTTP() throws {
        let url = try url()
        let first = try tree.head()
        try tree.write("tenants/delta.yaml", FleetRepository.delta)
        try tree.commit("Add delta")
        try tree.mirror(to: bare)

        let changed = try Tenantctl.run(["changed", "--repo", url, "--cache-dir", cache, "--from", first, "--to", "main"],
                                        environment: ["TENANTCTL_GIT_TOKEN": Self.token], home: home)
        XCTAssertExit(changed, 0)
        XCTAssertEqual(changed.stdoutLines, ["delta  added     tenant file tenants/delta.yaml"])

        let rendered = try Tenantctl.run(["render", "--repo", url, "--cache-dir", cache, "acme", "--output", "json"],
                                         environment: ["TENANTCTL_GIT_TOKEN": Self.token], home: home)
        XCTAssertExit(rendered, 0)
        XCTAssertEqual(try rendered.json()["tenant"] as? String, "acme")
        assertNoToken(rendered)
    }

    func testUnreachableServerIsOneClearError() throws {
        let port = try TestNetwork.freePort()
        let url = "http://127.0.0.1:\(port)/git/tenants.git"
        let result = try Tenantctl.run(["validate", "--repo", url, "--cache-dir", cache, "--git-timeout", "10"],
                                       environment: ["TENANTCTL_GIT_TOKEN": Self.token], home: home)
        XCTAssertExit(result, 1)
        XCTAssertEqual(result.stderrLines.count, 1, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: Could not reach the git repository at \(url): "), result.stderr)
        assertNoToken(result)
    }
}
