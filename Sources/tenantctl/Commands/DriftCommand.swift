import ArgumentParser
import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report what differs between the manifests and what Juju runs, Vault holds and DNS serves, field by field, with the likely cause.",
        discussion: """
        Exit status: 0 no drift, 2 drift found, 1 error — including environments that could not \
        be observed, which are listed and never counted as in sync.

        Examples:
          tenantctl drift --repo . --juju-bin juju-sim
          tenantctl drift --repo . --tenant boulangerie-durand --output markdown
        """ + EnvironmentHelp.line(EnvironmentHelp.repository, EnvironmentHelp.world))

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var output: DriftFormat = .text

    enum DriftFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    func run() async throws {
        let (world, suspended) = try await CommandRunner.reportingErrors {
            let journal = try StoreJournal.openForReading(engine)
            return (try await PlannedWorld.make(repository: repository, engine: engine, journal: journal, fingerprinted: false),
                    try SuspendedNote.read(journal))
        }
        var report = DriftReport(world.plan)
        report.suspended = suspended.map(\.tenant)
        switch output {
        case .text: print(report.text(), terminator: "")
        case .json: print(try JSONOutput.encode(report))
        case .markdown: print(report.markdown(), terminator: "")
        }
        if !report.unobserved.isEmpty { throw ExitCode(1) }
        if !report.items.isEmpty { throw ExitCode(2) }
    }
}
