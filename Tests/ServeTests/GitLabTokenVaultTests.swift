import Foundation
import GitTestSupport
import XCTest

/// The GitLab token kept in Vault (`--gitlab-token vault:<path>#<key>`), read from vault-sim and
/// used against gitlab-sim, by `tenantctl gitlab status` and by serve; a missing or forbidden
/// path, or a token given where a reference is expected, is a clear error that shows no secret.
final class GitLabTokenVaultTests: ServeCase {
    var gitlab: ServeGitLabSim!
    var vault: ServeVaultSim!

    override func setUpWithError() throws {
        try super.setUpWithError()
        gitlab = try ServeGitLabSim(directory: fixture.path("gitlab-sim"))
        vault = try ServeVaultSim(directory: fixture.path("vault-sim"), gitlabToken: ServeGitLabSim.token)
    }

    override func tearDown() {
        gitlab?.stop()
        vault?.stop()
        (gitlab, vault) = (nil, nil)
        super.tearDown()
    }

    /// `tenantctl gitlab status` for acme/production on HEAD, with the token behind `reference`.
    private func status(reference: String, vaultToken: String) throws -> ProcessResult {
        var environment = self.environment.merging(vault.environment(token: vaultToken)) { $1 }
        environment["CI_API_V4_URL"] = gitlab.baseURL + "/api/v4"
        environment["CI_PROJECT_ID"] = "42"
        environment["CI_COMMIT_SHA"] = try repository.head()
        return try ChildProcess.run(try ProductBinary.locate("tenantctl"), [
            "gitlab", "status", "--tenant", "acme", "--tenant-environment", "production", "--state", "success", "--gitlab-token", reference,
        ], environment: environment, timeout: 120)
    }

    func testTheCLIReadsTheTokenFromVaultAndSetsTheStatus() throws {
        let result = try status(reference: ServeVaultSim.tokenReference, vaultToken: ServeVaultSim.reader)
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(try gitlab.statuses(sha: try repository.head())["tenantctl/acme/production"]?["status"] as? String, "success")
        XCTAssertFalse(result.stdout.contains(ServeGitLabSim.token) || result.stderr.contains(ServeGitLabSim.token), "\(result)")
    }

    func testAMissingPathIsAClearErrorAndNothingIsSent() throws {
        let result = try status(reference: "vault:platform/nowhere#token", vaultToken: ServeVaultSim.reader)
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(result.stderr.contains("cannot read the GitLab token vault:platform/nowhere#token from Vault"), result.stderr)
        XCTAssertTrue(result.stderr.contains("404"), result.stderr)
        XCTAssertFalse(gitlab.requestLog.contains("/statuses/"), "nothing sent without a token: \(gitlab.requestLog)")
        let noKey = try status(reference: "vault:platform/gitlab#nokey", vaultToken: ServeVaultSim.reader)
        XCTAssertEqual(noKey.status, 1, "\(noKey)")
        XCTAssertTrue(noKey.stderr.contains("has no key 'nokey'"), noKey.stderr)
        XCTAssertFalse(noKey.stderr.contains(ServeGitLabSim.token), noKey.stderr)
    }

    func testAForbiddenPathIsAClearErrorWithoutTheSecret() throws {
        let result = try status(reference: ServeVaultSim.tokenReference, vaultToken: ServeVaultSim.outsider)
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(result.stderr.contains("may not read secret/platform/gitlab (403)"), result.stderr)
        for secret in [ServeGitLabSim.token, ServeVaultSim.outsider] {
            XCTAssertFalse(result.stderr.contains(secret) || result.stdout.contains(secret), "\(result)")
        }
        XCTAssertTrue(try gitlab.statuses(sha: try repository.head()).isEmpty)
    }

