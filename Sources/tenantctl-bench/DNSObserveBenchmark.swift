import Foundation
import TenantCore

/// DNS observed for real: `tenantctl plan` on a repository of one tenant per zone, each zone in
/// ovh-sim with --dns-records records, every API answer 20 ms late. OVH API v1 has no bulk read:
/// a zone is one list and one read per record, so the plan waits for zones × (1 + records)
/// requests, `--parallelism` zones at a time and 8 record reads in flight in each.
struct DNSObserveBenchmark {
    let options: BenchOptions
    let work: WorkDirectory
    let catalog: ExamplesCatalog
    let runner: TenantctlRunner
    let process: ChildProcess
    let git: GitRunner

    func run() throws -> DNSObserveFigures {
        let jujuSim = URL(fileURLWithPath: options.jujuSim).standardizedFileURL.path
        let path = work.path + "/repo-dns"
        try FileManager.default.createDirectory(atPath: path + "/tenants", withIntermediateDirectories: true)
        try catalog.copyPlatform(into: path)
        guard let provider = catalog.fleet.dnsProviders.first(where: { $0.kind == .ovh }) else {
            throw BenchError("the example fleet has no ovh provider: nothing to measure DNS with")
        }
        guard let offer = catalog.offers.first?.name.value else { throw BenchError("the example repository has no offer") }
        let zones = (0..<options.dnsZones).map { String(format: "z%04d.dns-bench.test", $0) }
        for (index, zone) in zones.enumerated() {
            let name = String(format: "dns-bench-%04d", index)
            let manifest = """
                apiVersion: tenantctl/v1
                kind: Tenant
                metadata: {name: \(name)}
                spec:
                  offer: \(offer)
                  domains:
                    - {host: www.\(zone), zone: \(zone), provider: \(provider.name.value), target: {address: 192.0.2.10}}

                """
            try manifest.write(toFile: "\(path)/tenants/\(name).yaml", atomically: true, encoding: .utf8)
        }
        try git.run(["init", "-q", path], label: "git-init-dns")
        try git.run(["-C", path, "add", "-A"], label: "git-add-dns")
        try git.run(["-C", path, "commit", "-q", "-m", "\(zones.count) tenants, one zone each"], label: "git-commit-dns")
        let desired = try ManifestDirectory.desiredState(of: path).state

        let keys = OVHSimProcess.Keys(application: "bench-dns-ak", secret: "bench-dns-as", consumer: "bench-dns-ck")
        let records = options.dnsRecords
        let seeded = zones.map { zone in
            OVHSimProcess.Zone(name: zone, records: (0..<max(0, records - 1)).map { ("r\($0)", "A", "198.51.100.\($0 % 250 + 1)") })
        }
        Progress.say("DNS: ovh-sim seeded with \(zones.count) zones of \(records) records, \(DNSObserveFigures.latencyMilliseconds) ms per request")
        let ovh = try OVHSimProcess.start(executable: options.ovhSim, keys: keys, zones: seeded, directory: work.path + "/ovh-sim-dns")
        defer { ovh.stop() }
        try ovh.setLatency(milliseconds: DNSObserveFigures.latencyMilliseconds, process: process)
        var secrets: [String: String] = [:]
        for (key, value) in [("applicationKey", keys.application), ("applicationSecret", keys.secret), ("consumerKey", keys.consumer)] {
            if let reference = provider.credentials[key] { secrets["\(reference.path)#\(reference.key)"] = value }
        }
        let secretsFile = work.path + "/dns-secrets.yaml"
        try SecretReferences.writeFile(desired, to: secretsFile, extra: secrets)

        let sim = JujuSimRunner(executable: jujuSim, process: process, home: work.path + "/juju-sim-dns")
        for controller in catalog.fleet.controllers { try sim.bootstrap(controller) }
        let environment = [
            "JUJU_SIM_HOME": work.path + "/juju-sim-dns", "JUJU_SIM_SETTLE_SECONDS": "0", "TENANTCTL_JUJU_BIN": jujuSim,
            "TENANTCTL_STATE_DIR": work.path + "/state-dns", "TENANTCTL_SECRETS_FILE": secretsFile,
            "TENANTCTL_DNS_ENDPOINTS": "\(provider.name.value)=\(ovh.apiURL)",
        ]
        Progress.say("plan with DNS: \(zones.count) zones × \(records) records, --parallelism \(DNSObserveFigures.parallelism)")
        let result = try runner.run(["plan", "--repo", path, "--parallelism", String(DNSObserveFigures.parallelism), "--output", "json"],
                                    label: "plan-dns", extra: environment)
        guard !result.timedOut, result.signal == nil, result.status == 2,
              let plan = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw BenchError("plan with DNS should exit 2 with a JSON plan: \(result.failureSummary)\n\(result.stdout.prefix(1000))")
        }
        let skipped = plan["skipped"] as? [[String: Any]] ?? []
        guard skipped.isEmpty else { throw BenchError("plan with DNS held back \(skipped.count) environment(s), e.g. \(skipped.prefix(3))") }
        let upserts = (plan["changes"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "dns.upsert" }.count
        let requests = ovh.requests()
        let figures = DNSObserveFigures(zones: zones.count, recordsPerZone: records, requests: requests.count,
                                        dnsSpanSeconds: requests.spanSeconds, run: RunFigures(result), upserts: upserts)
        Progress.say("  \(Formatting.duration(figures.run.wallSeconds)), \(figures.requests) OVH requests over \(Formatting.duration(figures.dnsSpanSeconds)), "
            + "floor \(Formatting.duration(figures.floorSeconds)); \(upserts) dns.upsert changes")
        return figures
    }
}

