import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// `plan` from a snapshot (issue 3): for each size, the repository's desired state is loaded with
/// TenantCore, a realistic observation of it is written as `tenantctl observe --out` would, and
/// `tenantctl plan --observed` is checked, then timed.
struct PlanBenchmark {
    let options: BenchOptions
    let work: WorkDirectory
    let runner: TenantctlRunner
    let git: GitRunner
    let repositories: GeneratedRepositories

    func run() throws -> [PlanFigures] {
        try options.planTenants.map(measure)
    }

    private func measure(tenants count: Int) throws -> PlanFigures {
        let repository = try repositories.repository(tenants: count)
        let snapshotPath = work.snapshot(tenants: count)
        let (world, snapshotBytes) = try writeSnapshot(of: repository, to: snapshotPath)
        let drifted = world.tally.drifted.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        Progress.say("snapshot of \(Formatting.count(count)) tenants: \(Formatting.count(world.tally.models)) models "
            + "(\(Formatting.count(world.tally.converged)) converged; \(drifted); \(world.tally.absent) absent), "
            + "\(world.tally.deleted) deleted tenant model(s), \(Formatting.bytes(Double(snapshotBytes)))")

        Progress.say("checking that plan --observed plans exactly the drifted and absent environments")
        let check = try runner.checkPlan(repository, snapshot: snapshotPath, expected: world.expectedEnvironments)
        var runs: [RunFigures] = []
        for index in 1...options.planRuns {
            let figures = try runner.timePlan(repository, snapshot: snapshotPath, run: index)
            Progress.say("plan, \(count) tenants, run \(index): \(Formatting.duration(figures.wallSeconds)), \(Formatting.bytes(Double(figures.maxRSSBytes)))")
            runs.append(figures)
        }
        return PlanFigures(tenants: count, models: world.tally.models, world: world.tally, snapshotBytes: snapshotBytes,
                           actions: check.actions, environmentsWithActions: check.environments, withheld: check.withheld, runs: runs)
    }

    /// Builds the observed world of the repository and writes it in the snapshot format; the
    /// desired state is released on return (the bench holds no 10,000-tenant state while timing).
    private func writeSnapshot(of repository: GeneratedRepository, to path: String) throws -> (GeneratedWorld, Int) {
        let (manifests, desired) = try ManifestDirectory.desiredState(of: repository.path)
        repositories.models[repository.tenants] = ObservedWorldBuilder.targets(desired)
        var builder = ObservedWorldBuilder(seed: options.seed &+ UInt64(repository.tenants))
        let world = builder.build(desired, controllers: manifests.fleet?.controllers ?? [])
        let snapshot = ObservationSnapshot(
            commit: try git.output(["-C", repository.path, "rev-parse", "HEAD"], label: "git-rev-parse"),
            observed: PlanModel.ObservedWorld(systems: [JujuPlanner.systemName: world.state]),
            owned: JujuPlan.owned(models: world.managedModels))
        let data = try snapshot.encoded()
        try data.write(to: URL(fileURLWithPath: path))
        return (world, data.count)
    }
}
