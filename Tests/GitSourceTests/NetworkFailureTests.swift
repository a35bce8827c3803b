import GitSource
import GitTestSupport
import XCTest

final class NetworkFailureTests: XCTestCase {
    private var fixture: GitFixture!

    override func setUpWithError() throws {
        fixture = try GitFixture()
    }

    override func tearDown() {
        fixture?.remove()
    }

    /// The URL carries a password: the error names the URL without it (written out here, not
    /// computed with `redacted`, which would only compare the redaction with itself).
    func testConnectionRefusedIsUnreachable() throws {
        let port = try TestNetwork.freePort()
        let location = try RepositoryLocation.parse("http://oauth2:url-pw-41c7@127.0.0.1:\(port)/git/tenants.git")
        let error = expectGitSourceError {
            try GitRepository.open(location, cacheDirectory: fixture.cacheDirectory(),
                                   credentials: GitCredentials(httpToken: "t0ken-abc"), timeoutSeconds: 10)
        }
        guard case .unreachable(let url, let detail)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(url, "http://oauth2@127.0.0.1:\(port)/git/tenants.git")
        XCTAssertTrue(detail.lowercased().contains("refused"), detail)
        for text in renderings(of: error!) {
            XCTAssertFalse(text.contains("t0ken-abc"), text)
            XCTAssertFalse(text.contains("url-pw-41c7"), text)
        }
    }

    /// Without our socket stream this would hang forever: libgit2 1.5 has no timeout of its own.
    func testAServerThatNeverAnswersTimesOut() throws {
        let silent = try SilentServer()
        defer { silent.stop() }
        let location = try RepositoryLocation.parse("http://127.0.0.1:\(silent.port)/git/tenants.git")
        let cache = fixture.cacheDirectory()
        let outcome = Outcome()
        // On a thread of its own, so that a regression fails this test instead of hanging the run;
        // closing the listening socket afterwards resets the connection and frees the thread.
        Thread {
            let started = Date()
            do {
                _ = try GitRepository.open(location, cacheDirectory: cache, credentials: GitCredentials(), timeoutSeconds: 2)
                outcome.finish(nil, after: Date().timeIntervalSince(started))
            } catch {
                outcome.finish(error, after: Date().timeIntervalSince(started))
            }
        }.start()
        guard let (error, elapsed) = outcome.wait(seconds: 20) else {
            return XCTFail("GitRepository.open was still waiting on a silent server after 20 seconds")
        }
        guard case .timeout(let url, let seconds)? = error as? GitSourceError else {
            return XCTFail("got \(String(describing: error))")
        }
        XCTAssertEqual(url, location.redacted)
        XCTAssertEqual(seconds, 2)
        // It waited for its timeout (a lower bound, which load cannot break) and then gave up;
        // the watchdog above only keeps a regression from hanging the run.
        XCTAssertGreaterThanOrEqual(elapsed, 1.9)
    }

    /// libssh2 uses the descriptor of the stream we connected (libgit2 1.5 casts the stream to its
    /// own socket stream type), so this proves the layout we share with it is right.
    func testSSHSpeaksOverTheStreamWeConnected() throws {
        let server = try BannerServer()
        defer { server.stop() }
        let location = try RepositoryLocation.parse("ssh://git@127.0.0.1:\(server.port)/tenants.git")
        let error = expectGitSourceError {
            try GitRepository.open(location, cacheDirectory: fixture.cacheDirectory(),
                                   credentials: GitCredentials(sshKeyPath: fixture.path("no-such-key")), timeoutSeconds: 10)
        }
        XCTAssertTrue(server.firstLine().hasPrefix("SSH-2.0-"), "libssh2 never wrote its banner on our socket")
        guard case .unreachable? = error else { return XCTFail("got \(String(describing: error))") }
    }
}

private final class Outcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: (Error?, TimeInterval)?

    func finish(_ error: Error?, after elapsed: TimeInterval) {
        lock.lock()
        result = (error, elapsed)
        lock.unlock()
        done.signal()
    }

    func wait(seconds: Int) -> (Error?, TimeInterval)? {
        guard done.wait(timeout: .now() + .seconds(seconds)) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
