import Foundation

/// The whole run: generate the repositories, check that tenantctl accepts them and answers
/// `changed` right, time it; then plan from snapshots and sweep juju-sim for drift (issue 3);
/// and gather the figures.
struct Benchmark {
    let options: BenchOptions

    func run() throws -> BenchReport {
        let work = try WorkDirectory.prepare(options.work)
        Interruption.shared.install(cleaning: options.keep ? nil : work.path)
        defer {
            if options.keep {
                progress("work directory kept: \(work.path)")
            } else {
                work.remove()
            }
        }

        let tenantctl = URL(fileURLWithPath: options.tenantctl).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: tenantctl) else {
            throw BenchError("--tenantctl \(tenantctl) is not an executable file (build it first: swift build -c release --product tenantctl)")
        }
        let examples = URL(fileURLWithPath: options.examples).standardizedFileURL.path
        let process = ChildProcess(logDirectory: work.logs, timeoutSeconds: options.timeoutSeconds)
        let runner = TenantctlRunner(executable: tenantctl, process: process, cacheDirectory: work.cache)
        let version = try runner.version()

        let catalog = try ExamplesCatalog.load(examples)
        let designer = try TenantDesigner(catalog: catalog)
        for problem in designer.skipped { progress("warning: no tenants generated for \(problem)") }
        let git = GitRunner(process: process)
        let generator = RepositoryGenerator(catalog: catalog, designer: designer, git: git, seed: options.seed, pack: options.pack)
        let repositories = GeneratedRepositories(generator: generator, work: work)
        let large = try repositories.repository(tenants: options.tenants)
        let small = try repositories.repository(tenants: options.smallTenants)

        progress("checking that validate accepts both repositories (untimed, also warms the page cache)")
        let largeEnvironments = try runner.checkValidate(large)
        let smallEnvironments = try runner.checkValidate(small)
        progress("checking that changed HEAD~1..HEAD names exactly the modified tenant")
        try runner.checkChanged(large)
        try runner.checkChanged(small)

        var validateLarge: [RunFigures] = [], validateSmall: [RunFigures] = []
        for index in 1...options.validateRuns {
            let figures = try runner.timeValidate(large, run: index)
            progress("validate, \(large.tenants) tenants, run \(index): \(Formatting.duration(figures.wallSeconds)), \(Formatting.bytes(Double(figures.maxRSSBytes)))")
            validateLarge.append(figures)
        }
        for index in 1...options.validateRuns {
            validateSmall.append(try runner.timeValidate(small, run: index))
        }
        // Interleaved, so that a slow moment of the machine does not land on one side only.
        var changedLarge: [RunFigures] = [], changedSmall: [RunFigures] = [], startup: [RunFigures] = []
        for index in 1...options.changedRuns {
            changedLarge.append(try runner.timeChanged(large, run: index))
            changedSmall.append(try runner.timeChanged(small, run: index))
            startup.append(try runner.timeVersion(run: index))
        }
        progress("changed: \(changedLarge.map { Formatting.duration($0.wallSeconds) }.joined(separator: ", ")) (\(large.tenants)) vs \(changedSmall.map { Formatting.duration($0.wallSeconds) }.joined(separator: ", ")) (\(small.tenants))")

        let plans = try PlanBenchmark(options: options, work: work, runner: runner, git: git, repositories: repositories).run()
        // Bounded like every child: the drift run is killed with its juju-sim calls after --timeout.
        let sweep = options.skipSweep ? nil : try SweepBenchmark(
            options: options, work: work, catalog: catalog, runner: runner, process: process, repositories: repositories).run()

        let vault = options.vaultSim.isEmpty ? nil : try VaultPlanBenchmark(
            options: options, work: work, catalog: catalog, runner: runner, process: process, git: git).run()
        let dns = options.ovhSim.isEmpty || options.jujuSim.isEmpty ? nil : try DNSObserveBenchmark(
            options: options, work: work, catalog: catalog, runner: runner, process: process, git: git).run()
        let dnsApply = options.dnsApplyRecords == 0 ? [] : try DNSApplyBenchmark(
            options: options, work: work, runner: runner, process: process, git: git).run()
        var certs: CertsIssueFigures?
        if !options.skipCerts, !options.jujuSim.isEmpty {
            if CertsIssueBenchmark.available {
                certs = try CertsIssueBenchmark(options: options, work: work, catalog: catalog, runner: runner, process: process, git: git).run()
            } else {
                progress("certificates: not measured: pebble, certbot, openssl or sqlite3 is not installed (make deps installs them)")
            }
        }

        let serve = options.gitlabSim.isEmpty ? nil : try ServeBenchmark(
            options: options, work: work, catalog: catalog, process: process, git: git).run()

        var report = BenchReport(
            tenantctl: "\(tenantctl) (\(version))",
            host: ProcessInfo.processInfo.operatingSystemVersionString,
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            seed: options.seed,
            startup: startup,
            large: RepositoryFigures(repository: large, environments: largeEnvironments, validateRuns: validateLarge, changedRuns: changedLarge),
            small: RepositoryFigures(repository: small, environments: smallEnvironments, validateRuns: validateSmall, changedRuns: changedSmall),
            plans: plans, sweep: sweep, vault: vault, dns: dns, dnsApply: dnsApply, certs: certs)
        report.serve = serve
        return report
    }

    /// `--only-serve`: the serve measure alone, on the example repository.
    func runServeOnly() throws -> ServeFigures {
        let work = try WorkDirectory.prepare(options.work)
        Interruption.shared.install(cleaning: options.keep ? nil : work.path)
        defer {
            if options.keep { progress("work directory kept: \(work.path)") } else { work.remove() }
        }
        let process = ChildProcess(logDirectory: work.logs, timeoutSeconds: options.timeoutSeconds)
        let catalog = try ExamplesCatalog.load(URL(fileURLWithPath: options.examples).standardizedFileURL.path)
        return try ServeBenchmark(options: options, work: work, catalog: catalog, process: process, git: GitRunner(process: process)).run()
    }

    private func progress(_ message: String) {
        Progress.say(message)
    }
}
