@testable import GitSource
import GitTestSupport
import XCTest

/// Against a real smart-HTTP server (lighttpd + git-http-backend + basic auth).
final class HTTPRemoteTests: XCTestCase {
    private static let token = "glpat-right-7d1e4c9a"

    private var fixture: GitFixture!
    private var server: GitHTTPServer?
    private var serverError: Error?
    private var work: WorkTree!
    private var bare: String!

    override func setUpWithError() throws {
        fixture = try GitFixture()
        work = try fixture.workTree("work")
        try work.write("tenantctl.yaml", "kind: Fleet\n")
        try work.write("tenants/acme.yaml", "name: acme\n")
        try work.commit("First")
        bare = try fixture.bareRepository("srv/tenants.git")
        try work.mirror(to: bare)
        // Not thrown from here: corelibs XCTest reports a setUp error as "skipped" as well as failed,
        // and a missing server must read as a plain failure.
        do {
            server = try GitHTTPServer(projectRoot: fixture.path("srv"), token: Self.token, directory: fixture.path("lighttpd"))
        } catch {
            serverError = error
        }
    }

    /// Throws, failing the test, when the server could not be started (lighttpd missing).
    @discardableResult
    private func requireServer() throws -> GitHTTPServer {
        if let serverError { throw serverError }
        return try XCTUnwrap(server)
    }

    override func tearDown() {
        server?.stop()
        fixture?.remove()
    }

    private func location() throws -> RepositoryLocation {
        .http(try requireServer().url("tenants.git"))
    }

    private func open(token: String?, location: RepositoryLocation? = nil) throws -> GitRepository {
        try GitRepository.open(try location ?? self.location(), cacheDirectory: fixture.cacheDirectory(),
                               credentials: GitCredentials(httpToken: token), timeoutSeconds: 30)
    }

    func testCloneWithTheRightTokenReadsFiles() throws {
        try requireServer()
        let repository = try open(token: Self.token)
        let commit = try repository.resolveCommit("main")
        XCTAssertEqual(commit.hex, try work.head())
        XCTAssertEqual(try repository.file(at: commit, path: "tenants/acme.yaml").map { String(decoding: $0, as: UTF8.self) },
                       "name: acme\n")
        XCTAssertEqual(try repository.resolveCommit("HEAD"), commit)
    }

    func testWrongTokenFailsAuthenticationAndIsNeverShown() throws {
        try requireServer()
        let wrong = "glpat-WRONG-93b0f2e1"
        // libgit2 asks the callback again for as long as the server refuses: returning at all
        // shows the second request was refused.
        let error = expectGitSourceError { try open(token: wrong) }
        guard case .authenticationFailed(let url, let given)? = error else { return XCTFail("got \(String(describing: error))") }
        let redacted = try location().redacted
        XCTAssertEqual(url, redacted)
        XCTAssertTrue(given)
        XCTAssertEqual(error!.description, "Authentication failed for \(redacted): check TENANTCTL_GIT_TOKEN or --git-token-file.")
        for text in renderings(of: error!) {
            XCTAssertFalse(text.contains(wrong), "the token leaked into: \(text)")
            XCTAssertFalse(text.contains(Self.token))
        }
    }

    func testNoTokenSaysThatNoTokenWasGiven() throws {
        try requireServer()
        let error = expectGitSourceError { try open(token: nil) }
        guard case .authenticationFailed(_, false)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertTrue(error!.description.contains("no token was given"), error!.description)
    }

    func testPasswordInTheURLIsRedactedFromErrorsAndTheCache() throws {
        try requireServer()
        var components = try XCTUnwrap(URLComponents(url: requireServer().url("tenants.git"), resolvingAgainstBaseURL: false))
        components.user = "oauth2"
        components.password = "url-pw-5c2a"
        let withPassword = RepositoryLocation.http(try XCTUnwrap(components.url))
        let error = expectGitSourceError { try open(token: nil, location: withPassword) }
        XCTAssertNotNil(error)
        for text in error.map(renderings) ?? [] {
            XCTAssertFalse(text.contains("url-pw-5c2a"), text)
        }
        let cacheNames = (try? FileManager.default.contentsOfDirectory(atPath: fixture.cacheDirectory())) ?? []
        XCTAssertFalse(cacheNames.contains { $0.contains("url-pw-5c2a") })
    }

    func testIncrementalFetchSeesTheNewCommitAndReusesTheCache() throws {
        try requireServer()
        _ = try open(token: Self.token)
        let mirror = fixture.cacheDirectory() + "/" + RepositoryCache.directoryName(for: try location().redacted)
        let marker = mirror + "/tenantctl-test-marker"
        XCTAssertTrue(FileManager.default.createFile(atPath: marker, contents: Data()))
        let packsBefore = try FileManager.default.contentsOfDirectory(atPath: mirror + "/objects/pack")

        try work.write("tenants/beta.yaml", "name: beta\n")
        let second = try work.commit("Second")
        try work.mirror(to: bare)

        let repository = try open(token: Self.token)
        XCTAssertEqual(try repository.resolveCommit("main").hex, second)
        XCTAssertEqual(try repository.files(at: repository.resolveCommit("main")).count, 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker), "the cache was re-cloned instead of fetched")
        let packsAfter = try FileManager.default.contentsOfDirectory(atPath: mirror + "/objects/pack")
        XCTAssertTrue(Set(packsBefore).isSubset(of: Set(packsAfter)), "the first pack is kept; only new objects came")
        XCTAssertGreaterThan(packsAfter.count, packsBefore.count)
    }
}
