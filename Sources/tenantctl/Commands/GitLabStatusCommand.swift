import ArgumentParser
import Foundation
import GitLab
import PlanModel

/// Sets commit statuses named `tenantctl/<tenant>/<environment>`: one per environment of a
/// saved plan, or one named by --tenant and --tenant-environment.
struct GitLabStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Set commit statuses tenantctl/<tenant>/<environment> for a plan or apply outcome.",
        discussion: """
        With --plan: one status per tenant environment the plan names (changes, withheld removals, \
        manual environments, environments not planned). Without --state, an environment that could \
        not be planned is failed (its reason as description), every other one success with its \
        counts (plan: +1 ~2 -0). With --state, every one gets that state.

        With --tenant and --tenant-environment: one status, --state required.

        States: pending, running, success, failed, canceled. Descriptions are one line, at most \
        255 characters. Setting the state a status already has is not an error.

        Exit status: 0 every status set, 1 error.

        Examples:
          tenantctl gitlab status --plan plan.json
          tenantctl gitlab status --plan plan.json --state running --target-url "$CI_JOB_URL"
          tenantctl gitlab status --tenant acme --tenant-environment production --state failed --description "apply failed"
        """ + EnvironmentHelp.line(GitLabOptions.environment, "CI_COMMIT_SHA, CI_COMMIT_REF_NAME, CI_JOB_URL"))

    @OptionGroup var gitlab: GitLabOptions

    @Option(name: .long, help: ArgumentHelp("A plan file written by `tenantctl plan --out`: one status per environment in it.", valueName: "plan.json"))
    var plan: String?

    @Option(name: .long, help: "One tenant (with --tenant-environment).")
    var tenant: String?

    @Option(name: .customLong("tenant-environment"), help: ArgumentHelp("The tenant's environment (with --tenant).", valueName: "environment"))
    var tenantEnvironment: String?

    @Option(name: .long, help: "pending, running, success, failed or canceled.")
    var state: String?

    @Option(name: .long, help: ArgumentHelp("The commit (default $CI_COMMIT_SHA).", valueName: "sha"))
    var sha: String?

    @Option(name: .long, help: ArgumentHelp("The branch or tag (default $CI_COMMIT_REF_NAME).", valueName: "ref"))
    var ref: String?

    @Option(name: .customLong("target-url"), help: ArgumentHelp("Where the status links to (default $CI_JOB_URL).", valueName: "url"))
    var targetURL: String?

    @Option(name: .customLong("description"), help: "The description (default: the plan's counts, or the reason an environment was not planned).")
    var statusDescription: String?

    func validate() throws {
        if let state, CommitState(rawValue: state).map({ CommitState.settable.contains($0) }) != true {
            throw ValidationError("--state must be pending, running, success, failed or canceled")
        }
        switch (plan, tenant, tenantEnvironment) {
        case (.some, nil, nil): break
        case (nil, .some, .some): if state == nil { throw ValidationError("--tenant needs --state") }
        default: throw ValidationError("give --plan, or --tenant with --tenant-environment")
        }
        if let targetURL, !(targetURL.hasPrefix("https://") || targetURL.hasPrefix("http://")) {
            throw ValidationError("--target-url must be an http(s) URL")
        }
    }

    func run() async throws {
        let updates = try CommandRunner.reportingErrors { try planned() }
        if updates.isEmpty {
            StandardStreams.error("the plan names no environment (nothing to do): no status set")
            return
        }
        try await CommandRunner.reportingErrors {
            let client = try await gitlab.client()
            let project = try gitlab.projectID()
            let commit = try GitLabOptions.required(sha, "--sha", ["CI_COMMIT_SHA"], what: "the commit")
            for update in updates {
                let status = try await client.setStatus(project: project, sha: commit, update)
                print("\(update.name): \(status.status)")
            }
        }
    }

    /// The statuses to set, in a stable order.
    func planned() throws -> [CommitStatusUpdate] {
        let environment = ProcessInfo.processInfo.environment
        let ref = ref ?? environment["CI_COMMIT_REF_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        let target = targetURL ?? environment["CI_JOB_URL"].flatMap { $0.isEmpty ? nil : $0 }
        func update(_ name: String, _ state: CommitState, _ text: String) -> CommitStatusUpdate {
            CommitStatusUpdate(state: state, name: "tenantctl/" + name, ref: ref, targetURL: target, description: statusDescription ?? text)
        }
        if let tenant, let tenantEnvironment {
            return [update("\(tenant)/\(tenantEnvironment)", CommitState(rawValue: state ?? "") ?? .pending, "")]
        }
        let saved = try PlanFile.read(plan ?? "")
        let forced = state.flatMap(CommitState.init(rawValue:))
        var outcomes: [String: (CommitState, String)] = [:]
        var counts: [String: [Change]] = [:]
        for change in saved.changes { counts[change.environment, default: []].append(change) }
        for (name, changes) in counts {
            let summary = PlanSummary(changes)
            outcomes[name] = (.success, "plan: +\(summary.create) ~\(summary.update) -\(summary.delete)")
        }
        for withheld in saved.withheld where outcomes[withheld.environment] == nil {
            outcomes[withheld.environment] = (.success, "plan: removals withheld")
        }
        for manual in saved.manualEnvironments where outcomes[manual] == nil {
            outcomes[manual] = (.success, "plan: sync manual")
        }
        for skipped in saved.skipped { outcomes[skipped.environment] = (.failed, "not planned: " + skipped.reason) }
        return outcomes.keys.sorted().map { name in
            let (state, text) = outcomes[name]!
            return update(name, forced ?? state, text)
        }
    }
}