/// `tenantctl plan` observing zones × records from ovh-sim at a fixed latency per request.
struct DNSObserveFigures: Sendable, Encodable {
    static let latencyMilliseconds = 20
    /// `--parallelism`: zones read at once.
    static let parallelism = 16
    /// Record reads in flight per zone (OVHProvider's readConcurrency).
    static let readsPerZone = 8

    var zones: Int
    var recordsPerZone: Int
    var requests: Int
    /// From ovh-sim's first logged request to its last.
    var dnsSpanSeconds: Double
    var run: RunFigures
    var upserts: Int

    /// requests × L / (zones in flight × reads in flight per zone).
    var floorSeconds: Double {
        Double(requests) * Double(Self.latencyMilliseconds) / 1000 / Double(Self.parallelism * Self.readsPerZone)
    }
    var ratio: Double { floorSeconds > 0 ? run.wallSeconds / floorSeconds : 0 }
    var spanRatio: Double { floorSeconds > 0 ? dnsSpanSeconds / floorSeconds : 0 }

    enum CodingKeys: String, CodingKey {
        case zones, requests, run, upserts, ratio, parallelism
        case recordsPerZone = "records_per_zone"
        case dnsSpanSeconds = "dns_span_seconds"
        case latencyMilliseconds = "latency_ms"
        case readsPerZone = "reads_per_zone"
        case floorSeconds = "floor_seconds"
        case spanRatio = "span_ratio"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(zones, forKey: .zones)
        try container.encode(recordsPerZone, forKey: .recordsPerZone)
        try container.encode(Self.latencyMilliseconds, forKey: .latencyMilliseconds)
        try container.encode(Self.parallelism, forKey: .parallelism)
        try container.encode(Self.readsPerZone, forKey: .readsPerZone)
        try container.encode(requests, forKey: .requests)
        try container.encode(dnsSpanSeconds, forKey: .dnsSpanSeconds)
        try container.encode(run, forKey: .run)
        try container.encode(upserts, forKey: .upserts)
        try container.encode(floorSeconds, forKey: .floorSeconds)
        try container.encode(spanRatio, forKey: .spanRatio)
        try container.encode(ratio, forKey: .ratio)
    }
}
