/// Command-line options of tenantctl-bench (Foundation only: no argument-parser dependency).
struct BenchOptions: Sendable {
    static let usage = """
        usage: tenantctl-bench --tenantctl <binary> --examples <repo> --work <dir> [options]

        Generates a git repository of N tenants (the examples' fleet, offers and bundles, N valid
        tenant manifests) and another of 10, then measures the tenantctl binary on them:
        `validate` (wall time, peak RSS per tenant) and `changed` on a commit touching one tenant
        (the ratio between the two repositories); `plan` from an observation snapshot of each
        --plan-tenants repository (mostly converged, ~10% drifted, a few models absent); and a
        drift sweep of --sweep-models models against juju-sim with 100 ms per call at parallelism
        16, next to the floor N·L/C. Every figure is printed beside its DESIGN.md budget. With
        --gitlab-sim, `tenantctl serve` on the example fleet: push webhook to first change started,
        and a flood of webhooks (looks, runs, RSS).

        required:
          --tenantctl <path>     the tenantctl binary to measure (a release build)
          --examples <path>      the example repository (tenantctl.yaml, offers/, bundles/ are copied)
          --work <dir>           scratch directory: must not exist or be empty; removed at the end
          --juju-sim <path>      the juju-sim binary the drift sweep runs against (not needed with --skip-sweep)

        options:
          --tenants <n>          tenants in the large repository (default 10000)
          --small-tenants <n>    tenants in the small repository (default 10)
          --validate-runs <n>    timed validate runs per repository (default 3)
          --changed-runs <n>     timed changed runs per repository (default 5)
          --plan-tenants <list>  comma-separated repository sizes `plan` is timed on (default 1000,10000)
          --plan-runs <n>        timed plan runs per size (default 3)
          --sweep-models <n>     models the drift sweep observes (default 1000)
          --skip-sweep           no drift sweep (and no juju-sim needed)
          --juju-replay <path>   the juju-replay binary: the sweep is run again against juju-sim's
                                 recorded answers replayed at the same latency (the floor is then
                                 L + (status + export-bundle calls)·L/C); needed by the Vault measure
          --vault-sim <path>     the vault-sim binary: plan --vault-tenants tenants that reference two
                                 Vault secrets each, their metadata read from vault-sim at 20 ms per
                                 request with --vault-parallelism 16 (needs --juju-sim, --juju-replay)
          --vault-tenants <n>    tenants of the Vault measure (default: --tenants)
          --ovh-sim <path>       the ovh-sim binary: the live runs' OVH zones are served by it (their
                                 Route 53 zones by moto_server, their RFC 2136 zones by bind9's named),
                                 and the DNS measure observes --dns-zones zones of --dns-records
                                 records each from it at 20 ms per request (required by the live runs)
          --dns-zones <n>        zones of the DNS measure (default 100)
          --dns-records <n>      records per zone of the DNS measure (default 100)
          --dns-apply-records <n>  records of the DNS apply measure (default 1000; 0: none): plan and
                                 apply them in one zone on bind9's named (RFC 2136) and on moto_server
                                 (Route 53), count the provider calls against the fewest the API
                                 allows, and require an empty plan after (needs --juju-sim)
          --gitlab-sim <path>    the gitlab-sim binary: measure `tenantctl serve` on the example fleet with
                                 juju-sim (needs --juju-sim, --ovh-sim): push webhook (gitlab-sim's
                                 payload) to the first change started, next to one `juju status` of the
                                 tenant's models; then a flood of webhooks: looks, runs, serve's RSS
          --serve-samples <n>    timed push webhooks, one commit each (default 5)
          --flood-events <n>     webhooks of the flood (default 10000)
          --flood-seconds <n>    the flood is sent within this many seconds, one batch a second (default 10)
          --flood-connections <n>  concurrent connections of the flood (default 8)
          --only-serve           only the serve measure (no generated repository)
          --certificates <n>     certificates one apply issues against pebble, DNS-01 in bind9's
                                 named, with --juju-sim (default 50; skipped, saying why, without
                                 pebble, certbot, openssl or sqlite3)
          --skip-certs           no certificate measure
          --seed <n>             generator seed; the same seed gives the same repositories (default 1)
          --timeout <seconds>    limit for each child process (default 600)
          --loose                leave git objects loose instead of packing them like a fetched clone
          --json                 print the report as JSON instead of a table
          --keep                 keep the work directory (repositories and child logs)
          --strict               exit with status 3 when a figure is over budget
          -h, --help             show this help

        Exit status: 0 done, 1 error (invalid generated repository, wrong tenantctl answer, failed
        child), 2 usage error, 3 over budget with --strict.
        """

