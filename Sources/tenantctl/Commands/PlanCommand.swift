import ArgumentParser
import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Store
import Systems
import TenantCore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Observe Juju, Vault and DNS and show the ordered actions that would bring them to the manifests.",
        discussion: """
        Exit status (like terraform plan -detailed-exitcode): 0 nothing to do, 2 changes planned, or \
        removals (prune off, over a removal limit), DNS conflicts (a record tenantctl does not own in \
        the way) or blocked changes (a DNS zone that does not exist) withheld, \
        1 error — including an environment that could not be observed (its controller unknown, \
        juju unreachable or timing out, a DNS zone that could not be read), which is never planned \
        for. The repository must be valid (a tenant that fails to parse must not look deleted).

        Formats: text (terminal, coloured on a TTY), json (the plan file, format_version 2), \
        markdown (a merge-request note), gitlab (the terraform report of the MR widget).

        Examples:
          tenantctl plan --repo . --juju-bin juju-sim
          tenantctl plan --repo . --out plan.json --output markdown > note.md
          tenantctl observe --repo . --out snapshot.json   # where Juju is reachable
          tenantctl plan --repo . --observed snapshot.json # in CI, without Juju credentials
        """ + EnvironmentHelp.line(EnvironmentHelp.repository, EnvironmentHelp.world, "NO_COLOR"))

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: ArgumentHelp("Plan from a snapshot recorded by `tenantctl observe` instead of observing Juju.", valueName: "snapshot.json"))
    var observed: String?

    @Option(name: .long, help: ArgumentHelp("Also write the plan as JSON to this file, for `tenantctl apply <file>`.", valueName: "plan.json"))
    var out: String?

    @Option(name: .long, help: "Output format: text, json, markdown or gitlab.")
    var output: PlanFormat = .text

    func run() async throws {
        // Only the plan leaves: the desired state and the observation (most of the memory at
        // 10,000 tenants) are released before the plan is rendered.
        let (plan, suspended) = try await CommandRunner.reportingErrors {
            // A snapshot plan reads no state: nothing is known of suspensions there.
            if let observed { return (try await PlannedWorld.make(repository: repository, engine: engine, snapshotPath: observed).plan, [SuspendedTenant]()) }
            let journal = try StoreJournal.openForReading(engine)
            return (try await PlannedWorld.make(repository: repository, engine: engine, journal: journal).plan, try SuspendedNote.read(journal))
        }
        if let out { try CommandRunner.reportingErrors { try PlanFile.write(plan, to: out) } }
        print(try PlanOutput.render(plan, as: output), terminator: "")
        // The plan file's format stays as it is; people reading text or a note are told.
        switch output {
        case .text: for line in SuspendedNote.lines(suspended) { print(line) }
        case .markdown: for line in SuspendedNote.lines(suspended) { print("\n> " + PlanMarkdownRenderer.escape(line)) }
        case .json, .gitlab: break
        }
        // An environment that could not be observed is an error, not "no changes".
        if !plan.skipped.isEmpty { throw ExitCode(1) }
        if plan.hasDifferences { throw ExitCode(2) }
    }
}

enum PlanOutput {
    static func render(_ plan: Plan, as format: PlanFormat) throws -> String {
        switch format {
        case .text: return PlanTextRenderer(color: Terminal.useColor).render(plan)
        case .json: return try JSONOutput.encode(plan) + "\n"
        case .markdown: return PlanMarkdownRenderer.render(plan)
        case .gitlab: return try JSONOutput.encode(GitLabTerraformReport(plan)) + "\n"
        }
    }
}

enum PlanFile {
    static func write(_ plan: Plan, to path: String) throws {
        try PrivateOutput.save(Data((try JSONOutput.encode(plan) + "\n").utf8), to: path)
    }

    static func read(_ path: String) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the plan \(path)") }
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw CLIError("\(path) is not a tenantctl plan: \(context.debugDescription)")
        } catch {
            throw CLIError("\(path) is not a tenantctl plan: \(error)")
        }
    }
}
