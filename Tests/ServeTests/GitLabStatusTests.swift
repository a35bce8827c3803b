import Foundation
import GitTestSupport
import XCTest

/// serve's GitLab commit statuses against gitlab-sim: a push webhook sent by gitlab-sim (GitLab's
/// payload shape) makes serve reconcile the commit and set tenantctl/<tenant>/<environment> on it
/// (running, then the outcome); a failed change is `failed`; a GitLab that refuses the token
/// costs nothing but a logged, counted error — never the token itself.
final class GitLabStatusTests: ServeCase {
    var gitlab: ServeGitLabSim!

    override func setUpWithError() throws {
        try super.setUpWithError()
        gitlab = try ServeGitLabSim(directory: fixture.path("gitlab-sim"))
    }

    override func tearDown() {
        gitlab?.stop()
        gitlab = nil
        super.tearDown()
    }

    private func serveWithStatuses(token: String = ServeGitLabSim.token, environment: [String: String] = [:]) throws -> ServeProcess {
        try serve(["--gitlab-url", gitlab.baseURL, "--gitlab-project", ServeGitLabSim.projectPath, "--external-url", "https://tenantctl.example.com"],
                  environment: environment.merging(["TENANTCTL_GITLAB_TOKEN": token]) { $1 })
    }

    func testAPushWebhookGetsStatusesRunningThenSuccess() throws {
        let server = try serveWithStatuses()
        let first = try repository.head()
        try eventually("the startup run's statuses") {
            try gitlab.statuses(sha: first)["tenantctl/acme/production"]?["status"] as? String == "success"
        }

        try repository.write("tenants/acme.yaml", ServeFleet.tenant("acme", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        shop: {units: 2}\n"))
        let second = try repository.commit("acme: two shops")
        XCTAssertEqual(try gitlab.push(to: server, token: "s3cret-token", before: first, after: second), 202)
        try eventually("acme's status on the pushed commit") {
            try gitlab.statuses(sha: second)["tenantctl/acme/production"]?["status"] as? String == "success"
        }
        XCTAssertEqual(try units("k8s:acme-production", "shop"), 2)
        let status = try XCTUnwrap(try gitlab.statuses(sha: second)["tenantctl/acme/production"])
        XCTAssertFalse(status["started_at"] is NSNull, "the status was running before it succeeded: \(status)")
        // The environment was in the push's run: its status links to that run's dashboard page.
        try eventually("the push's run line") { server.lines("run").count >= 2 }
        let run = try XCTUnwrap(server.lines("run").last?.split(separator: " ").first { $0.hasPrefix("run=") }, server.log)
        XCTAssertEqual(status["target_url"] as? String, "https://tenantctl.example.com/runs/\(run.dropFirst("run=".count))")
        XCTAssertTrue((status["description"] as? String ?? "").hasPrefix("applied"), "\(status)")
        // Two posts for it: running, then success.
        XCTAssertEqual(gitlab.requestLog.split(separator: "\n").filter { $0.contains("POST") && $0.contains("/statuses/\(second)") }.count, 2,
                       gitlab.requestLog)
        // corp did not change in that commit: no status for it there.
        XCTAssertNil(try gitlab.statuses(sha: second)["tenantctl/corp/production"])
        XCTAssertEqual(try server.metric("tenantctl_gitlab_status_errors_total"), 0)
    }

    func testAFailedChangeIsFailed() throws {
        _ = try serveWithStatuses(environment: ["JUJU_SIM_FAIL_RATE": "1", "JUJU_SIM_FAIL_COMMANDS": "add-model"])
        let head = try repository.head()
        try eventually("a failed status", timeout: 300) {
            try gitlab.statuses(sha: head)["tenantctl/acme/production"]?["status"] as? String == "failed"
        }
        let status = try XCTUnwrap(try gitlab.statuses(sha: head)["tenantctl/acme/production"])
        XCTAssertFalse((status["description"] as? String ?? "").isEmpty, "\(status)")
    }

    /// SIGTERM mid-run: an environment whose changes were not all run is `canceled` on the commit
    /// (sent before serve exits), none is left `running`, and no status holds a secret.
    func testSIGTERMLeavesTheInterruptedEnvironmentsCanceled() throws {
        latencyMilliseconds = 300
        let server = try serveWithStatuses()
        let head = try repository.head()
        try eventually("a change under way") { !server.lines("change started").isEmpty }
        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(timeout: 180), 0, server.log)
        let statuses = try gitlab.statuses(sha: head)
        let states = statuses.mapValues { $0["status"] as? String ?? "?" }
        XCTAssertEqual(Set(states.keys), ["tenantctl/acme/production", "tenantctl/corp/production"], "\(states)")
        XCTAssertTrue(states.values.contains("canceled"), "\(states)\n\(server.log)")
        XCTAssertFalse(states.values.contains("running"), "no status left running: \(states)")
        for status in statuses.values where status["status"] as? String == "canceled" {
            XCTAssertTrue((status["description"] as? String ?? "").hasPrefix("interrupted: "), "\(status)")
        }
        let state = String(describing: try gitlab.admin("GET", "/state") ?? "")
        XCTAssertFalse(state.contains(ServeFleet.canary) || state.contains(ServeGitLabSim.token), "a secret reached GitLab")
    }

    /// The fleet's plan, posted as the merge request's sticky note: the note is in gitlab-sim and
    /// holds neither the shop's password (the canary the plan's secrets file holds) nor the token.
    func testTheStickyNoteHoldsNoSecret() throws {
        let plan = fixture.path("plan.json")
        let planned = try tenantctl("plan", "--repo", repository.path, "--out", plan)
        XCTAssertEqual(planned.status, 2, "\(planned)")
        let published = try ChildProcess.run(try ProductBinary.locate("tenantctl"), [
            "gitlab", "publish-plan", "--plan", plan, "--api-url", gitlab.baseURL + "/api/v4", "--project", "42", "--merge-request", "1",
        ], environment: environment.merging(["TENANTCTL_GITLAB_TOKEN": ServeGitLabSim.token]) { $1 }, timeout: 120)
        XCTAssertEqual(published.status, 0, "\(published)")
        let state = String(describing: try gitlab.admin("GET", "/state") ?? "")
        XCTAssertTrue(state.contains("tenantctl:plan") && state.contains("acme-production"), state)
        for text in [state, published.stdout, published.stderr, planned.stdout, planned.stderr] {
            XCTAssertFalse(text.contains(ServeFleet.canary) || text.contains(ServeGitLabSim.token), "a secret leaked: \(text)")
        }
    }

    func testAWrongTokenDoesNotFailTheRunNorShowTheToken() throws {
        let canary = "glpat-wrong-canary-9d41"
        let server = try serveWithStatuses(token: canary)
        try eventually("acme applied") { try units("k8s:acme-production", "shop") == 1 }
        try eventually("the refused statuses counted") { try server.metric("tenantctl_gitlab_status_errors_total") >= 1 }
        try eventually("the run's line") { !server.lines("run").isEmpty }
        XCTAssertTrue(server.lines("run").allSatisfy { $0.contains("outcome=succeeded") }, server.log)
        XCTAssertFalse(server.lines("cannot set a GitLab commit status; the run goes on").isEmpty, server.log)
        XCTAssertTrue(try gitlab.statuses(sha: try repository.head()).isEmpty)
        for text in [server.log, try server.get("/metrics").body, try server.get("/").body] {
            XCTAssertFalse(text.contains(canary), "the token leaked: \(text)")
        }
    }

    func testGitLabSettingsAreChecked() throws {
        let alone = try tenantctl("serve", "--repo", repository.path, "--gitlab-url", gitlab.baseURL)
        XCTAssertEqual(alone.status, 64, "\(alone)")
        XCTAssertTrue(alone.stderr.contains("--gitlab-url and --gitlab-project go together"), alone.stderr)
        let notHTTP = try tenantctl("serve", "--repo", repository.path, "--gitlab-url", "gitlab.example.com", "--gitlab-project", "1")
        XCTAssertEqual(notHTTP.status, 64, "\(notHTTP)")
        // A token file others can read is refused at each look (logged, counted); the run goes on.
        let file = fixture.path("gitlab-token")
        try Data("\(ServeGitLabSim.token)\n".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o644)
        let server = try serve(["--gitlab-url", gitlab.baseURL + "/api/v4", "--gitlab-project", "42", "--gitlab-token-file", file])
        try eventually("the refused token file counted") { try server.metric("tenantctl_gitlab_status_errors_total") >= 1 }
        XCTAssertTrue(server.log.contains("chmod 600"), server.log)
        XCTAssertFalse(server.log.contains(ServeGitLabSim.token), server.log)
    }
}