    var tenantctl = ""
    var examples = ""
    var work = ""
    var tenants = 10_000
    var smallTenants = 10
    var validateRuns = 3
    var changedRuns = 5
    var planTenants = [1_000, 10_000]
    var planRuns = 3
    var sweepModels = 1_000
    var skipSweep = false
    var jujuSim = ""
    var jujuReplay = ""
    var vaultSim = ""
    /// 0 until parsed: then --tenants unless given.
    var vaultTenants = 0
    var ovhSim = ""
    var dnsZones = 100
    var dnsRecords = 100
    var dnsApplyRecords = 1_000
    var gitlabSim = ""
    var serveSamples = 5
    var floodEvents = 10_000
    var floodSeconds = 10
    var floodConnections = 8
    var onlyServe = false
    var certificates = 50
    var skipCerts = false
    var seed: UInt64 = 1
    var timeoutSeconds = 600.0
    var pack = true
    var json = false
    var keep = false
    var strict = false
    var help = false

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var remaining = arguments[...]
        func value(_ name: String) throws -> String {
            guard let value = remaining.popFirst() else { throw BenchError("\(name) needs a value") }
            return value
        }
        func count(_ name: String, minimum: Int) throws -> Int {
            let text = try value(name)
            guard let number = Int(text), number >= minimum else { throw BenchError("\(name) expects a whole number ≥ \(minimum), got '\(text)'") }
            return number
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--tenantctl": options.tenantctl = try value(argument)
            case "--examples": options.examples = try value(argument)
            case "--work": options.work = try value(argument)
            case "--tenants": options.tenants = try count(argument, minimum: 1)
            case "--small-tenants": options.smallTenants = try count(argument, minimum: 1)
            case "--validate-runs": options.validateRuns = try count(argument, minimum: 1)
            case "--changed-runs": options.changedRuns = try count(argument, minimum: 1)
            case "--plan-tenants":
                let text = try value(argument)
                let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                    throw BenchError("--plan-tenants expects whole numbers ≥ 1 separated by commas, got '\(text)'")
                }
                options.planTenants = Array(Set(sizes.compactMap { $0 })).sorted()
            case "--plan-runs": options.planRuns = try count(argument, minimum: 1)
            case "--sweep-models": options.sweepModels = try count(argument, minimum: 1)
            case "--skip-sweep": options.skipSweep = true
            case "--juju-sim": options.jujuSim = try value(argument)
            case "--juju-replay": options.jujuReplay = try value(argument)
            case "--vault-sim": options.vaultSim = try value(argument)
            case "--vault-tenants": options.vaultTenants = try count(argument, minimum: 1)
            case "--ovh-sim": options.ovhSim = try value(argument)
            case "--dns-zones": options.dnsZones = try count(argument, minimum: 1)
            case "--dns-records": options.dnsRecords = try count(argument, minimum: 1)
            case "--dns-apply-records": options.dnsApplyRecords = try count(argument, minimum: 0)
            case "--gitlab-sim": options.gitlabSim = try value(argument)
            case "--serve-samples": options.serveSamples = try count(argument, minimum: 1)
            case "--flood-events": options.floodEvents = try count(argument, minimum: 1)
            case "--flood-seconds": options.floodSeconds = try count(argument, minimum: 1)
            case "--flood-connections": options.floodConnections = try count(argument, minimum: 1)
            case "--only-serve": options.onlyServe = true
            case "--certificates": options.certificates = try count(argument, minimum: 1)
            case "--skip-certs": options.skipCerts = true
            case "--seed":
                let text = try value(argument)
                guard let seed = UInt64(text) else { throw BenchError("--seed expects a whole number, got '\(text)'") }
                options.seed = seed
            case "--timeout":
                let text = try value(argument)
                guard let seconds = Double(text), seconds > 0 else { throw BenchError("--timeout expects seconds > 0, got '\(text)'") }
                options.timeoutSeconds = seconds
            case "--loose": options.pack = false
            case "--json": options.json = true
            case "--keep": options.keep = true
            case "--strict": options.strict = true
            case "-h", "--help": options.help = true
            default: throw BenchError("unknown argument '\(argument)'")
            }
        }
        if options.help { return options }
        for (name, value) in [("--tenantctl", options.tenantctl), ("--examples", options.examples), ("--work", options.work)] where value.isEmpty {
            throw BenchError("\(name) is required")
        }
        if !options.gitlabSim.isEmpty || options.onlyServe, options.gitlabSim.isEmpty || options.jujuSim.isEmpty || options.ovhSim.isEmpty {
            throw BenchError("the serve measure needs --gitlab-sim, --juju-sim and --ovh-sim (the example fleet's OVH zones)")
        }
        if options.onlyServe { return options }
        if !options.skipSweep, options.jujuSim.isEmpty {
            throw BenchError("--juju-sim is required for the drift sweep (or give --skip-sweep)")
        }
        if !options.vaultSim.isEmpty, options.jujuSim.isEmpty || options.jujuReplay.isEmpty {
            throw BenchError("--vault-sim needs --juju-sim and --juju-replay (juju-replay stands in for Juju during the Vault measure)")
        }
        if options.ovhSim.isEmpty, !options.skipSweep || !options.vaultSim.isEmpty {
            throw BenchError("--ovh-sim is required by the live runs (the drift sweep, the Vault measure): they serve the tenants' DNS zones")
        }
        if options.dnsApplyRecords > 0, options.jujuSim.isEmpty {
            throw BenchError("--dns-apply-records needs --juju-sim (each tenant's model is created by the apply), or give --dns-apply-records 0")
        }
        if options.vaultTenants == 0 { options.vaultTenants = options.tenants }
        if options.smallTenants >= options.tenants {
            throw BenchError("--small-tenants (\(options.smallTenants)) must be below --tenants (\(options.tenants))")
        }
        return options
    }
}
