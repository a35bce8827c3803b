import Foundation
import TenantCore

/// `tenantctl serve` on the example fleet (a copy of the example repository, committed), with
/// juju-sim as Juju and the fleet's DNS zones in their stand-ins. Serve's startup sweep applies
/// the fleet; then, --serve-samples times, a commit scales one tenant's shop and its push webhook
/// (gitlab-sim's payload, the right X-Gitlab-Token) is sent: the figure is the time from the
/// webhook to the first change started, read from serve's JSON log lines, next to the floor of one
/// observation of that tenant (`juju status` of each of its models, at once, with juju-sim).
/// Last, one more commit and a flood of --flood-events webhooks within --flood-seconds: the answers,
/// the looks and runs they made, and serve's RSS before and after.
struct ServeBenchmark {
    /// The example tenant each commit changes: its production shop gains a unit (the offer gives it 2).
    static let tenant = "boulangerie-durand"
    static let manifest = "tenants/boulangerie-durand.yaml"
    static let anchor = "magento: {config: {base-url: https://boulangerie-durand.bibind.com/}}"
    static let floorRuns = 5
    /// A throwaway secret shared by the bench and serve (a 0600 file for serve and curl).
    static let webhookToken = "bench-webhook-token-\(UInt32.random(in: 0...UInt32.max))"

    let options: BenchOptions
    let work: WorkDirectory
    let catalog: ExamplesCatalog
    let process: ChildProcess
    let git: GitRunner

    func run() throws -> ServeFigures {
        var binaries: [String: String] = [:]
        for (name, path) in [("--tenantctl", options.tenantctl), ("--juju-sim", options.jujuSim), ("--gitlab-sim", options.gitlabSim),
                             ("--ovh-sim", options.ovhSim)] {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard FileManager.default.isExecutableFile(atPath: absolute) else {
                throw BenchError("\(name) \(absolute) is not an executable file (build it first: swift build -c release --product \(name.dropFirst(2)))")
            }
            binaries[name] = absolute
        }
        let directory = work.path + "/serve"
        let repository = directory + "/tenants-repo"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: catalog.root, toPath: repository)
        try git.run(["init", "-q", repository], label: "git-init-serve")
        try git.run(["-C", repository, "add", "-A"], label: "git-add-serve")
        try git.run(["-C", repository, "commit", "-q", "-m", "Example fleet"], label: "git-commit-serve")
        let original = try String(contentsOfFile: repository + "/" + Self.manifest, encoding: .utf8)
        guard original.contains(Self.anchor) else {
            throw BenchError("\(Self.manifest) of the example repository no longer holds `\(Self.anchor)`, which the serve measure scales")
        }
        let desired = try ManifestDirectory.desiredState(of: repository).state
        let targets = ObservedWorldBuilder.targets(desired)
        let tenantModels = targets.filter { $0.environment.hasPrefix(Self.tenant + "/") }

