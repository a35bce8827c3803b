import ArgumentParser
import Foundation
import GitLab
import PlanModel
import TenantCore

/// Posts a saved plan as the merge request's sticky note and writes GitLab's terraform report.
/// It reads the plan `tenantctl plan --out` wrote rather than planning itself: the plan step then
/// needs no GitLab token, publishing needs no Juju or Vault access, and the note shows exactly
/// the plan kept as the job's artifact.
struct GitLabPublishPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish-plan",
        abstract: "Post a saved plan as the merge request's sticky note; write the terraform report artifact.",
        discussion: """
        The note starts with the marker <!-- tenantctl:plan project=<project> environment=<name> --> \
        and is updated in place on every pipeline: one note per merge request, project and \
        --environment, so parallel plan jobs of different environments keep a note each. Notes by \
        anyone else, and notes that only quote the marker, are never touched. Manifest text in the \
        note (tenant names, targets, configuration values, error messages) is escaped: it cannot \
        open a code block, a link, a mention or an HTML comment.

        --report writes {"create": n, "update": n, "delete": n} for artifacts:reports:terraform \
        (also written with --no-note, which posts nothing and needs no token).

        Exit status: 0 published (whatever the plan holds), 1 error.

        Examples:
          tenantctl plan --repo . --out plan.json; test $? -ne 1
          tenantctl gitlab publish-plan --plan plan.json --report tenantctl-report.json
          tenantctl gitlab publish-plan --plan plan.json --environment production \\
            --api-url https://gitlab.example.com/api/v4 --project platform/tenants --merge-request 12 \\
            --gitlab-token-file /run/secrets/gitlab-token
        """ + EnvironmentHelp.line(GitLabOptions.environment, "CI_MERGE_REQUEST_IID, CI_ENVIRONMENT_NAME"))

    @OptionGroup var gitlab: GitLabOptions

    @Option(name: .long, help: ArgumentHelp("The plan file written by `tenantctl plan --out`.", valueName: "plan.json"))
    var plan: String

    @Option(name: .long, help: ArgumentHelp("Write GitLab's terraform report (artifacts:reports:terraform) there.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("merge-request"), help: ArgumentHelp("The merge request's iid (default $CI_MERGE_REQUEST_IID).", valueName: "iid"))
    var mergeRequest: String?

    @Option(name: .long, help: ArgumentHelp("The note's scope: one sticky note per merge request and scope (default $CI_ENVIRONMENT_NAME, else all). Letters, digits and . _ / : + @ -.", valueName: "name"))
    var environment: String?

    @Flag(name: .customLong("no-note"), help: "Only write --report; post nothing.")
    var noNote = false

    func validate() throws {
        if noNote && report == nil { throw ValidationError("--no-note leaves nothing to do without --report") }
    }

    func run() async throws {
        let saved = try CommandRunner.reportingErrors { try PlanFile.read(plan) }
        if let report {
            try CommandRunner.reportingErrors {
                try PrivateOutput.save(Data((try JSONOutput.encode(GitLabTerraformReport(saved)) + "\n").utf8), to: report)
            }
        }
        if noNote { return }
        let outcome = try await CommandRunner.reportingErrors { () -> StickyNoteOutcome in
            let client = try await gitlab.client()
            let project = try gitlab.projectID()
            let iidText = try GitLabOptions.required(mergeRequest, "--merge-request", ["CI_MERGE_REQUEST_IID"], what: "the merge request")
            guard let iid = Int(iidText), iid > 0 else { throw CLIError("the merge request iid must be a positive number, got '\(Printable.escaped(iidText))'") }
            let scope = environment ?? ProcessInfo.processInfo.environment["CI_ENVIRONMENT_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "all"
            let marker = try StickyNoteMarker(project: project.value, scope: scope)
            return try await client.publishStickyNote(project: project, mergeRequest: iid, marker: marker, body: PlanNote.body(saved))
        }
        switch outcome {
        case .created(let id): print("created merge request note \(id)")
        case .updated(let id): print("updated merge request note \(id)")
        case .unchanged(let id): print("merge request note \(id) already shows this plan")
        }
    }
}
