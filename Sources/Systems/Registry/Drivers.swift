import CertsDriver
import DNSDriver
import JujuDriver
import PlanModel
import Reconciler
import TenantCore
import VaultDriver

/// What the drivers of the registered systems are made from: the CLI's (or the daemon's)
/// settings, in one value, so that neither names a driver type.
public struct DriverSettings: Sendable {
    public var juju: JujuCLI
    public var parallelism: Int
    public var journal: (any OwningJournal)?
    /// Where secrets are read (Vault, or a secrets file), if anywhere.
    public var secretStore: (any SecretStore)?
    public var vaultParallelism: Int
    /// Provider name → endpoint overriding `tenantctl.yaml`'s (`--dns-endpoint`).
    public var dnsEndpoints: [String: String]
    /// One DNS provider call's time limit.
    public var dnsTimeout: Duration
    /// How long the DNS health gate waits for a write to be served.
    public var dnsGateTimeout: Duration
    /// certbot's folder, binary and limits; nil: certificates are not observed (nor planned).
    /// Its secret source and DNS endpoints are filled in from the settings above.
    public var certs: CertsDriverSettings?

    public init(juju: JujuCLI, parallelism: Int, journal: (any OwningJournal)?, secretStore: (any SecretStore)?, vaultParallelism: Int,
                dnsEndpoints: [String: String] = [:], dnsTimeout: Duration = .seconds(30), dnsGateTimeout: Duration = .seconds(120),
                certs: CertsDriverSettings? = nil) {
        self.dnsGateTimeout = dnsGateTimeout
        self.certs = certs
        self.dnsEndpoints = dnsEndpoints
        self.dnsTimeout = dnsTimeout
        self.juju = juju
        self.parallelism = parallelism
        self.journal = journal
        self.secretStore = secretStore
        self.vaultParallelism = vaultParallelism
    }
}

/// What applying needs besides observing: the desired state the changes carry out, and the
/// health gate.
public struct ApplySettings: Sendable {
    public var desired: DesiredState
    public var gate: HealthGate

    public init(desired: DesiredState, gate: HealthGate) {
        self.desired = desired
        self.gate = gate
    }
}

extension Systems {
    /// One driver per registered system that has something to drive: Juju and DNS always, Vault
    /// when a secret store is configured. Without `applying`, the drivers only observe.
    public static func drivers(_ settings: DriverSettings, applying: ApplySettings? = nil) -> [any SystemDriver] {
        let observer = Observer(juju: settings.juju, parallelism: settings.parallelism, journal: settings.journal)
        // One set of stores for observing and applying: each tenant Vault's token read once.
        let stores = settings.secretStore.map { SecretStores(platform: $0) }
        let executor = applying.map { applying in
            JujuExecutor(juju: settings.juju, desired: applying.desired, journal: settings.journal,
                         secrets: stores.map { StoreSecretSource(stores: $0) } ?? NoSecretSource(), gate: applying.gate)
        }
        var drivers: [any SystemDriver] = [JujuDriver(observer: observer, executor: executor)]
        if let stores { drivers.append(VaultDriver(stores: stores, parallelism: settings.vaultParallelism)) }
        // Always: a fleet without DNS zones or domains observes nothing and plans nothing. Its
        // credentials are the platform's: a tenant's own Vault never holds them.
        drivers.append(DNSDriver(settings: DNSDriverSettings(secrets: stores.map { StoreSecretSource(stores: $0) },
                                                             endpoints: settings.dnsEndpoints, parallelism: settings.parallelism,
                                                             timeout: settings.dnsTimeout, gateTimeout: settings.dnsGateTimeout,
                                                             book: settings.journal as? any OwnedResourceBook),
                                 desired: applying?.desired))
        if var certs = settings.certs {
            certs.secrets = stores.map { StoreSecretSource(stores: $0) }
            certs.dnsEndpoints = settings.dnsEndpoints
            certs.dnsTimeout = settings.dnsTimeout
            certs.juju = settings.juju
            certs.book = settings.journal as? any CertificateOrderBook
            drivers.append(CertsDriver(settings: certs, desired: applying?.desired))
        }
        return drivers
    }
}
