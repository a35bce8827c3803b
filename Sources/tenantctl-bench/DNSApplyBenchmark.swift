import Foundation

/// DNS written for real: `tenantctl plan`, then `tenantctl apply`, of --dns-apply-records
/// records in one zone, on bind9 (RFC 2136) and on moto_server (Route 53), then a second plan
/// that must be empty. Counts the provider calls the apply made, beside the fewest the API
/// allows (``DNSApplyFigures``).
struct DNSApplyBenchmark {
    let options: BenchOptions
    let work: WorkDirectory
    let runner: TenantctlRunner
    let process: ChildProcess
    let git: GitRunner

    func run() throws -> [DNSApplyFigures] {
        try DNSApplyRepository.Provider.allCases.map(run)
    }

    func run(_ provider: DNSApplyRepository.Provider) throws -> DNSApplyFigures {
        let base = work.path + "/dns-apply-\(provider.rawValue)"
        let repository = DNSApplyRepository(path: base + "/repo", provider: provider, records: options.dnsApplyRecords)
        try repository.write(git: git)
        let toolLog = base + "/tools.log", motoDirectory = base + "/moto"
        var secrets: [String: String] = [:]
        var environment: [String: String] = [:]
        let pid: pid_t
        switch provider {
        case .rfc2136:
            let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            let started = try NamedStandIn.start(zones: [provider.zone], keyName: DNSApplyRepository.tsigKeyName, secret: secret,
                                                 directory: base + "/named")
            pid = started.pid
            secrets["dns/bind#tsig_secret"] = secret
            environment["TENANTCTL_DNS_ENDPOINTS"] = "\(provider.name)=\(started.server)"
            try DNSCallLog.wrapTools(in: base + "/bin", log: toolLog)
            environment["PATH"] = base + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        case .route53:
            let started = try MotoStandIn.start(zones: [provider.zone], directory: motoDirectory, process: process)
            pid = started.pid
            secrets["dns/r53#access_key_id"] = MotoStandIn.accessKeyID
            secrets["dns/r53#secret_access_key"] = MotoStandIn.secretAccessKey
            environment["TENANTCTL_DNS_ENDPOINTS"] = "\(provider.name)=\(started.endpoint)"
        }
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        let counts = { provider == .rfc2136 ? DNSCallLog.toolCounts(toolLog) : DNSCallLog.motoCounts(motoDirectory + "/stderr") }
        let secretsFile = base + "/secrets.yaml"
        try secrets.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"\n" }.joined()
            .write(toFile: secretsFile, atomically: true, encoding: .utf8)
        chmod(secretsFile, 0o600)

        let jujuSim = URL(fileURLWithPath: options.jujuSim).standardizedFileURL.path
        let sim = JujuSimRunner(executable: jujuSim, process: process, home: base + "/juju-sim")
        let bootstrap = try sim.answer(["bootstrap", "microk8s", "bench-k8s", "--sim-cloud-type", "k8s", "--no-switch"])
        guard bootstrap.succeeded else { throw BenchError(bootstrap.failureSummary) }
        environment.merge(["JUJU_SIM_HOME": base + "/juju-sim", "JUJU_SIM_SETTLE_SECONDS": "0", "TENANTCTL_JUJU_BIN": jujuSim,
                           "TENANTCTL_STATE_DIR": base + "/state", "TENANTCTL_SECRETS_FILE": secretsFile]) { $1 }

        Progress.say("DNS apply on \(provider.label): plan \(repository.records) records in \(provider.zone), \(repository.tenants) tenants")
        let plan = try runner.run(["plan", "--repo", repository.path, "--output", "json"], label: "plan-dns-apply-\(provider.rawValue)", extra: environment)
        let upserts = try Self.upserts(plan, expectStatus: 2, what: "the first plan")
        guard upserts == repository.records else {
            throw BenchError("the first plan on \(provider.label) has \(upserts) dns.upsert changes for \(repository.records) records")
        }
        let beforeApply = counts()
        Progress.say("  plan \(Formatting.duration(plan.wallSeconds)); apply")
        let apply = try runner.run(["apply", "--repo", repository.path, "--auto-approve", "--quiet", "--settle", "0"],
                                   label: "apply-dns-apply-\(provider.rawValue)", extra: environment)
        guard apply.succeeded else { throw BenchError("apply on \(provider.label): \(apply.failureSummary)\n\(apply.stdout.suffix(2000))") }
        let applyCalls = DNSCallLog.difference(counts(), beforeApply)
        let second = try runner.run(["plan", "--repo", repository.path, "--output", "json"], label: "replan-dns-apply-\(provider.rawValue)", extra: environment)
        let left = try Self.upserts(second, expectStatus: 0, what: "the plan after apply")
        let figures = DNSApplyFigures(provider: provider, records: repository.records, tenants: repository.tenants, upserts: upserts,
                                      plan: RunFigures(plan), apply: RunFigures(apply), applyCalls: applyCalls,
                                      secondPlan: RunFigures(second), secondPlanChanges: left,
                                      route53MinimumChanges: repository.route53MinimumChangeRequests)
        Progress.say("  apply \(Formatting.duration(apply.wallSeconds)), \(String(format: "%.1f", figures.changesPerSecond)) changes/s; "
            + figures.callLines.map { "\($0.call) \($0.made) (minimum \($0.minimum))" }.joined(separator: ", ") + "; second plan empty")
        return figures
    }

    /// The number of dns.upsert changes of a `plan --output json`, after checking its exit status
    /// (0: nothing to do; 2: changes) and that nothing was held back or withheld.
    static func upserts(_ result: ChildResult, expectStatus: Int32, what: String) throws -> Int {
        guard !result.timedOut, result.signal == nil, result.status == expectStatus,
              let plan = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw BenchError("\(what) should exit \(expectStatus) with a JSON plan: \(result.failureSummary)\n\(result.stdout.prefix(2000))")
        }
        let changes = plan["changes"] as? [[String: Any]] ?? []
        let skipped = plan["skipped"] as? [Any] ?? [], withheld = plan["withheld"] as? [Any] ?? []
        guard skipped.isEmpty, withheld.isEmpty else {
            throw BenchError("\(what) held back \(skipped.count) environment(s) and withheld \(withheld.count) change(s): \(String(describing: (skipped + withheld).prefix(3)))")
        }
        if expectStatus == 0, !changes.isEmpty {
            throw BenchError("\(what) is not empty: \(changes.count) change(s), e.g. \(changes.prefix(3))")
        }
        return changes.filter { $0["kind"] as? String == "dns.upsert" }.count
    }
}