    func testATokenWhereAReferenceIsExpectedIsRefusedWithoutRepeatingIt() throws {
        let pasted = "glpat-pasted-by-mistake-3c9e"
        for arguments in [["gitlab", "status", "--tenant", "acme", "--tenant-environment", "production", "--state", "success", "--gitlab-token", pasted],
                          ["serve", "--repo", repository.path, "--gitlab-url", gitlab.baseURL, "--gitlab-project", "42", "--gitlab-token", pasted]] {
            let result = try ChildProcess.run(try ProductBinary.locate("tenantctl"), arguments, environment: environment, timeout: 60)
            XCTAssertEqual(result.status, 64, "\(result)")
            XCTAssertTrue(result.stderr.contains("--gitlab-token takes a Vault reference, vault:<path>#<key>, never the token itself"), result.stderr)
            XCTAssertFalse(result.stderr.contains(pasted) || result.stdout.contains(pasted), "\(result)")
        }
        let both = try tenantctl("serve", "--repo", repository.path, "--gitlab-url", gitlab.baseURL, "--gitlab-project", "42",
                                 "--gitlab-token", ServeVaultSim.tokenReference, "--gitlab-token-file", fixture.path("token"))
        XCTAssertEqual(both.status, 64, "\(both)")
        XCTAssertTrue(both.stderr.contains("not both"), both.stderr)
    }

    /// serve reads the token from the fleet's Vault (VAULT_ADDR over tenantctl.yaml's address) at
    /// each look, and sets the statuses with it; the token and the shop's password (read from the
    /// same Vault for juju) appear in no log line, metric, page or status.
    func testServeReadsTheTokenFromVaultAndSetsStatuses() throws {
        let server = try serve(["--gitlab-url", gitlab.baseURL, "--gitlab-project", ServeGitLabSim.projectPath,
                                "--gitlab-token", ServeVaultSim.tokenReference], environment: vault.environment(token: ServeVaultSim.reader))
        let head = try repository.head()
        try eventually("acme's status", timeout: 300) {
            try gitlab.statuses(sha: head)["tenantctl/acme/production"]?["status"] as? String == "success"
        }
        XCTAssertEqual(try units("k8s:acme-production", "shop"), 1, "the shop's password was read from vault-sim too")
        XCTAssertEqual(try server.metric("tenantctl_gitlab_status_errors_total"), 0, server.log)
        let state = String(describing: try gitlab.admin("GET", "/state") ?? "")
        for (what, text) in [("log", server.log), ("metrics", try server.get("/metrics").body), ("page", try server.get("/").body),
                             ("statuses", state)] {
            for secret in [ServeGitLabSim.token, ServeFleet.canary, ServeVaultSim.reader] {
                XCTAssertFalse(text.contains(secret), "a secret is in the \(what)")
            }
        }
    }

    /// A token serve may not read is logged with its reference and Vault's answer at each look,
    /// counted, and costs the run nothing else.
    func testServeWithAForbiddenPathLogsTheReferenceAndNoSecret() throws {
        let server = try serve(["--gitlab-url", gitlab.baseURL, "--gitlab-project", ServeGitLabSim.projectPath,
                                "--gitlab-token", ServeVaultSim.tokenReference], environment: vault.environment(token: ServeVaultSim.outsider))
        try eventually("the refused token logged", timeout: 300) { !server.lines("cannot set GitLab commit statuses").isEmpty }
        let line = try XCTUnwrap(server.lines("cannot set GitLab commit statuses").first)
        XCTAssertTrue(line.contains("vault:platform/gitlab#token") && line.contains("403"), line)
        XCTAssertGreaterThanOrEqual(try server.metric("tenantctl_gitlab_status_errors_total"), 1)
        try eventually("the run's line", timeout: 300) { !server.lines("run").isEmpty }
        XCTAssertTrue(gitlab.requestLog.isEmpty, "nothing sent without a token: \(gitlab.requestLog)")
        for secret in [ServeGitLabSim.token, ServeFleet.canary, ServeVaultSim.outsider] { XCTAssertFalse(server.log.contains(secret), server.log) }
    }
}
