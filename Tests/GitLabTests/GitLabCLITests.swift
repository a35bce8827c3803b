import Foundation
import GitTestSupport
import PlanModel
import XCTest

/// `tenantctl gitlab publish-plan` and `tenantctl gitlab status` end to end: the built binary
/// against gitlab-sim, configured as in a merge request pipeline (GitLab CI's variables) or by
/// flags.
final class GitLabCLITests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "gitlab-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A merge request pipeline's variables, without anything of this machine's TENANTCTL_ or CI_.
    func ciEnvironment(_ sim: GitLabSimProcess, token: String? = GitLabSimProcess.token) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("TENANTCTL_") && !$0.key.hasPrefix("CI_") && !$0.key.lowercased().hasSuffix("_proxy")
        }
        environment["HOME"] = directory
        environment["CI_API_V4_URL"] = sim.apiURL
        environment["CI_PROJECT_ID"] = "42"
        environment["CI_MERGE_REQUEST_IID"] = "1"
        environment["CI_COMMIT_SHA"] = "1602d04e73db5c1f0e2f2c3a4b5c6d7e8f901234"
        environment["CI_COMMIT_REF_NAME"] = "feature"
        environment["CI_JOB_URL"] = "https://gitlab.example.com/platform/tenants/-/jobs/77"
        environment["CI_JOB_TOKEN"] = GitLabSimProcess.jobToken
        if let token { environment["TENANTCTL_GITLAB_TOKEN"] = token }
        return environment
    }

    func tenantctl(_ arguments: [String], environment: [String: String]) throws -> ProcessResult {
        try ChildProcess.run(try ProductBinary.locate("tenantctl"), arguments, environment: environment, directory: directory, timeout: 60)
    }

    func testPublishPlanPostsTheNoteThenUpdatesItAndWritesTheReport() throws {
        let sim = try GitLabSimProcess()
        let plan = try SamplePlans.write(SamplePlans.ordinary, in: directory)
        let environment = ciEnvironment(sim)
        let first = try tenantctl(["gitlab", "publish-plan", "--plan", plan, "--report", "report.json"], environment: environment)
        XCTAssertEqual(first.status, 0, first.description)
        XCTAssertTrue(first.stdout.hasPrefix("created merge request note "), first.stdout)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/report.json"))) as? [String: Int]
        XCTAssertEqual(report, ["create": 1, "update": 2, "delete": 0])
        let second = try tenantctl(["gitlab", "publish-plan", "--plan", plan], environment: environment)
        XCTAssertTrue(second.stdout.hasPrefix("merge request note "), second.description)
        var staging = environment
        staging["CI_ENVIRONMENT_NAME"] = "staging"
        let third = try tenantctl(["gitlab", "publish-plan", "--plan", plan], environment: staging)
        XCTAssertTrue(third.stdout.hasPrefix("created merge request note "), third.description)

        let notes = try sim.notes()
        XCTAssertEqual(notes.count, 2)
        let bodies = notes.compactMap { $0["body"] as? String }
        XCTAssertTrue(bodies.contains { $0.hasPrefix("<!-- tenantctl:plan project=42 environment=all -->\n### tenantctl plan\n") }, "\(bodies)")
        XCTAssertTrue(bodies.contains { $0.hasPrefix("<!-- tenantctl:plan project=42 environment=staging -->\n") }, "\(bodies)")
        XCTAssertTrue(bodies[0].contains("<code>acme/production</code>: +1 ~1 -0"), bodies[0])
        XCTAssertFalse(bodies[0].contains("<!-- tenantctl-plan -->"), "one marker only")
    }

    func testPublishPlanEscapesManifestText() throws {
        let sim = try GitLabSimProcess()
        let plan = try SamplePlans.write(SamplePlans.hostile, in: directory)
        let result = try tenantctl(["gitlab", "publish-plan", "--plan", plan, "--environment", "production"], environment: ciEnvironment(sim))
        XCTAssertEqual(result.status, 0, result.description)
        let body = try XCTUnwrap(try sim.notes().first?["body"] as? String)
        XCTAssertEqual(body.components(separatedBy: "<!--").count - 1, 1, "only the real marker: \(body)")
        XCTAssertFalse(body.contains("<script"))
    }

    func testAPlanTooLongForANoteIsCutWhereALineEnds() throws {
        let sim = try GitLabSimProcess()
        let value = String(repeating: "<", count: 400)
        let changes = (0..<500).map {
            SamplePlans.change("acme/production", "juju.config", .update, target: "app\($0)",
                               reasons: [Reason(field: "config.motd", desired: value, observed: "hello")])
        }
        let plan = try SamplePlans.write(Plan(commit: "1602d04e73db5c1f0e2f2c3a4b5c6d7e8f901234", changes: changes), in: directory)
        let result = try tenantctl(["gitlab", "publish-plan", "--plan", plan], environment: ciEnvironment(sim))
        XCTAssertEqual(result.status, 0, result.description)
        let body = try XCTUnwrap(try sim.notes().first?["body"] as? String)
        XCTAssertLessThan(body.count, 1_000_000)
        XCTAssertTrue(body.hasSuffix("</details>\n\n**The plan is too long for a note: see the job's plan.json artifact for the rest.**\n"), String(body.suffix(300)))
        XCTAssertTrue(body.contains("app100</code>"))
        XCTAssertFalse(body.contains("app499</code>"))
    }

    func testMissingVariablesAreNamed() throws {
        let sim = try GitLabSimProcess()
        let plan = try SamplePlans.write(SamplePlans.ordinary, in: directory)
        var environment = ciEnvironment(sim)
        environment["CI_MERGE_REQUEST_IID"] = nil
        let noMR = try tenantctl(["gitlab", "publish-plan", "--plan", plan], environment: environment)
        XCTAssertEqual(noMR.status, 1)
        XCTAssertEqual(noMR.stderr, "error: the merge request is unknown: pass --merge-request or set CI_MERGE_REQUEST_IID (GitLab CI sets CI_MERGE_REQUEST_IID in merge request pipelines)\n")
        environment["CI_API_V4_URL"] = nil
        let noURL = try tenantctl(["gitlab", "status", "--plan", plan], environment: environment)
        XCTAssertEqual(noURL.status, 1)
        XCTAssertTrue(noURL.stderr.contains("pass --api-url or set CI_API_V4_URL"), noURL.stderr)
        let noToken = try tenantctl(["gitlab", "status", "--plan", plan, "--api-url", sim.apiURL], environment: ciEnvironment(sim, token: nil))
        XCTAssertEqual(noToken.status, 1)
        XCTAssertTrue(noToken.stderr.contains("no GitLab token: pass --gitlab-token-file or --gitlab-token vault:<path>#<key>, or set TENANTCTL_GITLAB_TOKEN"), noToken.stderr)
        XCTAssertTrue(sim.requestLog().isEmpty, "nothing sent: \(sim.requestLog())")
    }

    func testAWrongTokenFailsWithoutShowingIt() throws {
        let sim = try GitLabSimProcess()
        let plan = try SamplePlans.write(SamplePlans.ordinary, in: directory)
        let canary = "glpat-CANARY-d41d8cd98f"
        try "\(canary)\n".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
        let result = try tenantctl(["gitlab", "publish-plan", "--plan", plan, "--gitlab-token-file", directory + "/token"], environment: ciEnvironment(sim, token: nil))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: GitLab refused the token (401 Unauthorized) on GET /user"), result.stderr)
        XCTAssertFalse(result.stderr.contains(canary) || result.stdout.contains(canary))
        // The job token, asked for, is refused by the notes endpoint, and the message says why.
        let job = try tenantctl(["gitlab", "publish-plan", "--plan", plan, "--use-job-token"], environment: ciEnvironment(sim, token: nil))
        XCTAssertEqual(job.status, 1)
        XCTAssertTrue(job.stderr.contains("a CI job token (CI_JOB_TOKEN) is not accepted by this endpoint"), job.stderr)
        XCTAssertFalse(job.stderr.contains(GitLabSimProcess.jobToken))
    }

    func testStatusSetsOneStatusPerEnvironmentOfThePlan() throws {
        let sim = try GitLabSimProcess()
        let plan = try SamplePlans.write(SamplePlans.ordinary, in: directory)
        let environment = ciEnvironment(sim)
        let running = try tenantctl(["gitlab", "status", "--plan", plan, "--state", "running"], environment: environment)
        XCTAssertEqual(running.status, 0, running.description)
        XCTAssertEqual(running.stdout, "tenantctl/acme/production: running\ntenantctl/boulangerie-durand/staging: running\ntenantctl/zeta/production: running\n")
        let outcome = try tenantctl(["gitlab", "status", "--plan", plan], environment: environment)
        XCTAssertEqual(outcome.status, 0, outcome.description)
        XCTAssertEqual(outcome.stdout, "tenantctl/acme/production: success\ntenantctl/boulangerie-durand/staging: success\ntenantctl/zeta/production: failed\n")
        let statuses = try sim.statuses()
        XCTAssertEqual(statuses.count, 3, "moved, not added")
        let byName = Dictionary(uniqueKeysWithValues: statuses.map { ($0["name"] as? String ?? "", $0) })
        XCTAssertEqual(byName["tenantctl/acme/production"]?["description"] as? String, "plan: +1 ~1 -0")
        XCTAssertEqual(byName["tenantctl/zeta/production"]?["description"] as? String, "not planned: observing model 'zeta-production' failed: connection reset")
        XCTAssertEqual(byName["tenantctl/acme/production"]?["ref"] as? String, "feature")
        XCTAssertEqual(byName["tenantctl/acme/production"]?["target_url"] as? String, "https://gitlab.example.com/platform/tenants/-/jobs/77")
        // One status by name, flags over the variables.
        let one = try tenantctl(["gitlab", "status", "--tenant", "acme", "--tenant-environment", "staging", "--state", "failed",
                                 "--description", "apply failed", "--project", "platform/tenants", "--sha", "abcdef1234567"], environment: environment)
        XCTAssertEqual(one.status, 0, one.description)
        XCTAssertTrue(try sim.statuses().contains { $0["sha"] as? String == "abcdef1234567" && $0["name"] as? String == "tenantctl/acme/staging" && $0["status"] as? String == "failed" })
    }

    func testBadStatusArgumentsAreRefused() throws {
        let sim = try GitLabSimProcess()
        let environment = ciEnvironment(sim)
        XCTAssertEqual(try tenantctl(["gitlab", "status", "--tenant", "a", "--tenant-environment", "b", "--state", "done"], environment: environment).status, 64)
        XCTAssertEqual(try tenantctl(["gitlab", "status", "--tenant", "a"], environment: environment).status, 64)
        XCTAssertEqual(try tenantctl(["gitlab", "publish-plan", "--plan", "x.json", "--no-note"], environment: environment).status, 64)
    }
}
