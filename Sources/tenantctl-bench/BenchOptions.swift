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
        16, next to the floor N·L/C. Every figure is printed beside its DESIGN.md budget.

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
        if !options.skipSweep, options.jujuSim.isEmpty {
            throw BenchError("--juju-sim is required for the drift sweep (or give --skip-sweep)")
        }
        if !options.vaultSim.isEmpty, options.jujuSim.isEmpty || options.jujuReplay.isEmpty {
            throw BenchError("--vault-sim needs --juju-sim and --juju-replay (juju-replay stands in for Juju during the Vault measure)")
        }
        if options.ovhSim.isEmpty, !options.skipSweep || !options.vaultSim.isEmpty {
            throw BenchError("--ovh-sim is required by the live runs (the drift sweep, the Vault measure): they serve the tenants' DNS zones")
        }
        if options.vaultTenants == 0 { options.vaultTenants = options.tenants }
        if options.smallTenants >= options.tenants {
            throw BenchError("--small-tenants (\(options.smallTenants)) must be below --tenants (\(options.tenants))")
        }
        return options
    }
}
