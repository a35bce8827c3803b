import ArgumentParser
import Foundation
import GitLab
import HTTPClient
import PlanModel

/// Where GitLab is and who tenantctl is there. Flags win over GitLab CI's predefined variables
/// (`CI_API_V4_URL`, `CI_PROJECT_ID`, `CI_SERVER_TLS_CA_FILE`); the token comes from
/// `--gitlab-token-file`, a `--gitlab-token vault:<path>#<key>` reference (GitLabTokenReference)
/// or `TENANTCTL_GITLAB_TOKEN` — a project (or personal) access token
/// with the `api` scope, sent as `PRIVATE-TOKEN`. GitLab refuses the CI job token on commit
/// statuses and merge request notes, so `CI_JOB_TOKEN` is sent (as `JOB-TOKEN`) only when asked
/// with `--use-job-token`, for a GitLab whose job token permissions allow it.
struct GitLabOptions: ParsableArguments {
    @Option(name: .customLong("api-url"), help: ArgumentHelp("GitLab's API v4 URL (default $CI_API_V4_URL).", valueName: "https://gitlab.example.com/api/v4"))
    var apiURL: String?

    @Option(name: .long, help: ArgumentHelp("The project: numeric id or path group/project (default $CI_PROJECT_ID).", valueName: "id|path"))
    var project: String?

    @Option(name: .customLong("gitlab-token-file"), help: ArgumentHelp("File holding a GitLab access token with the api scope (default: $TENANTCTL_GITLAB_TOKEN).", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("gitlab-token"), help: ArgumentHelp("The access token as a Vault reference, read from $TENANTCTL_SECRETS_FILE, else from Vault at $VAULT_ADDR with $VAULT_TOKEN (KV v2 mount secret). A reference only, never the token.", valueName: "vault:path#key"))
    var tokenReference: String?

    @Flag(name: .customLong("use-job-token"), help: "Authenticate with $CI_JOB_TOKEN (JOB-TOKEN header) when no access token is given. GitLab refuses it on statuses and notes unless its job token permissions allow them.")
    var useJobToken = false

    @Option(name: .customLong("gitlab-ca-file"), help: ArgumentHelp("PEM file of the CAs that sign GitLab's certificate (default $CI_SERVER_TLS_CA_FILE, else the system's).", valueName: "file"))
    var caFile: String?

    @Option(name: .customLong("gitlab-timeout"), help: "Seconds one GitLab request may take, per attempt (429 and 5xx are retried).")
    var timeout: Int = 30

    static let environment = "CI_API_V4_URL, CI_PROJECT_ID, CI_SERVER_TLS_CA_FILE, TENANTCTL_GITLAB_TOKEN, CI_JOB_TOKEN (with --use-job-token), VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT, TENANTCTL_SECRETS_FILE (with --gitlab-token)"

    func validate() throws {
        if let tokenReference {
            if tokenFile != nil { throw ValidationError("give --gitlab-token-file or --gitlab-token, not both") }
            _ = try GitLabTokenReference.parse(tokenReference)
        }
    }

    /// A value from its flag, else the first variable set (non-empty), else an error naming both.
    static func required(_ flag: String?, _ flagName: String, _ variables: [String], what: String) throws -> String {
        if let flag, !flag.isEmpty { return flag }
        let environment = ProcessInfo.processInfo.environment
        for name in variables { if let value = environment[name], !value.isEmpty { return value } }
        throw CLIError("\(what) is unknown: pass \(flagName) or set \(variables.joined(separator: " or ")) (GitLab CI sets \(variables.last ?? "it") in merge request pipelines)")
    }

    func token() async throws -> GitLabToken {
        let environment = ProcessInfo.processInfo.environment
        if let tokenFile { return try GitLabToken.read(file: tokenFile) }
        if let tokenReference {
            return try await GitLabTokenReference.read(try GitLabTokenReference.parse(tokenReference), from: try GitLabTokenReference.standaloneStore())
        }
        if let value = environment["TENANTCTL_GITLAB_TOKEN"], !value.isEmpty { return try GitLabToken(value) }
        if useJobToken, let value = environment["CI_JOB_TOKEN"], !value.isEmpty { return try GitLabToken(value, kind: .jobToken) }
        throw CLIError("no GitLab token: pass --gitlab-token-file or --gitlab-token vault:<path>#<key>, or set TENANTCTL_GITLAB_TOKEN to a project access token with the api scope (GitLab does not accept CI_JOB_TOKEN for commit statuses and merge request notes)")
    }

    func projectID() throws -> GitLabProjectID {
        try GitLabProjectID(Self.required(project, "--project", ["CI_PROJECT_ID"], what: "the GitLab project"))
    }

    func client() async throws -> GitLabClient {
        let url = try Self.required(apiURL, "--api-url", ["CI_API_V4_URL"], what: "the GitLab API URL")
        var configuration = GitLabClient.defaultConfiguration
        configuration.totalTimeout = .seconds(max(1, timeout))
        let ca = caFile ?? ProcessInfo.processInfo.environment["CI_SERVER_TLS_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let ca {
            guard FileManager.default.isReadableFile(atPath: ca) else { throw CLIError("cannot read the GitLab CA file \(ca)") }
            configuration.caBundlePath = ca
        }
        return try GitLabClient(apiURL: url, token: await token(), configuration: configuration)
    }
}

extension GitLabError: UserFacingError {
    public var userMessage: String { description }
}
