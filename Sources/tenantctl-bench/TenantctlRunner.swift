import Foundation

/// Runs the tenantctl binary under test on generated repositories, checking each answer: a timing
/// of a command that failed or said something else would measure the wrong thing.
struct TenantctlRunner {
    let executable: String
    let process: ChildProcess
    let environment: [String: String]

    /// - Parameter cacheDirectory: tenantctl's mirror cache, kept under the work directory (local
    ///   repositories are read in place, but nothing may land in the user's ~/.cache).
    init(executable: String, process: ChildProcess, cacheDirectory: String) {
        self.executable = executable
        self.process = process
        // Nothing of the caller's tenantctl or juju-sim settings (a fault rate…) may leak into a measure.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TENANTCTL_") && !$0.key.hasPrefix("JUJU_SIM_") }
        environment["TENANTCTL_CACHE_DIR"] = cacheDirectory
        self.environment = environment
    }

    /// Runs tenantctl under the measuring helper; `extra` adds to (or overrides) its environment.
    func run(_ arguments: [String], label: String, extra: [String: String] = [:]) throws -> ChildResult {
        try process.run(executable, arguments, environment: environment.merging(extra) { _, new in new }, label: label, measured: true)
    }

    /// `tenantctl version`, on one line.
    func version() throws -> String {
        let result = try run(["version"], label: "version")
        guard result.succeeded else { throw BenchError(result.failureSummary) }
        return result.stdout.split(separator: "\n").joined(separator: ", ")
    }

    /// `tenantctl version`, timed: what starting the process costs, for reference.
    func timeVersion(run index: Int) throws -> RunFigures {
        let result = try run(["version"], label: "version-run\(index)")
        guard result.succeeded else { throw BenchError(result.failureSummary) }
        return RunFigures(result)
    }

    // MARK: - validate

    /// `validate --output json` once, untimed: the repository must be valid with every tenant
    /// counted. Returns the number of environments it resolved.
    func checkValidate(_ repository: GeneratedRepository) throws -> Int {
        let result = try run(["validate", "--repo", repository.path, "--output", "json"], label: "validate-\(repository.tenants)-check")
        guard !result.timedOut, result.signal == nil else { throw BenchError(result.failureSummary) }
        guard let report = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw BenchError("validate --output json printed no JSON report on \(repository.path):\n\(result.failureSummary)")
        }
        let tenants = report["tenants"] as? Int ?? -1
        let errors = report["errors"] as? Int ?? -1
        if result.status != 0 || errors != 0 || tenants != repository.tenants {
            let diagnostics = (report["diagnostics"] as? [[String: Any]] ?? []).map { entry in
                "  \(entry["file"] ?? "?"):\(entry["line"] ?? "?"):\(entry["column"] ?? "?"): \(entry["severity"] ?? "?"): \(entry["message"] ?? "")"
            }
            throw BenchError("""
                the generated repository \(repository.path) does not validate: exit status \(result.status), \
                \(errors) error(s), \(tenants) tenant(s) counted for \(repository.tenants) generated. \
                First diagnostics:
                \(diagnostics.prefix(40).joined(separator: "\n"))\(diagnostics.count > 40 ? "\n  … \(diagnostics.count - 40) more" : "")
                (run again with --keep to inspect the repository)
                """)
        }
        return report["environments"] as? Int ?? 0
    }

    /// `validate --repo <repo>` as a user runs it, timed.
    func timeValidate(_ repository: GeneratedRepository, run index: Int) throws -> RunFigures {
        let result = try run(["validate", "--repo", repository.path], label: "validate-\(repository.tenants)-run\(index)")
        guard result.succeeded, result.stdout.contains(" \(repository.tenants) tenants") else {
            throw BenchError("timed validate run on \(repository.tenants) tenants went wrong: \(result.failureSummary)\n\(result.stdout.suffix(500))")
        }
        return RunFigures(result)
    }

    // MARK: - changed

    private func changedArguments(_ repository: GeneratedRepository) -> [String] {
        ["changed", "--repo", repository.path, "--from", "HEAD~1", "--to", "HEAD"]
    }

    /// `changed --output json` once, untimed: exactly the modified tenant, as modified.
    func checkChanged(_ repository: GeneratedRepository) throws {
        let result = try run(changedArguments(repository) + ["--output", "json"], label: "changed-\(repository.tenants)-check")
        try requireChangedStatus(result)
        let report = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let tenants = report?["tenants"] as? [[String: Any]] ?? []
        let names = tenants.compactMap { $0["tenant"] as? String }
        guard names == [repository.modifiedTenant], tenants.first?["change"] as? String == "modified" else {
            throw BenchError("""
                changed HEAD~1..HEAD in \(repository.path) should name exactly '\(repository.modifiedTenant)' as modified \
                (its file \(repository.modifiedPath) is the only change); it printed:
                \(result.stdout.prefix(2000))
                """)
        }
    }

    /// `changed --from HEAD~1 --to HEAD` as a user runs it, timed; the text output must be one
    /// line naming the modified tenant.
    func timeChanged(_ repository: GeneratedRepository, run index: Int) throws -> RunFigures {
        let result = try run(changedArguments(repository), label: "changed-\(repository.tenants)-run\(index)")
        try requireChangedStatus(result)
        let lines = result.stdout.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard lines.count == 1, lines[0].split(separator: " ").first.map(String.init) == repository.modifiedTenant else {
            throw BenchError("timed changed run on \(repository.tenants) tenants should print one line for '\(repository.modifiedTenant)'; it printed:\n\(result.stdout.prefix(2000))")
        }
        return RunFigures(result)
    }

    /// 0, or 2 ("changes found") should the command adopt terraform's detailed exit codes.
    private func requireChangedStatus(_ result: ChildResult) throws {
        guard !result.timedOut, result.signal == nil, result.status == 0 || result.status == 2 else {
            throw BenchError(result.failureSummary)
        }
    }
}
