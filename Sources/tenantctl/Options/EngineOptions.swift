import ArgumentParser
import CertsDriver
import Foundation
import HTTPClient
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Store
import Systems
import TenantCore
import VaultDriver

/// Options of every command that touches the world, so scripts pass one set to plan, apply,
/// drift, observe and history.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Where the journal (SQLite) lives. Default: $TENANTCTL_STATE_DIR, else $XDG_DATA_HOME/tenantctl, else ~/.local/share/tenantctl.", valueName: "dir"))
    var stateDir: String?

    @Option(name: .long, help: ArgumentHelp("The juju binary. Default: $TENANTCTL_JUJU_BIN, else 'juju' from PATH (tests and the demo use juju-sim).", valueName: "path"))
    var jujuBin: String?

    @Option(name: .long, help: "Models observed, and environments applied, at the same time.")
    var parallelism: Int = 8

    @Option(name: .long, help: ArgumentHelp("Seconds one juju call may take before it is killed and counted as failed.", valueName: "seconds"))
    var jujuTimeout: Int = 60

    @Option(name: .long, help: ArgumentHelp("Seconds a juju deploy or destroy-model may take (charms download, models drain); progress is printed meanwhile.", valueName: "seconds"))
    var jujuLongTimeout: Int = 1800

    @Option(name: .long, help: ArgumentHelp("Where tenantctl writes the files it hands to juju (bundles, config; they may hold secrets). It must be a folder juju can read: the snap-installed juju sees only non-hidden folders of $HOME. Default: $TENANTCTL_JUJU_FILES_DIR, else ~/snap/juju/common/tenantctl.", valueName: "dir"))
    var jujuFilesDir: String?

    @Option(name: [.customLong("max-model-removals"), .customLong("max-deletions")],
            help: ArgumentHelp("Most models a run may destroy (tenants deleted from git, with prune). --max-deletions is its former name.", valueName: "n"))
    var maxModelRemovals: Int = 0

    @Option(name: .long, help: ArgumentHelp("Most other removals (units, applications, relations, machines) a run may plan.", valueName: "n"))
    var maxRemovals: Int = 20

    @Option(name: .long, help: ArgumentHelp("Secret values for Vault references, instead of Vault: a YAML map of '<path>#<key>' to value, readable by you only (CI plans, the demo). Default: $TENANTCTL_SECRETS_FILE.", valueName: "file"))
    var secretsFile: String?

    @Option(name: .long, help: ArgumentHelp("Vault requests in flight at once, per Vault (metadata reads while observing; tenants' own Vaults side by side).", valueName: "n"))
    var vaultParallelism: Int = 16

    @Option(name: .long, help: ArgumentHelp("Seconds one Vault request may take (each attempt; 429 and 5xx are retried).", valueName: "seconds"))
    var vaultTimeout: Int = 10

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Only this tenant (repeatable).", valueName: "name"))
    var tenant: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Point DNS provider NAME of tenantctl.yaml at another endpoint (repeatable): an API URL, or for an rfc2136 provider its server as host:port or dns://host:port (test servers, the demo). Default: $TENANTCTL_DNS_ENDPOINTS (NAME=URL, comma-separated).", valueName: "NAME=URL"))
    var dnsEndpoint: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seconds one DNS provider call may take: a dig or nsupdate run (rfc2136), one HTTP attempt (ovh, route53; 429 and 5xx are retried).", valueName: "seconds"))
    var dnsTimeout: Int = 30

    @Option(name: .long, help: ArgumentHelp("Seconds the DNS health gate waits, after a record is written or deleted, for the zone's authoritative servers (the provider's nameservers setting, else an rfc2136 provider's server) to answer the new value; past it the change fails and its dependents are skipped.", valueName: "seconds"))
    var dnsGateTimeout: Int = 120

    @Option(name: .long, help: ArgumentHelp("The certbot binary that obtains and renews certificates (DNS-01 through tenantctl's DNS providers). Default: $TENANTCTL_CERTBOT_BIN, else 'certbot' from PATH.", valueName: "path"))
    var certbotBin: String?

    @Option(name: .long, help: ArgumentHelp("Seconds the DNS-01 hook waits for a zone's authoritative server to answer a challenge record.", valueName: "seconds"))
    var certPropagationTimeout: Int = 120

    func validate() throws {
        if certPropagationTimeout < 1 { throw ValidationError("--cert-propagation-timeout must be at least 1 second") }
        if parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
        if vaultParallelism < 1 { throw ValidationError("--vault-parallelism must be at least 1") }
        if vaultTimeout < 1 { throw ValidationError("--vault-timeout must be at least 1 second") }
        if jujuTimeout < 1 { throw ValidationError("--juju-timeout must be at least 1 second") }
        if jujuLongTimeout < 1 { throw ValidationError("--juju-long-timeout must be at least 1 second") }
        if maxModelRemovals < 0 || maxRemovals < 0 { throw ValidationError("--max-model-removals and --max-removals cannot be negative") }
        if dnsTimeout < 1 { throw ValidationError("--dns-timeout must be at least 1 second") }
        if dnsGateTimeout < 1 { throw ValidationError("--dns-gate-timeout must be at least 1 second") }
        _ = try dnsEndpoints()
    }

    /// `--dns-endpoint` entries over `$TENANTCTL_DNS_ENDPOINTS`: provider name → endpoint.
    func dnsEndpoints() throws -> [String: String] {
        var endpoints: [String: String] = [:]
        let fromEnvironment = (ProcessInfo.processInfo.environment["TENANTCTL_DNS_ENDPOINTS"] ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for (entry, source) in fromEnvironment.map({ ($0, "TENANTCTL_DNS_ENDPOINTS") }) + dnsEndpoint.map({ ($0, "--dns-endpoint") }) {
            guard let equals = entry.firstIndex(of: "="), !entry[..<equals].isEmpty, !entry[entry.index(after: equals)...].isEmpty,
                  entry.utf8.count <= 2048 else {
                throw ValidationError("\(source): expected NAME=URL (a DNS provider of tenantctl.yaml and its endpoint), got '\(Printable.escaped(String(entry.prefix(80))))'")
            }
            endpoints[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        return endpoints
    }

    var jujuBinary: String {
        if let jujuBin { return jujuBin }
        if let configured = ProcessInfo.processInfo.environment["TENANTCTL_JUJU_BIN"], !configured.isEmpty { return configured }
        return "juju"
    }

    var juju: JujuCLI {
        JujuCLI(binary: jujuBinary, timeout: .seconds(jujuTimeout), longTimeout: .seconds(jujuLongTimeout), filesDirectory: jujuFilesDir)
    }

    /// The drivers that observe, for plan, drift and observe (no executor: they change nothing).
    /// The registered systems' drivers, from these options. `store`: the secret store the run
    /// uses (one per run: one Vault login).
    func drivers(journal: (any OwningJournal)?, store: (any SecretStore)?, applying: ApplySettings? = nil) -> [any SystemDriver] {
        Systems.drivers(DriverSettings(juju: juju, parallelism: parallelism, journal: journal, secretStore: store,
                                       vaultParallelism: vaultParallelism, dnsEndpoints: (try? dnsEndpoints()) ?? [:],
                                       dnsTimeout: .seconds(dnsTimeout), dnsGateTimeout: .seconds(dnsGateTimeout),
                                       certs: certsSettings), applying: applying)
    }

    /// certbot's folder is `certbot/` under the state directory: tenantctl's own lineages,
    /// account and logs, never `/etc/letsencrypt`.
    var certsSettings: CertsDriverSettings {
        let state = stateDir ?? StateStore.defaultDirectory()
        let binary = certbotBin ?? ProcessInfo.processInfo.environment["TENANTCTL_CERTBOT_BIN"].flatMap { $0.isEmpty ? nil : $0 } ?? "certbot"
        return CertsDriverSettings(directory: state + "/certbot", certbot: binary, secrets: nil,
                                   propagationTimeout: .seconds(certPropagationTimeout))
    }

    /// Where secrets are read: the secrets file when one is given; else Vault, as the fleet (or
    /// `VAULT_ADDR` and friends) says; else nothing (secrets are then needed only by apply, which
    /// says so).
    func secretStore(fleet: Fleet?) throws -> (any SecretStore)? {
        let path = secretsFile ?? ProcessInfo.processInfo.environment["TENANTCTL_SECRETS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let path {
            do { return FileSecretStore(file: try FileSecretSource(path: path)) } catch let error as SecretError { throw CLIError(error.description) }
        }
        let connection: VaultConnection
        do {
            guard let resolved = try VaultSettingsResolution.connection(fleet: fleet?.vault) else { return nil }
            connection = resolved
        } catch let error as CLIError {
            // Credentials that cannot be read are Vault out of reach: the environments that need
            // a secret are held back with the reason, the others are planned.
            return UnavailableSecretStore(reason: error.description, mount: fleet?.vault?.kvMount ?? "secret", sourceName: "Vault")
        }
        return VaultHTTPStore(settings: connection, configuration: HTTPClientConfiguration(connectTimeout: .seconds(vaultTimeout),
                                                                                          totalTimeout: .seconds(vaultTimeout)))
    }

    var tenantFilter: Set<String>? { tenant.isEmpty ? nil : Set(tenant) }

    /// - Parameter tenants: the tenants planned for (the daemon's changed tenants); --tenant by default.
    func planOptions(owned: [String: [String: String]], fleet: Fleet?, tenants: Set<String>?? = nil) -> PlanOptions {
        PlanOptions(maxModelRemovals: maxModelRemovals, maxRemovals: maxRemovals, tenants: tenants ?? tenantFilter,
                    owned: owned, pruneRemovedTenants: fleet?.defaults.policy.prune ?? false)
    }
}
