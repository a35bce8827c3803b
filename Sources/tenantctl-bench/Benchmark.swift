import Foundation

/// The whole run: generate both repositories, check that tenantctl accepts them and answers
/// `changed` right, time it, and gather the figures.
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
        let generator = RepositoryGenerator(catalog: catalog, designer: designer, git: GitRunner(process: process),
                                            seed: options.seed, pack: options.pack)

        var repositories: [GeneratedRepository] = []
        for count in [options.tenants, options.smallTenants] {
            progress("generating \(Formatting.count(count)) tenants in \(work.repository(tenants: count))")
            let repository = try generator.generate(tenants: count, at: work.repository(tenants: count))
            progress("  written in \(Formatting.duration(repository.writeSeconds)), git add/commit\(repository.packed ? "/repack" : "") in \(Formatting.duration(repository.gitSeconds))")
            repositories.append(repository)
        }
        let (large, small) = (repositories[0], repositories[1])

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

        return BenchReport(
            tenantctl: "\(tenantctl) (\(version))",
            host: ProcessInfo.processInfo.operatingSystemVersionString,
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            seed: options.seed,
            startup: startup,
            large: RepositoryFigures(repository: large, environments: largeEnvironments, validateRuns: validateLarge, changedRuns: changedLarge),
            small: RepositoryFigures(repository: small, environments: smallEnvironments, validateRuns: validateSmall, changedRuns: changedSmall))
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("tenantctl-bench: \(message)\n".utf8))
    }
}