        let dns = try DNSStandIns.start(desired: desired, ovhSimBinary: binaries["--ovh-sim"]!, directory: directory + "/dns", process: process)
        defer { dns.stop() }
        let secretsFile = directory + "/secrets.yaml"
        try SecretReferences.writeFile(desired, to: secretsFile, extra: dns.secrets)
        let sim = JujuSimRunner(executable: binaries["--juju-sim"]!, process: process, home: directory + "/juju-sim")
        for controller in catalog.fleet.controllers { try sim.bootstrap(controller) }
        let tokenFile = directory + "/webhook-token"
        try Data((Self.webhookToken + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        guard chmod(tokenFile, 0o600) == 0 else { throw BenchError("cannot make \(tokenFile) private (chmod 600)") }

        var environment = sim.environment.filter { !$0.key.hasPrefix("VAULT_") }
        environment.merge([
            "TENANTCTL_JUJU_BIN": binaries["--juju-sim"]!, "TENANTCTL_STATE_DIR": directory + "/state", "TENANTCTL_CACHE_DIR": directory + "/cache",
            "TENANTCTL_SECRETS_FILE": secretsFile, "TENANTCTL_JUJU_FILES_DIR": directory + "/juju-files",
        ].merging(dns.environment) { _, new in new }) { _, new in new }
        Progress.say("serve: the example fleet (\(desired.environments.count) environments, \(targets.count) models) against juju-sim; DNS: \(dns.summary)")
        let serve = try ServeDaemonProcess.start(
            executable: binaries["--tenantctl"]!,
            arguments: ["--repo", repository, "--interval", "3600", "--drift-interval", "3600", "--settle", "0", "--webhook-token-file", tokenFile],
            environment: environment, directory: directory)
        defer { serve.stop() }
        let startup = try serve.waitForLine("its startup run", timeout: options.timeoutSeconds) { $0.message == "run" }
        try Self.requireSuccess(startup, what: "the startup run (it applies the example fleet)")
        let startupSeconds = Double(startup.fields["seconds"] ?? "") ?? 0
        Progress.say("  startup run: \(Formatting.duration(startupSeconds)), \(startup.fields["summary"] ?? startup.fields["outcome"] ?? "")")

        let headers = ["Content-Type": "application/json", "User-Agent": "GitLab/17.6.0", "X-Gitlab-Event": "Push Hook",
                       "X-Gitlab-Token": Self.webhookToken]
        var commit = 0
        /// Commits the tenant with one more unit, and the push webhook's payload for that commit.
        func push() throws -> Data {
            commit += 1
            let scaled = original.replacingOccurrences(of: Self.anchor, with: Self.anchor.replacingOccurrences(
                of: "magento: {", with: "magento: {units: \(commit + 2), "))
            try scaled.write(toFile: repository + "/" + Self.manifest, atomically: true, encoding: .utf8)
            let before = try git.output(["-C", repository, "rev-parse", "HEAD"], label: "git-rev-parse-serve")
            try git.run(["-C", repository, "commit", "-q", "-am", "\(Self.tenant): \(commit + 2) shops"], commitIndex: commit, label: "git-commit-serve")
            let after = try git.output(["-C", repository, "rev-parse", "HEAD"], label: "git-rev-parse-serve")
            let result = try process.run(binaries["--gitlab-sim"]!, [
                "send-webhook", "--print", "--event", "push", "--ref", "refs/heads/main", "--before", before, "--after", after,
                "--modified", Self.manifest, "--project-path", "platform/tenants",
            ], environment: ProcessInfo.processInfo.environment, label: "gitlab-sim-payload")
            guard result.succeeded else { throw BenchError("gitlab-sim could not write the push payload: \(result.failureSummary)") }
            return Data(result.stdout.utf8)
        }

        var samples: [ServeFigures.Sample] = []
        for index in 1...options.serveSamples {
            let payload = try push()
            let skipped = serve.lines.count
            let answer = try LoopbackHTTP.request("POST", serve.baseURL + "/hooks/gitlab", headers: headers, body: payload)
            guard answer.status == 202 else { throw BenchError("serve answered the push webhook \(answer.status): \(answer.body)") }
            let received = try serve.waitForLine("the webhook", timeout: 60, after: skipped) { $0.message == "webhook" }
            // The run's end first would mean the commit changed nothing to do: said at once.
            let change = try serve.waitForLine("a change of \(Self.tenant)", timeout: options.timeoutSeconds, after: skipped) {
                $0.message == "change started" && $0.fields["tenant"] == Self.tenant || $0.message == "run"
            }
            guard change.message == "change started" else {
                throw BenchError("the webhook's run started no change of \(Self.tenant): \(change.fields["outcome"] ?? "") (serve's log with --keep)")
            }
            let run = try serve.waitForLine("the webhook's run", timeout: options.timeoutSeconds, after: skipped) { $0.message == "run" }
            try Self.requireSuccess(run, what: "the webhook's run")
            guard let receivedAt = received.time, let startedAt = change.time else { throw BenchError("serve's log lines have no readable time") }
            let sample = ServeFigures.Sample(receivedToChangeSeconds: startedAt.timeIntervalSince(receivedAt),
                                             answerToChangeSeconds: startedAt.timeIntervalSince(answer.answered),
                                             answerSeconds: answer.seconds, change: change.fields["change"] ?? "?")
            Progress.say("  webhook \(index): first change \(Formatting.duration(sample.receivedToChangeSeconds)) after serve received it "
                + "(\(Formatting.duration(sample.answerToChangeSeconds)) after its answer): \(sample.change)")
            samples.append(sample)
        }

        var floor: [Double] = []
        for _ in 1...Self.floorRuns {
            floor.append(try observe(tenantModels, jujuSim: binaries["--juju-sim"]!, environment: sim.environment, directory: directory))
        }
        Progress.say("  floor: `juju status` of \(Self.tenant)'s \(tenantModels.count) model(s) at once: "
            + floor.map { Formatting.duration($0) }.joined(separator: ", "))

        // The flood: one more commit first, so that the first look has a run to do while the
        // rest of the flood arrives.
        let payload = try push()
        let before = try serve.memory()
        let looks = try serve.metric("tenantctl_looks_total"), coalesced = try serve.metric("tenantctl_webhook_events_coalesced_total")
        let received = try serve.metric("tenantctl_webhook_events_received_total", labels: "result=\"look\"")
        let skipped = serve.lines.count
        Progress.say("serve: \(Formatting.count(options.floodEvents)) webhooks within \(options.floodSeconds) s over \(options.floodConnections) connections")
        let flood = try WebhookFlood(events: options.floodEvents, seconds: options.floodSeconds, connections: options.floodConnections,
                                     process: process, directory: directory + "/flood")
            .send(to: serve.baseURL + "/hooks/gitlab", payload: payload, headers: headers.map { "\($0.key): \($0.value)" }.sorted())
        _ = try serve.waitForLine("the flood's run", timeout: options.timeoutSeconds, after: skipped) { $0.message == "run" }
        // Settled: no look for two seconds.
        var lastLooks = try serve.metric("tenantctl_looks_total")
        var quietSince = Date()
        let deadline = Date().addingTimeInterval(options.timeoutSeconds)
        while Date().timeIntervalSince(quietSince) < 2, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            let now = try serve.metric("tenantctl_looks_total")
            if now != lastLooks { (lastLooks, quietSince) = (now, Date()) }
        }
        let after = try serve.memory()
        let runs = serve.lines.dropFirst(skipped).filter { $0.message == "run" }.count
        let figures = ServeFigures(
            tenant: Self.tenant, tenants: Set(desired.environments.compactMap(\.tenant)).count, models: targets.count,
            tenantModels: tenantModels.count, samples: samples, floorRuns: floor, startupRunSeconds: startupSeconds,
            floodEvents: options.floodEvents, floodSeconds: options.floodSeconds, floodConnections: options.floodConnections,
            floodWallSeconds: flood.wallSeconds, accepted: flood.accepted,
            refused: Dictionary(uniqueKeysWithValues: flood.refused.map { (String($0.key), $0.value) }),
            receivedLook: try serve.metric("tenantctl_webhook_events_received_total", labels: "result=\"look\"") - received,
            coalesced: try serve.metric("tenantctl_webhook_events_coalesced_total") - coalesced,
            looks: lastLooks - looks, runs: runs, rssBeforeBytes: before.rss, rssAfterBytes: after.rss, peakAfterBytes: after.peak)
        Progress.say("  \(Formatting.count(flood.accepted)) accepted in \(Formatting.duration(flood.wallSeconds)), \(Int(figures.looks)) looks, "
            + "\(runs) run(s); RSS \(Formatting.bytes(Double(before.rss))) before, \(Formatting.bytes(Double(after.rss))) after "
            + "(peak \(Formatting.bytes(Double(after.peak))))")
        return figures
    }

