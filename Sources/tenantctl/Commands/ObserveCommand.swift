import ArgumentParser
import Engine
import Foundation
import TenantCore

struct ObserveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "observe",
        abstract: "Record what Juju runs for every tenant environment into a snapshot file.",
        discussion: """
        The snapshot carries a fingerprint; `tenantctl plan --observed <file>` refuses a snapshot \
        that was edited. It holds statuses and configuration (Vault references, never secret values).

        Example:
          tenantctl observe --repo . --juju-bin juju-sim --out snapshot.json
        """ + EnvironmentHelp.line(EnvironmentHelp.repository, EnvironmentHelp.world))

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the snapshot.", valueName: "snapshot.json"))
    var out: String

    func run() async throws {
        try await CommandRunner.reportingErrors {
            let desired = try LoadedDesiredState.load(repository, tenants: engine.tenantFilter)
            let journal = try StoreJournal.openForReading(engine)
            let observed = await Observer(juju: engine.juju, parallelism: engine.parallelism, journal: journal)
                .observe(desired.state, controllers: desired.controllers)
            let snapshot = ObservationSnapshot(formatVersion: ObservationSnapshot.formatVersion, commit: desired.commit,
                                               fingerprint: Fingerprint.of(observed), observed: observed,
                                               managedModels: try journal?.managedModels() ?? [:])
            try snapshot.write(out)
            let failed = observed.models.values.filter { if case .failed = $0 { return true } else { return false } }.count
            let unknown = observed.controllers.values.filter { !$0.known }.count
            print("observed \(observed.models.count) model(s) on \(observed.controllers.count) controller(s)"
                  + (failed + unknown > 0 ? " (\(failed) failed, \(unknown) unknown controller(s))" : "") + "; wrote \(out)")
        }
    }
}
