import ArgumentParser
import Foundation
import Store

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past runs and their actions from the journal.",
        discussion: """
        Examples:
          tenantctl history                  the last 20 runs
          tenantctl history --run 12         every action attempt of run 12
          tenantctl history --tenant boulangerie-durand --output json

        The repository options are accepted, so scripts can pass the same set of options to \
        plan, apply, drift, observe and history; the journal alone is read.
        """ + EnvironmentHelp.line("TENANTCTL_STATE_DIR (else XDG_DATA_HOME, HOME)"))

    /// Accepted so that scripts pass one set of options to plan, apply, drift, observe and
    /// history; the journal does not depend on the repository.
    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: "How many runs to list.")
    var limit: Int = 20

    @Option(name: .customLong("run"), help: "Show the actions of this run.")
    var runID: Int64?

    @Option(name: .long, help: "Output format: text or json.")
    var output: ReportFormat = .text

    func run() throws {
        try CommandRunner.reportingErrors {
            let store = try StoreJournal.open(engine).store
            _ = try? store.markInterruptedRuns(at: Date())
            if let runID {
                guard let record = try store.run(runID) else { throw CLIError("there is no run \(runID) in the journal") }
                let actions = try store.actions(run: runID)
                if output == .json { print(try JSONOutput.encode(RunDetail(run: record, actions: actions), snakeCase: true)); return }
                print(describe(record))
                for action in actions {
                    let duration = action.finishedAt.map { String(format: "%.1fs", $0.timeIntervalSince(action.startedAt)) } ?? "-"
                    print("  \(action.result.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(action.actionID) (attempt \(action.attempt), \(duration))"
                          + (action.error.map { ": \($0)" } ?? ""))
                }
                return
            }
            let runs = try store.runs(limit: limit, tenant: engine.tenant.first)
            if output == .json { print(try JSONOutput.encode(RunList(runs: runs), snakeCase: true)); return }
            if runs.isEmpty { print("No runs in the journal yet.") }
            for record in runs { print(describe(record)) }
        }
    }

    private func describe(_ record: RunRecord) -> String {
        let started = ISO8601DateFormatter().string(from: record.startedAt)
        let duration = record.finishedAt.map { String(format: "%.1fs", $0.timeIntervalSince(record.startedAt)) } ?? "-"
        return "run \(record.id)  \(record.command)  \(record.status.rawValue)  \(started)  \(duration)  commit \((record.commit ?? "-").prefix(12))  \(record.summary)"
    }

    /// `tenantctl history --output json`, version 1.
    struct RunList: Encodable {
        var formatVersion = 1
        var runs: [RunRecord]
    }

    /// `tenantctl history --run N --output json`, version 1.
    struct RunDetail: Encodable {
        var formatVersion = 1
        var run: RunRecord
        var actions: [ActionRecord]
    }
}
