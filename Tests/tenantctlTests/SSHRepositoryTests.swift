import Foundation
import GitTestSupport
import XCTest

/// The CLI against a real OpenSSH server (Debian's openssh-server on a loopback port) serving a
/// bare repository, as GitLab serves `git@host:group/repo.git`: clone, fetch, a refused key, and
/// the server's host key, which libgit2 checks against ~/.ssh/known_hosts of the user running
/// tenantctl (HOME is the fixture's, so the machine's own known_hosts plays no part).
final class SSHRepositoryTests: CLITestCase {
    private var server: GitSSHServer?
    private var serverError: Error?
    private var tree: WorkTree!
    private var bare: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        tree = try FleetRepository.commit(in: fixture)
        bare = try fixture.bareRepository("srv/tenants.git")
        try tree.mirror(to: bare)
        // Not thrown from here: corelibs XCTest reports a setUp error as skipped as well as failed,
        // and a missing openssh-server must read as a plain failure.
        do {
            server = try GitSSHServer(directory: fixture.path("sshd"))
        } catch {
            serverError = error
        }
    }

    override func tearDown() {
        server?.stop()
        super.tearDown()
    }

    private func requireServer() throws -> GitSSHServer {
        if let serverError { throw serverError }
        return try XCTUnwrap(server)
    }

    private var cache: String { fixture.path("cli-cache") }

    /// Records `lines` as the known hosts of the user running tenantctl.
    private func knownHosts(_ lines: [String]) throws {
        try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: home + "/.ssh/known_hosts"))
    }

    private func validate(key: String) throws -> ProcessResult {
        try tenantctl("validate", "--repo", try requireServer().url(bare), "--ssh-key", key, "--cache-dir", cache, "--git-timeout", "20")
    }

    func testCloneWithTheAuthorizedKeyValidates() throws {
        let server = try requireServer()
        try knownHosts([server.knownHostsLine])
        let result = try validate(key: server.clientKey)
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["\(server.url(bare)) @ \(try tree.head().prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"])
        XCTAssertTrue(server.log.contains("Accepted publickey for \(server.user)"), server.log)
    }

    func testANewCommitIsFetchedIntoTheSameCache() throws {
        let server = try requireServer()
        try knownHosts([server.knownHostsLine])
        XCTAssertExit(try validate(key: server.clientKey), 0)
        let mirrors = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".git") }
        XCTAssertEqual(mirrors.count, 1, "\(mirrors)")
        let marker = cache + "/" + mirrors[0] + "/tenantctl-test-marker"
        XCTAssertTrue(FileManager.default.createFile(atPath: marker, contents: Data()))

        try tree.write("README.md", "Fetched over SSH\n")
        let second = try tree.commit("Second commit")
        try tree.mirror(to: bare)
        let result = try validate(key: server.clientKey)
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["\(server.url(bare)) @ \(second.prefix(12)) (Second commit): valid: \(FleetRepository.summary)"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker), "the cache was cloned again instead of fetched")
    }

    /// One clear error, returned (libgit2 would otherwise ask for credentials again and again).
    func testAKeyTheServerRefusesIsOneClearError() throws {
        let server = try requireServer()
        try knownHosts([server.knownHostsLine])
        let result = try validate(key: server.strangerKey)
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: Authentication failed for \(server.url(bare)): check the SSH key and its passphrase, "
            + "and that the key has access to the repository.")
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(server.log.contains("Failed publickey for \(server.user)") || server.log.contains("Connection closed by authenticating user"),
                      server.log)
    }

    /// A server whose host key is not in known_hosts is not trusted, even with the right user key.
    func testAnUnknownHostKeyIsRefused() throws {
        let server = try requireServer()
        try knownHosts([])
        let result = try validate(key: server.clientKey)
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: Could not reach the git repository at \(server.url(bare)): invalid or unknown remote ssh hostkey.")
        XCTAssertFalse(server.log.contains("Accepted publickey"), "the user key was offered to an unverified server:\n\(server.log)")
    }

    /// known_hosts records another key for this host and port: the server is refused (it could be
    /// an impostor), not silently trusted.
    func testAChangedHostKeyIsRefused() throws {
        let server = try requireServer()
        let impostor = try String(contentsOfFile: server.strangerKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try knownHosts(["[127.0.0.1]:\(server.port) \(impostor)"])
        let result = try validate(key: server.clientKey)
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: Could not reach the git repository at \(server.url(bare)): invalid or unknown remote ssh hostkey.")
        XCTAssertFalse(server.log.contains("Accepted publickey"), server.log)
    }
}