    /// A run must leave serve's memory of the last reconciled commit set, or the next webhook's
    /// look would sweep every tenant and the figure would measure that instead.
    private static func requireSuccess(_ line: ServeLogLine, what: String) throws {
        let outcome = line.fields["outcome"] ?? ""
        guard outcome == "succeeded" || outcome == "nothing_to_do" else {
            throw BenchError("\(what) ended \(outcome): \(line.fields["summary"] ?? "") (serve's log with --keep)")
        }
    }

    /// One observation of the models: `juju status` of each, all started at once; the seconds
    /// from the first start to the last exit.
    private func observe(_ models: [ModelTarget], jujuSim: String, environment: [String: String], directory: String) throws -> Double {
        let started = Spawn.now()
        var pids: [pid_t] = []
        for (index, target) in models.enumerated() {
            pids.append(try Spawn.start([jujuSim, "status", "-m", "\(target.controller):\(target.model)", "--format=json"],
                                        environment: environment,
                                        streams: Spawn.Streams(stdout: "\(directory)/floor-\(index).stdout", stderr: "\(directory)/floor-\(index).stderr"),
                                        searchPath: false, newProcessGroup: true))
        }
        var failed: [String] = []
        for (index, pid) in pids.enumerated() {
            try Spawn.waitForExit(pid)
            let (status, _) = Spawn.decode(try Spawn.reap(pid).status)
            if status != 0 { failed.append("\(models[index].controller):\(models[index].model) (exit \(status))") }
        }
        let seconds = Double(Spawn.now() - started) / 1e9
        guard failed.isEmpty else { throw BenchError("juju-sim status failed for \(failed.joined(separator: ", "))") }
        return seconds
    }
}
