import Foundation
import TenantCore

/// Certificates issued for real: one `tenantctl apply` of a tenant with --certificates domains
/// in the example fleet's RFC 2136 zone, served by bind9's named; pebble (Debian) is the CA and
/// validates DNS-01 against that named; certbot (Debian) orders; `tenantctl cert-hook` writes
/// and removes the challenges. Measured: the apply's wall time, the certificate changes' span
/// and how many ran at once (from the journal's action rows), and the calls each side saw.
struct CertsIssueBenchmark {
    let options: BenchOptions
    let work: WorkDirectory
    let catalog: ExamplesCatalog
    let runner: TenantctlRunner
    let process: ChildProcess
    let git: GitRunner

    static var available: Bool {
        ["/usr/bin/pebble", "/usr/bin/certbot", "/usr/bin/openssl", "/usr/bin/sqlite3"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func run() throws -> CertsIssueFigures {
        let jujuSim = URL(fileURLWithPath: options.jujuSim).standardizedFileURL.path
        guard let provider = catalog.fleet.dnsProviders.first(where: { $0.kind == .rfc2136 }),
              let zone = catalog.fleet.dnsZones.first(where: { $0.provider.value == provider.name.value })?.zone.value else {
            throw BenchError("the example fleet has no RFC 2136 zone: nothing to answer DNS-01 with")
        }
        guard let keyName = provider.settings["tsigKeyName"], let secretReference = provider.credentials["tsigSecret"] else {
            throw BenchError("the example fleet's RFC 2136 provider \(provider.name.value) has no tsigKeyName or tsigSecret")
        }
        guard let offer = catalog.offers.first?.name.value else { throw BenchError("the example repository has no offer") }
        let count = options.certificates
        let base = work.path + "/certs"
        let path = base + "/repo"
        try FileManager.default.createDirectory(atPath: path + "/tenants", withIntermediateDirectories: true)

        // bind9 for the zone, pebble validating against it, over HTTPS with a throwaway CA.
        let tsig = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let named = try NamedStandIn.start(zones: [zone], keyName: keyName, secret: tsig, directory: base + "/named")
        defer {
            kill(named.pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(named.pid, &status, 0)
        }
        let pebble = try PebbleStandIn.start(dnsServer: named.server, directory: base + "/pebble", process: process)
        defer { pebble.stop() }

        try catalog.copyPlatform(into: path)
        let fleetPath = path + "/tenantctl.yaml"
        let fleet = try String(contentsOfFile: fleetPath, encoding: .utf8)
        guard fleet.contains("\n  vault:\n") else { throw BenchError("the example tenantctl.yaml has no '  vault:' section to put certificates before") }
        try fleet.replacingOccurrences(of: "\n  vault:\n", with: """

              certificates:
                directory: \(pebble.directory)
                email: bench@example.invalid
              vault:

            """).write(toFile: fleetPath, atomically: true, encoding: .utf8)
        let hosts = (0..<count).map { String(format: "c%03d.certs-bench.%@", $0, zone) }
        let domains = hosts.map { "    - {host: \($0), zone: \(zone), provider: \(provider.name.value), target: {address: 192.0.2.10}}" }.joined(separator: "\n")
        try """
            apiVersion: tenantctl/v1
            kind: Tenant
            metadata: {name: certs-bench}
            spec:
              offer: \(offer)
              domains:
            \(domains)

            """.write(toFile: path + "/tenants/certs-bench.yaml", atomically: true, encoding: .utf8)
        try git.run(["init", "-q", path], label: "git-init-certs")
        try git.run(["-C", path, "add", "-A"], label: "git-add-certs")
        try git.run(["-C", path, "commit", "-q", "-m", "\(count) certificates"], label: "git-commit-certs")
        let desired = try ManifestDirectory.desiredState(of: path).state
        let secretsFile = base + "/secrets.yaml"
        try SecretReferences.writeFile(desired, to: secretsFile, extra: ["\(secretReference.path)#\(secretReference.key)": tsig])

        let sim = JujuSimRunner(executable: jujuSim, process: process, home: base + "/juju-sim")
        for controller in catalog.fleet.controllers { try sim.bootstrap(controller) }
        let state = base + "/state"
        let environment = [
            "JUJU_SIM_HOME": base + "/juju-sim", "JUJU_SIM_SETTLE_SECONDS": "0", "TENANTCTL_JUJU_BIN": jujuSim,
            "TENANTCTL_STATE_DIR": state, "TENANTCTL_SECRETS_FILE": secretsFile,
            "TENANTCTL_DNS_ENDPOINTS": "\(provider.name.value)=\(named.server)", "REQUESTS_CA_BUNDLE": pebble.caBundle,
        ]
        Progress.say("certificates: apply of \(count) domains in \(zone) (bind9), pebble at \(pebble.directory), --parallelism \(CertsIssueFigures.parallelism)")
        let result = try runner.run(["apply", "--repo", path, "--auto-approve", "--quiet", "--settle", "0",
                                     "--parallelism", String(CertsIssueFigures.parallelism)], label: "apply-certs", extra: environment)
        guard !result.timedOut, result.signal == nil, result.status == 0 else {
            throw BenchError("apply with \(count) certificates should succeed: \(result.failureSummary)\n\(result.stdout.suffix(3000))")
        }
        let live = (try? FileManager.default.contentsOfDirectory(atPath: state + "/certbot/config/live")) ?? []
        let issued = live.filter { $0.hasPrefix("certs-bench_") }.count
        guard issued == count else { throw BenchError("apply succeeded, but certbot holds \(issued) of the \(count) lineages") }
        let intervals = try actionIntervals(state: state, kind: "cert.issue")
        let orderTimes = try column(state: state, query: "SELECT (julianday(ordered_at) - 2440587.5) * 86400.0 FROM certificate_order ORDER BY ordered_at",
                                    label: "sqlite-orders").sorted()
        // certbot runs take turns: the gap between two orders' starts is one run.
        let gaps = zip(orderTimes.dropFirst(), orderTimes).map { $0 - $1 }
        let dnsIntervals = try actionIntervals(state: state, kind: "dns.upsert")
        let pebbleLog = (try? String(contentsOfFile: pebble.log, encoding: .utf8)) ?? ""
        let namedLog = (try? String(contentsOfFile: base + "/named/named.log", encoding: .utf8)) ?? ""
        let figures = CertsIssueFigures(
            certificates: count, run: RunFigures(result),
            certSpanSeconds: Self.span(intervals), certMaxConcurrent: Self.maxConcurrent(intervals),
            certMedianSeconds: Statistics.median(intervals.map { $0.1 - $0.0 }),
            certbotMedianSeconds: gaps.isEmpty ? 0 : Statistics.median(gaps), orders: orderTimes.count,
            dnsMaxConcurrent: Self.maxConcurrent(dnsIntervals),
            acmeRequests: pebbleLog.components(separatedBy: "\n").filter { $0.contains(" POST ") || $0.contains(" GET ") || $0.contains("HEAD") }.count,
            acmeOrders: Self.occurrences(of: "Added order", in: pebbleLog),
            dnsUpdates: namedLog.components(separatedBy: "\n").filter { $0.contains("updating zone") }.count)
        Progress.say("  \(Formatting.duration(figures.run.wallSeconds)) apply; certificates over \(Formatting.duration(figures.certSpanSeconds)), "
            + "\(figures.certMaxConcurrent) cert.issue in flight at most, \(figures.orders) certbot runs of \(Formatting.duration(figures.certbotMedianSeconds)) (median); "
            + "\(figures.acmeRequests) ACME requests, \(figures.dnsUpdates) RR changes in named")
        return figures
    }

    /// One number per row of `query` on the journal.
    func column(state: String, query: String, label: String) throws -> [Double] {
        let result = try process.run("/usr/bin/sqlite3", ["-readonly", state + "/tenantctl.sqlite", query],
                                     environment: ProcessInfo.processInfo.environment, label: label)
        guard result.succeeded else { throw BenchError("reading the journal: \(result.failureSummary)") }
        return result.stdout.split(separator: "\n").compactMap { Double($0) }
    }

    /// Start and end (seconds) of each succeeded action of `kind`, from the journal.
    func actionIntervals(state: String, kind: String) throws -> [(Double, Double)] {
        let query = "SELECT (julianday(started_at) - 2440587.5) * 86400.0, (julianday(finished_at) - 2440587.5) * 86400.0 FROM action "
            + "WHERE kind = '\(kind)' AND result = 'succeeded' AND finished_at IS NOT NULL"
        let result = try process.run("/usr/bin/sqlite3", ["-readonly", "-separator", " ", state + "/tenantctl.sqlite", query],
                                     environment: ProcessInfo.processInfo.environment, label: "sqlite-\(kind)")
        guard result.succeeded else { throw BenchError("reading the journal: \(result.failureSummary)") }
        return result.stdout.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ").compactMap { Double($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    static func span(_ intervals: [(Double, Double)]) -> Double {
        guard let start = intervals.map(\.0).min(), let end = intervals.map(\.1).max() else { return 0 }
        return end - start
    }

    /// The most intervals open at one moment.
    static func maxConcurrent(_ intervals: [(Double, Double)]) -> Int {
        // An end at the very moment of a start closes first.
        var events: [(time: Double, delta: Int)] = []
        for interval in intervals {
            events.append((time: interval.0, delta: 1))
            events.append((time: interval.1, delta: -1))
        }
        events.sort { (a: (time: Double, delta: Int), b: (time: Double, delta: Int)) -> Bool in
            a.time == b.time ? a.delta < b.delta : a.time < b.time
        }
        var open = 0
        var most = 0
        for event in events {
            open += event.delta
            most = max(most, open)
        }
        return most
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

/// One apply issuing --certificates certificates against pebble.
struct CertsIssueFigures: Sendable, Encodable {
    /// `--parallelism` of the apply: changes in flight at once.
    static let parallelism = 16

    var certificates: Int
    var run: RunFigures
    /// From the first cert.issue's start to the last one's end.
    var certSpanSeconds: Double
    /// cert.issue changes running at one moment.
    var certMaxConcurrent: Int
    /// A cert.issue change from its start (queued for its turn included) to its end.
    var certMedianSeconds: Double
    /// One certbot run (the orders' journal: the gap between two starts).
    var certbotMedianSeconds: Double
    var orders: Int
    var dnsMaxConcurrent: Int
    /// HTTP requests pebble logged (directory, nonces, accounts, orders, authorizations…).
    var acmeRequests: Int
    var acmeOrders: Int
    /// RFC 2136 updates named applied (records and challenges).
    var dnsUpdates: Int

    enum CodingKeys: String, CodingKey {
        case certificates, run, parallelism
        case certSpanSeconds = "cert_span_seconds"
        case certMaxConcurrent = "cert_max_concurrent"
        case certMedianSeconds = "cert_median_seconds"
        case certbotMedianSeconds = "certbot_median_seconds"
        case orders
        case dnsMaxConcurrent = "dns_max_concurrent"
        case acmeRequests = "acme_requests"
        case acmeOrders = "acme_orders"
        case dnsUpdates = "dns_updates"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(certificates, forKey: .certificates)
        try container.encode(Self.parallelism, forKey: .parallelism)
        try container.encode(run, forKey: .run)
        try container.encode(certSpanSeconds, forKey: .certSpanSeconds)
        try container.encode(certMaxConcurrent, forKey: .certMaxConcurrent)
        try container.encode(certMedianSeconds, forKey: .certMedianSeconds)
        try container.encode(certbotMedianSeconds, forKey: .certbotMedianSeconds)
        try container.encode(orders, forKey: .orders)
        try container.encode(dnsMaxConcurrent, forKey: .dnsMaxConcurrent)
        try container.encode(acmeRequests, forKey: .acmeRequests)
        try container.encode(acmeOrders, forKey: .acmeOrders)
        try container.encode(dnsUpdates, forKey: .dnsUpdates)
    }
}
