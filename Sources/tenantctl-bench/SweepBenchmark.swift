import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The drift sweep (issue 3): juju-sim holds the first N models of a generated repository's
/// desired state (every tenth with its bundle deployed), and `tenantctl drift` observes them with
/// 100 ms of latency per juju call and 16 models in flight. Then the same sweep against
/// juju-replay, which answers juju-sim's recorded answers after the same latency and costs
/// nothing else: its distance to the floor is tenantctl's own.
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
        let sim = JujuSimRunner(executable: jujuSim, process: process, home: work.jujuSimHome)
        let deployed = try populate(sim, models: models, repository: repository)
        // The example fleet logs in to Vault with an AppRole secret_id file that does not exist
        // here: the sweeps read their secrets' metadata from a secrets file instead.
        let secretsFile = work.path + "/sweep-secrets.yaml"
        let desired = try ManifestDirectory.desiredState(of: repository.path).state
        // The tenants' domains: their zones served as the demo serves them (DNS observed, not
        // every environment with a domain held back for an unreachable zone).
        let dns = try DNSStandIns.start(desired: desired, ovhSimBinary: options.ovhSim, directory: work.path + "/dns-sweep", process: process)
        defer { dns.stop() }
        Progress.say("DNS: \(dns.summary)")
        try SecretReferences.writeFile(desired, to: secretsFile, extra: dns.secrets)
        let common = ["TENANTCTL_STATE_DIR": work.stateDirectory, "TENANTCTL_SECRETS_FILE": secretsFile].merging(dns.environment) { _, new in new }

        Progress.say("drift sweep: \(models.count) models in juju-sim, \(SweepFigures.latencyMilliseconds) ms per juju call, parallelism \(SweepFigures.parallelism)")
        let simulated = try measure(repository, label: "sweep") { attempt in
            // juju-sim logs each call's form: the number of calls is counted, not assumed.
            let callLog = work.path + "/sweep-calls-\(attempt).log"
            let environment = common.merging([
                "JUJU_SIM_HOME": work.jujuSimHome, "JUJU_SIM_LATENCY_MS": String(SweepFigures.latencyMilliseconds),
                "JUJU_SIM_SETTLE_SECONDS": "0", "TENANTCTL_JUJU_BIN": jujuSim, "JUJU_SIM_CALL_LOG": callLog,
            ]) { _, new in new }
            return (environment, {
                do { return try String(contentsOfFile: callLog, encoding: .utf8).split(separator: "\n").count } catch {
                    throw BenchError("cannot read juju-sim's call log \(callLog): \(error.localizedDescription)")
                }
            })
        }
        let replay = try options.jujuReplay.isEmpty ? nil
            : replaySweep(repository, models: models, deployed: deployed, sim: sim, common: common, simulatedItems: simulated.outcome.items)
        return SweepFigures(
            tenants: repository.tenants, models: models.count, deployed: deployed.count, absent: targets.count - models.count,
            controllers: catalog.fleet.controllers.count, cpus: ProcessInfo.processInfo.activeProcessorCount, run: simulated.figures,
            exitStatus: simulated.outcome.status, driftItems: simulated.outcome.items, unobserved: simulated.outcome.unobserved,
            unobservedSample: simulated.outcome.unobservedSample, crashes: simulated.crashes, calls: simulated.calls, replay: replay)
    }

    /// Records juju-sim's answers to every call of the sweep, then sweeps juju-replay.
    private func replaySweep(_ repository: GeneratedRepository, models: [ModelTarget], deployed: Set<String>, sim: JujuSimRunner,
                             common: [String: String], simulatedItems: Int) throws -> ReplaySweepFigures {
        let replay = URL(fileURLWithPath: options.jujuReplay).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: replay) else {
            throw BenchError("--juju-replay \(replay) is not an executable file (build it first: swift build -c release --product juju-replay)")
        }
        let recording = try JujuRecording(directory: work.path + "/juju-replay")
        let calls = JujuRecording.sweepCalls(controllers: catalog.fleet.controllers.map(\.name.value), models: models, deployed: deployed)
        Progress.say("juju-replay: recording juju-sim's answers to \(calls.count) calls")
        let started = Spawn.now()
        for arguments in calls { try recording.record(arguments, from: sim) }
        let recordingSeconds = Double(Spawn.now() - started) / 1e9
        Progress.say("  recorded in \(Formatting.duration(recordingSeconds))")

        Progress.say("drift sweep: \(models.count) models in juju-replay, \(SweepFigures.latencyMilliseconds) ms per juju call, parallelism \(SweepFigures.parallelism)")
        var log: ReplayCallLog?
        let measured = try measure(repository, label: "replay-sweep") { attempt in
            let callLog = work.path + "/replay-calls-\(attempt).log"
            let environment = common.merging([
                "TENANTCTL_JUJU_BIN": replay, "JUJU_REPLAY_DIR": recording.directory,
                "JUJU_REPLAY_LATENCY_MS": String(SweepFigures.latencyMilliseconds), "JUJU_REPLAY_LOG": callLog,
            ]) { _, new in new }
            return (environment, {
                let counted = try ReplayCallLog(path: callLog)
                log = counted
                return counted.total
            })
        }
        let counted = log ?? ReplayCallLog()
        // The same sweep with no latency at all: what tenantctl itself costs (start, the
        // repository, spawning and decoding), which is what keeps the timed sweep above its floor.
        Progress.say("drift sweep: the same against juju-replay with no latency")
        let instant = try measure(repository, label: "replay-sweep-no-latency") { attempt in
            let callLog = work.path + "/replay-no-latency-calls-\(attempt).log"
            let environment = common.merging([
                "TENANTCTL_JUJU_BIN": replay, "JUJU_REPLAY_DIR": recording.directory, "JUJU_REPLAY_LATENCY_MS": "0",
                "JUJU_REPLAY_LOG": callLog,
            ]) { _, new in new }
            return (environment, { try ReplayCallLog(path: callLog).total })
        }
        return ReplaySweepFigures(
            models: models.count, deployed: deployed.count, latencyMilliseconds: SweepFigures.latencyMilliseconds,
            parallelism: SweepFigures.parallelism, statusCalls: counted["status"], exportCalls: counted["export-bundle"],
            otherCalls: counted.total - counted["status"] - counted["export-bundle"],
            callSeconds: counted.callSeconds, meanInFlight: counted.meanInFlight, run: measured.figures,
            exitStatus: measured.outcome.status, driftItems: measured.outcome.items, unobserved: measured.outcome.unobserved,
            sameAnswerAsJujuSim: measured.outcome.items == simulatedItems, crashes: measured.crashes + instant.crashes,
            recordingSeconds: recordingSeconds, noLatencyRun: instant.figures)
    }

    /// Bootstraps the fleet's controllers and adds the models (deploying every tenth); returns the
    /// environments whose model was deployed.
    private func populate(_ sim: JujuSimRunner, models: [ModelTarget], repository: GeneratedRepository) throws -> Set<String> {
        let controllers = catalog.fleet.controllers
        Progress.say("juju-sim: bootstrapping \(controllers.map(\.name.value).joined(separator: ", ")); adding \(models.count) models of the \(Formatting.count(repository.tenants))-tenant repository")
        let started = Spawn.now()
        for controller in controllers { try sim.bootstrap(controller) }
        var deployed: Set<String> = []
        for (index, target) in models.enumerated() {
            try sim.addModel(target)
            if index % Self.deployEvery == 0, let bundle = bundleFile(target.bundle, in: repository.path) {
                try sim.deploy(target, bundleFile: bundle)
                deployed.insert(target.environment)
            }
            if (index + 1) % 250 == 0 || index + 1 == models.count {
                Progress.say("  \(index + 1) models (\(Formatting.duration(Double(Spawn.now() - started) / 1e9)))")
            }
        }
        return deployed
    }

    struct Measured {
        var figures: RunFigures
        var outcome: TenantctlRunner.DriftOutcome
        var crashes: [String]
        var calls: Int
    }

    /// `tenantctl drift` with the latency on. A crash of tenantctl is reported and the sweep tried
    /// again, so that the run still yields its figures: Foundation's `Process.run()` on Linux
    /// (Swift 6.3.1) over-reads /proc/self/fd entries and crashes now and then under many
    /// launches (swift-corelibs-foundation#5472). Repeated crashes end the bench.
    /// - Parameter setup: the environment of an attempt, and how to count its juju calls after it.
    private func measure(_ repository: GeneratedRepository, label: String,
                         setup: (Int) -> ([String: String], () throws -> Int)) throws -> Measured {
        var crashes: [String] = []
        for attempt in 1...Self.attempts {
            let (environment, countCalls) = setup(attempt)
            do {
                let (figures, outcome) = try runner.timeDrift(repository, parallelism: SweepFigures.parallelism,
                                                              environment: environment, label: "\(label)-\(attempt)")
                let calls = try countCalls()
                Progress.say("  \(Formatting.duration(figures.wallSeconds)), exit \(outcome.status), \(outcome.items) drift item(s), \(outcome.unobserved) unobserved, \(calls) juju calls")
                return Measured(figures: figures, outcome: outcome, crashes: crashes, calls: calls)
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
