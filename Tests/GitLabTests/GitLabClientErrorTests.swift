import GitLab
import HTTPClient
import XCTest

/// 401, 403, 404, 429 and 5xx told apart; the token never in an error.
final class GitLabClientErrorTests: XCTestCase {
    static let sha = GitLabClientStatusTests.sha
    static let canary = "glpat-CANARY-7f3a9c1e5b"

    func client(_ sim: GitLabSimProcess, token: String = GitLabSimProcess.token, kind: GitLabToken.Kind = .privateToken, attempts: Int = 3) throws -> GitLabClient {
        var configuration = GitLabClient.defaultConfiguration
        configuration.retry = HTTPRetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(20), maxDelay: .seconds(2))
        configuration.proxy = .direct
        return try GitLabClient(apiURL: sim.apiURL, token: GitLabToken(token, kind: kind), configuration: configuration)
    }

    func error(_ body: () async throws -> Void) async -> GitLabError? {
        do {
            try await body()
            return nil
        } catch let error as GitLabError {
            return error
        } catch {
            XCTFail("not a GitLabError: \(error)")
            return nil
        }
    }

    func testAWrongTokenIs401AndTheTokenIsInNoMessage() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim, token: Self.canary)
        let failure = await error { _ = try await gitlab.notes(project: GitLabProjectID("42"), mergeRequest: 1) }
        let found = try XCTUnwrap(failure)
        guard case .unauthorized = found else { return XCTFail("\(found)") }
        XCTAssertTrue(found.description.contains("401 Unauthorized"), found.description)
        XCTAssertFalse(found.description.contains(Self.canary))
        XCTAssertFalse(String(reflecting: found).contains(Self.canary))
        XCTAssertFalse("\(gitlab)".contains(Self.canary))
        // And the raw answer is GitLab's.
        let raw = try Curl.call("GET", sim.apiURL + "/projects/42/merge_requests/1/notes", headers: ["PRIVATE-TOKEN: \(Self.canary)"])
        XCTAssertEqual(raw.status, 401)
        XCTAssertEqual(raw.body, #"{"message":"401 Unauthorized"}"#)
    }

    func testAJobTokenIsRefusedOnNotesWithAnExplanation() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim, token: GitLabSimProcess.jobToken, kind: .jobToken)
        let failure = await error {
            _ = try await gitlab.setStatus(project: GitLabProjectID("42"), sha: Self.sha, CommitStatusUpdate(state: .running, name: "x"))
        }
        let found = try XCTUnwrap(failure)
        guard case .unauthorized(_, .jobToken) = found else { return XCTFail("\(found)") }
        XCTAssertTrue(found.description.contains("CI_JOB_TOKEN"), found.description)
        XCTAssertFalse(found.description.contains(GitLabSimProcess.jobToken))
    }

    func testUnknownProjectAndMergeRequestAre404() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let project = await error { _ = try await gitlab.notes(project: GitLabProjectID("nobody/nothing"), mergeRequest: 1) }
        guard case .notFound(let request, let message)? = project else { return XCTFail("\(String(describing: project))") }
        XCTAssertEqual(message, "404 Project Not Found")
        XCTAssertTrue(request.contains("nobody%2Fnothing"), request)
        let mergeRequest = await error { _ = try await gitlab.notes(project: GitLabProjectID("42"), mergeRequest: 99) }
        guard case .notFound? = mergeRequest else { return XCTFail("\(String(describing: mergeRequest))") }
    }

    func testAnotherUsersNoteIs403OnUpdate() async throws {
        let sim = try GitLabSimProcess()
        try sim.plantNote(mergeRequest: 1, body: "mine")
        let noteID = try XCTUnwrap(try sim.notes().first?["id"] as? Int)
        let gitlab = try client(sim)
        let failure = await error { _ = try await gitlab.updateNote(project: GitLabProjectID("42"), mergeRequest: 1, noteID: noteID, body: "theirs") }
        guard case .forbidden? = failure else { return XCTFail("\(String(describing: failure))") }
    }

    func test429ThenSuccessIsRetriedWithRetryAfter() async throws {
        let sim = try GitLabSimProcess()
        try sim.admin("POST", "/fail", #"{"count": 2, "status": 429, "retryAfter": 1}"#)
        let gitlab = try client(sim)
        let started = Date()
        let note = try await gitlab.createNote(project: GitLabProjectID("42"), mergeRequest: 1, body: "after a rate limit")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1.8, "Retry-After: 1 was honoured twice")
        XCTAssertEqual(try sim.notes().map { $0["id"] as? Int }, [note.id], "one note: the 429s did not act")
    }

    func testA429ThatLastsIsRateLimitedAndA503IsAServerError() async throws {
        let sim = try GitLabSimProcess()
        try sim.admin("POST", "/fail", #"{"count": 5, "status": 429}"#)
        let gitlab = try client(sim, attempts: 2)
        let limited = await error { _ = try await gitlab.notes(project: GitLabProjectID("42"), mergeRequest: 1) }
        guard case .rateLimited(_, 2)? = limited else { return XCTFail("\(String(describing: limited))") }
        try sim.admin("POST", "/reset-faults")
        try sim.admin("POST", "/fail", #"{"count": 5, "status": 503}"#)
        let down = await error { _ = try await gitlab.notes(project: GitLabProjectID("42"), mergeRequest: 1) }
        guard case .server(_, 503, 2)? = down else { return XCTFail("\(String(describing: down))") }
        // A POST is not retried on 503 (it may have acted): one attempt.
        try sim.admin("POST", "/reset-faults")
        try sim.admin("POST", "/fail", #"{"count": 1, "status": 503}"#)
        let post = await error { _ = try await gitlab.createNote(project: GitLabProjectID("42"), mergeRequest: 1, body: "x") }
        guard case .server(_, 503, 1)? = post else { return XCTFail("\(String(describing: post))") }
    }

    func testUnreachableGitLabIsATransportError() async throws {
        var configuration = GitLabClient.defaultConfiguration
        configuration.retry = .never
        configuration.proxy = .direct
        let gitlab = try GitLabClient(apiURL: "http://127.0.0.1:1/api/v4", token: GitLabToken(Self.canary), configuration: configuration)
        let failure = await error { _ = try await gitlab.notes(project: GitLabProjectID("42"), mergeRequest: 1) }
        guard case .transport? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertFalse(failure!.description.contains(Self.canary))
    }

    func testBothTokenHeadersAreCredentials() {
        let redaction = HTTPRedaction()
        XCTAssertTrue(redaction.isCredential("PRIVATE-TOKEN"))
        XCTAssertTrue(redaction.isCredential("JOB-TOKEN"))
        let request = HTTPRequest(url: URL(string: "https://gitlab.example.com/api/v4/user")!, headers: ["JOB-TOKEN": Self.canary])
        XCTAssertFalse(HTTPClient().describe(request).contains(Self.canary))
    }

    func testTokensWithLineBreaksOrSpacesAreRefused() throws {
        XCTAssertThrowsError(try GitLabToken("abc\r\nX-Evil: 1"))
        XCTAssertThrowsError(try GitLabToken("   "))
        XCTAssertEqual(try GitLabToken("  glpat-abc\n").description, "GitLab access token (redacted)")
    }
}
