import GitLab
import HTTPClient
import XCTest

/// Commit statuses through the client against gitlab-sim: set, move through states, list, the
/// same state twice, numeric and path project ids.
final class GitLabClientStatusTests: XCTestCase {
    static let sha = "1602d04e73db5c1f0e2f2c3a4b5c6d7e8f901234"

    func client(_ sim: GitLabSimProcess, token: String = GitLabSimProcess.token, kind: GitLabToken.Kind = .privateToken) throws -> GitLabClient {
        var configuration = GitLabClient.defaultConfiguration
        configuration.retry = HTTPRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200))
        configuration.proxy = .direct
        return try GitLabClient(apiURL: sim.apiURL, token: GitLabToken(token, kind: kind), configuration: configuration)
    }

    func testAStatusMovesFromPendingToRunningToSuccessAndIsListed() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let project = try GitLabProjectID("42")
        let name = CommitStatusUpdate.name(tenant: "acme", environment: "production")
        XCTAssertEqual(name, "tenantctl/acme/production")
        let pending = try await gitlab.setStatus(project: project, sha: Self.sha, CommitStatusUpdate(state: .pending, name: name, ref: "main", targetURL: "https://ci.example/jobs/1", description: "planning"))
        XCTAssertEqual(pending.status, "pending")
        XCTAssertEqual(pending.name, name)
        XCTAssertEqual(pending.targetURL, "https://ci.example/jobs/1")
        let running = try await gitlab.setStatus(project: project, sha: Self.sha, CommitStatusUpdate(state: .running, name: name, ref: "main"))
        XCTAssertEqual(running.id, pending.id, "a status that is not finished moves to the new state")
        // The same state again: GitLab's 400 "Cannot transition status", taken as done.
        let again = try await gitlab.setStatus(project: project, sha: Self.sha, CommitStatusUpdate(state: .running, name: name, ref: "main"))
        XCTAssertEqual(again.id, pending.id)
        XCTAssertEqual(again.status, "running")
        _ = try await gitlab.setStatus(project: project, sha: Self.sha, CommitStatusUpdate(state: .success, name: name, ref: "main", description: "plan: +1 ~0 -0"))
        _ = try await gitlab.setStatus(project: project, sha: Self.sha, CommitStatusUpdate(state: .failed, name: "tenantctl/acme/staging", ref: "main"))

        let listed = try await gitlab.statuses(project: project, sha: Self.sha)
        XCTAssertEqual(Set(listed.map(\.name)), ["tenantctl/acme/production", "tenantctl/acme/staging"])
        XCTAssertEqual(listed.first { $0.name == name }?.status, "success")
        XCTAssertEqual(listed.first { $0.name == name }?.description, "plan: +1 ~0 -0")
        let one = try await gitlab.statuses(project: project, sha: Self.sha, name: "tenantctl/acme/staging")
        XCTAssertEqual(one.map(\.status), ["failed"])
    }

    func testTheProjectMayBeNamedByItsURLEncodedPath() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let project = try GitLabProjectID(GitLabSimProcess.projectPath)
        XCTAssertEqual(project.pathSegment, "platform%2Ftenants")
        _ = try await gitlab.setStatus(project: project, sha: Self.sha, CommitStatusUpdate(state: .success, name: "tenantctl/a/b"))
        let stored = try sim.statuses()
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored.first?["project_id"] as? Int, 42)
        XCTAssertTrue(sim.requestLog().contains { $0.contains("POST /api/v4/projects/platform%2Ftenants/statuses/\(Self.sha) 201") }, "\(sim.requestLog())")
    }

    func testLongDescriptionsAndLineBreaksAreBounded() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        let long = "line one\nline two " + String(repeating: "x", count: 400)
        let status = try await gitlab.setStatus(project: GitLabProjectID("42"), sha: Self.sha, CommitStatusUpdate(state: .failed, name: "tenantctl/a/b", description: long))
        let description = try XCTUnwrap(status.description)
        XCTAssertEqual(description.count, 255)
        XCTAssertFalse(description.contains("\n"))
        XCTAssertTrue(description.hasSuffix("…"))
    }

    func testANonHexadecimalShaIsRefusedBeforeAnyRequest() async throws {
        let sim = try GitLabSimProcess()
        let gitlab = try client(sim)
        do {
            _ = try await gitlab.setStatus(project: GitLabProjectID("42"), sha: "../../users", CommitStatusUpdate(state: .success, name: "x"))
            XCTFail("accepted a path as a sha")
        } catch let error as GitLabError {
            guard case .configuration = error else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(sim.requestLog().isEmpty)
    }
}
