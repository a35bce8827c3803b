import Foundation
import TenantCore

/// `tenantctl plan` with Vault observed for real (the second measure): a repository of N
/// tenants on the dedicated offers, each referencing two Vault secrets of its own from every
/// environment; vault-sim seeded with them through its configuration file, 20 ms per request;
/// `--vault-parallelism 16`. Juju is juju-replay answering a fleet whose models do not exist yet
/// (the first plan of a new fleet: two `models` calls, no `status`), so that Vault is what the plan
/// waits for.
struct VaultPlanBenchmark {
    let options: BenchOptions
    let work: WorkDirectory
    let catalog: ExamplesCatalog
    let runner: TenantctlRunner
    let process: ChildProcess
    let git: GitRunner

    func run() throws -> VaultPlanFigures {
        let vaultSim = URL(fileURLWithPath: options.vaultSim).standardizedFileURL.path
        let replay = URL(fileURLWithPath: options.jujuReplay).standardizedFileURL.path
        for (name, path) in [("--vault-sim", vaultSim), ("--juju-replay", replay)] where !FileManager.default.isExecutableFile(atPath: path) {
            throw BenchError("\(name) \(path) is not an executable file (build it first: swift build -c release --product \(name.dropFirst(2)))")
        }
        let generator = RepositoryGenerator(catalog: catalog, designer: try TenantDesigner(catalog: catalog, vaultSecrets: true),
                                            git: git, seed: options.seed, pack: options.pack)
        let repository = try GeneratedRepositories(generator: generator, work: work, name: "repo-vault")
            .repository(tenants: options.vaultTenants)
        let desired = try ManifestDirectory.desiredState(of: repository.path).state
        let secrets = SecretReferences.byPath(desired)
        let environments = desired.environments.count
        let missing = Set(desired.environments.compactMap(\.tenant)).count * 2 - secrets.keys.filter { $0.hasPrefix("tenants/") }.count
        guard missing == 0 else { throw BenchError("the Vault repository should reference two secrets per tenant; \(missing) are missing") }

        let recording = try JujuRecording(directory: work.path + "/juju-replay-vault")
        let sim = JujuSimRunner(executable: options.jujuSim, process: process, home: work.path + "/juju-sim-vault")
        for controller in catalog.fleet.controllers { try sim.bootstrap(controller) }
        for arguments in JujuRecording.sweepCalls(controllers: catalog.fleet.controllers.map(\.name.value), models: [], deployed: []) {
            try recording.record(arguments, from: sim)
        }

        // The tenants' domains: their zones served as the demo serves them, so that no
        // environment is held back for an unreachable zone.
        let dns = try DNSStandIns.start(desired: desired, ovhSimBinary: options.ovhSim, directory: work.path + "/dns-vault", process: process)
        defer { dns.stop() }
        Progress.say("DNS: \(dns.summary)")
        Progress.say("vault-sim: seeding \(Formatting.count(secrets.count)) secret paths of \(Formatting.count(repository.tenants)) tenants, and the DNS credentials")
        let vault = try VaultSim.start(executable: vaultSim, secrets: secrets, values: dns.secrets, directory: work.path + "/vault-sim", logs: work.logs)
        defer { vault.stop() }
        try vault.setLatency(milliseconds: VaultPlanFigures.latencyMilliseconds, process: process)
        let before = try vault.requests()

        Progress.say("plan with Vault: \(Formatting.count(repository.tenants)) tenants, \(VaultPlanFigures.latencyMilliseconds) ms per Vault request, --vault-parallelism \(VaultPlanFigures.parallelism)")
        let environment = [
            "VAULT_ADDR": vault.address, "VAULT_TOKEN": VaultSim.rootToken, "VAULT_NAMESPACE": "", "VAULT_CACERT": "",
            "TENANTCTL_JUJU_BIN": replay, "JUJU_REPLAY_DIR": recording.directory, "TENANTCTL_STATE_DIR": work.path + "/state-vault",
        ].merging(dns.environment) { _, new in new }
        let arguments = ["plan", "--repo", repository.path, "--vault-parallelism", String(VaultPlanFigures.parallelism), "--output", "json"]
        let result = try runner.run(arguments, label: "plan-vault-\(repository.tenants)", extra: environment)
        guard !result.timedOut, result.signal == nil, result.status == 2,
              let plan = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw BenchError("plan with Vault should exit 2 with a JSON plan: \(result.failureSummary)\n\(result.stdout.prefix(1000))")
        }
        let skipped = plan["skipped"] as? [[String: Any]] ?? []
        guard skipped.isEmpty else {
            throw BenchError("plan with Vault held back \(skipped.count) environment(s), e.g. \(skipped.prefix(3))")
        }
        let checks = (plan["changes"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "vault.check" }.count
        let after = try vault.requests()
        let figures = VaultPlanFigures(
            tenants: repository.tenants, environments: environments, secretPaths: secrets.count,
            requests: after.total - before.total, metadataRequests: after.metadata - before.metadata,
            failedRequests: after.failed - before.failed, vaultSpanSeconds: after.spanSeconds, run: RunFigures(result),
            exitStatus: result.status, vaultChecks: checks, skipped: skipped.count)
        Progress.say("  \(Formatting.duration(figures.run.wallSeconds)), \(figures.requests) Vault requests (\(figures.metadataRequests) metadata) "
            + "over \(Formatting.duration(figures.vaultSpanSeconds)), floor \(Formatting.duration(figures.floorSeconds)); \(checks) vault.check changes")
        return figures
    }
}
