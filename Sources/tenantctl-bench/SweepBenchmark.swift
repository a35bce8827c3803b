import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The drift sweep (issue 3): juju-sim holds the first N models of a generated repository's
/// desired state (every tenth with its bundle deployed), and `tenantctl drift` observes them with
/// 100 ms of latency per juju call and 16 models in flight.
struct SweepBenchmark {
    /// Every this-many-th model gets its bundle deployed, so that status and export-bundle have
    /// applications to report in some of them.
    static let deployEvery = 10
    /// Runs of `tenantctl drift` until one does not crash.
    static let attempts = 3

    let options: BenchOptions
    let work: WorkDirectory
    let catalog: ExamplesCatalog
    let runner: TenantctlRunner
    let process: ChildProcess
    let repositories: GeneratedRepositories

    func run() throws -> SweepFigures {
        let jujuSim = URL(fileURLWithPath: options.jujuSim).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: jujuSim) else {
            throw BenchError("--juju-sim \(jujuSim) is not an executable file (build it first: swift build -c release --product juju-sim)")
        }
        let (repository, targets) = try chooseRepository()
        let models = Array(targets.prefix(options.sweepModels))
        let deployed = try populate(JujuSimRunner(executable: jujuSim, process: process, home: work.jujuSimHome),
                                    models: models, repository: repository)
        let (figures, outcome, crashes, calls) = try measure(repository, models: models.count, jujuSim: jujuSim)
        return SweepFigures(
            tenants: repository.tenants, models: models.count, deployed: deployed, absent: targets.count - models.count,
            controllers: catalog.fleet.controllers.count, cpus: ProcessInfo.processInfo.activeProcessorCount, run: figures,
            exitStatus: outcome.status, driftItems: outcome.items, unobserved: outcome.unobserved,
            unobservedSample: outcome.unobservedSample, crashes: crashes, calls: calls)
    }

    /// Bootstraps the fleet's controllers and adds the models (deploying every tenth); returns how
    /// many were deployed.
    private func populate(_ sim: JujuSimRunner, models: [ModelTarget], repository: GeneratedRepository) throws -> Int {
        let controllers = catalog.fleet.controllers
        Progress.say("juju-sim: bootstrapping \(controllers.map(\.name.value).joined(separator: ", ")); adding \(models.count) models of the \(Formatting.count(repository.tenants))-tenant repository")
        let started = Spawn.now()
        for controller in controllers { try sim.bootstrap(controller) }
        var deployed = 0
        for (index, target) in models.enumerated() {
            try sim.addModel(target)
            if index % Self.deployEvery == 0, let bundle = bundleFile(target.bundle, in: repository.path) {
                try sim.deploy(target, bundleFile: bundle)
                deployed += 1
            }
            if (index + 1) % 250 == 0 || index + 1 == models.count {
                Progress.say("  \(index + 1) models (\(Formatting.duration(Double(Spawn.now() - started) / 1e9)))")
            }
        }
        return deployed
    }

    /// `tenantctl drift` with the latency on. A crash of tenantctl is reported and the sweep tried
    /// again, so that the run still yields its figures: Foundation's `Process.run()` on Linux
    /// (Swift 6.3.1) over-reads /proc/self/fd entries and crashes now and then under many
    /// launches (swift-corelibs-foundation#5472). Repeated crashes end the bench.
    private func measure(_ repository: GeneratedRepository, models: Int, jujuSim: String) throws
        -> (RunFigures, TenantctlRunner.DriftOutcome, [String], Int) {
        Progress.say("drift sweep: \(models) models, \(SweepFigures.latencyMilliseconds) ms per juju call, parallelism \(SweepFigures.parallelism)")
        var crashes: [String] = []
        for attempt in 1...Self.attempts {
            // juju-sim logs each call's form: the number of calls is counted, not assumed.
            let callLog = work.path + "/sweep-calls-\(attempt).log"
            let environment = [
                "JUJU_SIM_HOME": work.jujuSimHome, "JUJU_SIM_LATENCY_MS": String(SweepFigures.latencyMilliseconds),
                "JUJU_SIM_SETTLE_SECONDS": "0", "TENANTCTL_JUJU_BIN": jujuSim, "TENANTCTL_STATE_DIR": work.stateDirectory,
                "JUJU_SIM_CALL_LOG": callLog,
            ]
            do {
                let (figures, outcome) = try runner.timeDrift(repository, parallelism: SweepFigures.parallelism,
                                                              environment: environment, attempt: attempt)
                let calls: Int
                do { calls = try String(contentsOfFile: callLog, encoding: .utf8).split(separator: "\n").count } catch {
                    throw BenchError("cannot read juju-sim's call log \(callLog): \(error.localizedDescription)")
                }
                Progress.say("  \(Formatting.duration(figures.wallSeconds)), exit \(outcome.status), \(outcome.items) drift item(s), \(outcome.unobserved) unobserved, \(calls) juju calls")
                return (figures, outcome, crashes, calls)
            } catch let crash as TenantctlRunner.Crash {
                Progress.say("  tenantctl drift crashed (\(crash.excerpt))")
                crashes.append(crash.excerpt)
            }
        }
        throw BenchError("tenantctl drift crashed \(Self.attempts) times in a row: \(crashes.joined(separator: "; ")) (logs under \(work.logs) with --keep)")
    }

    /// The smallest repository of the run with enough models; else one generated for the sweep,
    /// twice as large until it has them (about 1.3 models per tenant in the example fleet).
    private func chooseRepository() throws -> (GeneratedRepository, [ModelTarget]) {
        for size in repositories.models.keys.sorted() where repositories.models[size]!.count >= options.sweepModels {
            return (try repositories.repository(tenants: size), repositories.models[size]!)
        }
        var size = options.sweepModels
        for _ in 0..<4 {
            let repository = try repositories.repository(tenants: size)
            let targets = ObservedWorldBuilder.targets(try ManifestDirectory.desiredState(of: repository.path).state)
            repositories.models[size] = targets
            if targets.count >= options.sweepModels { return (repository, targets) }
            size *= 2
        }
        throw BenchError("no generated repository up to \(size / 2) tenants has \(options.sweepModels) models")
    }

    /// `bundles/<name>.yaml`, `.yml` or `bundles/<name>/bundle.yaml` of the repository.
    private func bundleFile(_ name: String, in root: String) -> String? {
        ["\(root)/bundles/\(name).yaml", "\(root)/bundles/\(name).yml", "\(root)/bundles/\(name)/bundle.yaml"]
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}
