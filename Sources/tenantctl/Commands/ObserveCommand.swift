import ArgumentParser
import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

struct ObserveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "observe",
        abstract: "Record what Juju runs, Vault holds and DNS serves for every tenant environment into a snapshot file.",
        discussion: """
        The snapshot carries a digest of its own bytes; `tenantctl plan --observed <file>` refuses a \
        snapshot that was edited. It holds statuses and configuration (Vault references, never secret values).

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
            let world = await Reconciliation(systems: Systems.all)
                .observe(ObservationRequest(desired: desired.state, fleet: desired.fleet), drivers: engine.drivers(journal: journal, store: try engine.secretStore(fleet: desired.fleet)))
            let snapshot = ObservationSnapshot(commit: desired.commit, observed: world, owned: try journal?.owned() ?? [:])
            try snapshot.write(out)
            let observed = world.observation(of: JujuPlanner.systemName, as: ObservedState.self) ?? ObservedState()
            let failed = observed.models.values.filter { if case .failed = $0 { return true } else { return false } }.count
            let unknown = observed.controllers.values.filter { !$0.known }.count
            print("observed \(observed.models.count) model(s) on \(observed.controllers.count) controller(s)"
                  + (failed + unknown > 0 ? " (\(failed) failed, \(unknown) unknown controller(s))" : "") + "; wrote \(out)")
        }
    }
}
