/// The effective desired state of the whole fleet at one commit: what `plan` compares with the
/// world. Secrets appear only as Vault references.
public struct DesiredState: Sendable, Codable {
    /// Every environment, tenants' and shared offers', sorted by id.
    public var environments: [DesiredEnvironment]
    /// The fleet's DNS settings: who owns the records tenantctl writes, and every zone it
    /// manages (records of tenants gone from git are found there).
    public var dns: DesiredDNS
    /// The fleet's ACME settings (`spec.certificates`); nil: no certificate is planned.
    public var certificates: DesiredCertificates?

    public init(environments: [DesiredEnvironment], dns: DesiredDNS = DesiredDNS(), certificates: DesiredCertificates? = nil) {
        self.environments = environments
        self.dns = dns
        self.certificates = certificates
    }

    public func environments(ofTenant tenant: String) -> [DesiredEnvironment] {
        environments.filter { $0.tenant == tenant }
    }
}

/// One environment = one Juju model (or a place in a shared one).
public struct DesiredEnvironment: Sendable, Codable, Equatable {
    /// `<tenant>/<environment>`, or `<offer>@shared/<environment>` for a shared offer's own model.
    public var id: String
    /// The tenant, or nil for the model a shared offer runs for all its tenants.
    public var tenant: String?
    public var environment: String
    public var offer: String
    public var controller: String
    public var controllerKind: Controller.Kind
    public var cloud: String
    /// The cloud region the model goes to (`add-model <name> <cloud>/<region>`); nil: the
    /// controller's default.
    public var region: String?
    /// The Juju credential the model uses; nil: the controller's default for the cloud.
    public var credential: String?
    public var model: String
    /// The tenant lives in a model it does not own (a shared offer): it has no applications or
    /// machines of its own there.
    public var sharedModel: Bool
    public var bundle: String
    public var ha: Bool
    public var policy: Policy
    public var applications: [DesiredApplication]
    public var machines: [MachineGroup]
    /// Machines declared by the bundle itself, by bundle machine id.
    public var bundleMachines: [String: BundleMachine]
    public var relations: [[String]]
    /// Offers from other models the bundle consumes (`saas:`), by local name: offer URL.
    public var saas: [String: String]
    public var domains: [DesiredDomain]
    /// Every Vault reference the environment's configuration uses, sorted.
    public var secrets: [String]
    public var labels: [String: String]
    /// The tenant's own Vault, when it names one: every Vault reference of the environment is
    /// read there. Nil: the platform's Vault.
    public var vault: DesiredVault?

    public func application(named name: String) -> DesiredApplication? {
        applications.first { $0.name == name }
    }

    public init(id: String, tenant: String?, environment: String, offer: String, controller: String,
                controllerKind: Controller.Kind, cloud: String, model: String, sharedModel: Bool, bundle: String, ha: Bool,
                policy: Policy, applications: [DesiredApplication], machines: [MachineGroup],
                bundleMachines: [String: BundleMachine], relations: [[String]], saas: [String: String],
                domains: [DesiredDomain], secrets: [String], labels: [String: String],
                region: String? = nil, credential: String? = nil) {
        self.id = id
        self.tenant = tenant
        self.environment = environment
        self.offer = offer
        self.controller = controller
        self.controllerKind = controllerKind
        self.cloud = cloud
        self.region = region
        self.credential = credential
        self.model = model
        self.sharedModel = sharedModel
        self.bundle = bundle
        self.ha = ha
        self.policy = policy
        self.applications = applications
        self.machines = machines
        self.bundleMachines = bundleMachines
        self.relations = relations
        self.saas = saas
        self.domains = domains
        self.secrets = secrets
        self.labels = labels
    }
}

public struct DesiredApplication: Sendable, Codable, Equatable {
    public var name: String
    public var charm: String
    public var channel: String?
    public var revision: Int?
    /// Units on IaaS, scale on k8s; nil for a subordinate, whose units follow its principal.
    public var units: Int?
    public var config: [String: ConfigValue]
    public var expose: Bool
    public var constraints: String?
    /// The application's base, else the bundle's `default-base`.
    public var base: String?
    /// Legacy series, from Juju 2.9-era bundles that name no base.
    public var series: String?
    public var trust: Bool
    public var to: [String]
    public var passthrough: [String: RawValue]

    public init(name: String, charm: String, channel: String? = nil, revision: Int? = nil, units: Int? = nil,
                config: [String: ConfigValue] = [:], expose: Bool = false, constraints: String? = nil, base: String? = nil,
                series: String? = nil, trust: Bool = false, to: [String] = [], passthrough: [String: RawValue] = [:]) {
        self.name = name
        self.charm = charm
        self.channel = channel
        self.revision = revision
        self.units = units
        self.config = config
        self.expose = expose
        self.constraints = constraints
        self.base = base
        self.series = series
        self.trust = trust
        self.to = to
        self.passthrough = passthrough
    }
}

public struct DesiredDomain: Sendable, Codable, Equatable {
    public enum Record: String, Sendable, Codable {
        /// A or AAAA to the address of an application's ingress, known once observed.
        case applicationAddress = "application-address"
        case a = "A"
        case aaaa = "AAAA"
        case cname = "CNAME"
        /// The zone's wildcard record already answers for this host.
        case wildcard = "wildcard"
    }

    public var host: String
    public var zone: String
    /// The DNS provider account that hosts the zone.
    public var provider: String
    public var providerType: DNSProvider.Kind
    public var record: Record
    public var target: Domain.Target?
    public var tls: Bool
    /// Buy the domain first when nobody owns it yet.
    public var register: Bool
    /// Seconds: the domain's own `ttl`, else the fleet's `spec.dns.ttl`.
    public var ttl: Int
    /// Take over a record set tenantctl does not own at this name.
    public var adopt: Bool
    /// The certificate also covers `*.<host>`.
    public var tlsWildcard: Bool

    public init(host: String, zone: String, provider: String, providerType: DNSProvider.Kind, record: Record,
                target: Domain.Target?, tls: Bool, register: Bool, ttl: Int = Fleet.defaultDNSTTL, adopt: Bool = false,
                tlsWildcard: Bool = false) {
        self.tlsWildcard = tlsWildcard
        self.host = host
        self.zone = zone
        self.provider = provider
        self.providerType = providerType
        self.record = record
        self.target = target
        self.tls = tls
        self.register = register
        self.ttl = ttl
        self.adopt = adopt
    }
}

/// The fleet's DNS settings as planning needs them.
public struct DesiredDNS: Sendable, Codable, Equatable {
    /// Written into every ownership TXT record (`tenantctl/owner=<ownerId>`).
    public var ownerId: String
    /// Every zone of `tenantctl.yaml`, sorted by name.
    public var zones: [DesiredZone]
    /// The provider accounts, by name: what the DNS driver connects with (credentials stay
    /// Vault references).
    public var providers: [String: DesiredDNSProvider]
    /// `spec.dns.registration`; nil in a plan file from before registration (nothing bought).
    public var registration: DesiredRegistration?

    public init(ownerId: String = "tenantctl", zones: [DesiredZone] = [], providers: [String: DesiredDNSProvider] = [:],
                registration: DesiredRegistration? = nil) {
        self.ownerId = ownerId
        self.zones = zones
        self.providers = providers
        self.registration = registration
    }

    public init(_ fleet: Fleet) {
        self.init(ownerId: fleet.dnsOwnerId,
                  zones: fleet.dnsZones.compactMap { zone in
                      fleet.provider(named: zone.provider.value).map {
                          DesiredZone(zone: zone.zone.value, provider: $0.name.value, providerType: $0.kind, wildcard: zone.wildcard)
                      }
                  }.sorted { ($0.provider, $0.zone) < ($1.provider, $1.zone) },
                  providers: Dictionary(fleet.dnsProviders.map {
                      ($0.name.value, DesiredDNSProvider(kind: $0.kind, settings: $0.settings, credentials: $0.credentials.mapValues(\.description)))
                  }, uniquingKeysWith: { first, _ in first }),
                  registration: DesiredRegistration(fleet.domainRegistration))
    }
}

/// A DNS provider account of `tenantctl.yaml`.
public struct DesiredDNSProvider: Sendable, Codable, Equatable {
    public var kind: DNSProvider.Kind
    /// Settings that are not secret (endpoint, server, TSIG key name…).
    public var settings: [String: String]
    /// Credential name → Vault reference (`vault:platform/dns/ovh#application_key`).
    public var credentials: [String: String]

    public init(kind: DNSProvider.Kind, settings: [String: String], credentials: [String: String]) {
        self.kind = kind
        self.settings = settings
        self.credentials = credentials
    }
}

/// A zone of `tenantctl.yaml`.
public struct DesiredZone: Sendable, Codable, Equatable {
    public var zone: String
    public var provider: String
    public var providerType: DNSProvider.Kind
    public var wildcard: Bool

    public init(zone: String, provider: String, providerType: DNSProvider.Kind, wildcard: Bool) {
        self.zone = zone
        self.provider = provider
        self.providerType = providerType
        self.wildcard = wildcard
    }
}

extension Domain.Target {
    private enum CodingKeys: String, CodingKey { case application, address, cname }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .application(name): try container.encode(name, forKey: .application)
        case let .address(address): try container.encode(address, forKey: .address)
        case let .cname(host): try container.encode(host, forKey: .cname)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try container.decodeIfPresent(String.self, forKey: .application) { self = .application(name) }
        else if let address = try container.decodeIfPresent(String.self, forKey: .address) { self = .address(address) }
        else { self = .cname(try container.decode(String.self, forKey: .cname)) }
    }

    public var summary: String {
        switch self {
        case let .application(name): return "application \(name)"
        case let .address(address): return address
        case let .cname(host): return host
        }
    }
}

/// The fleet's ACME settings as planning and the certificate driver need them.
public struct DesiredCertificates: Sendable, Codable, Equatable {
    public var directory: String
    public var email: String
    /// Vault references, read by the driver only.
    public var eab: ExternalAccountBinding?
    public var renewBefore: RenewBefore
    /// The CA's CAA identities, when known (see ``caaIdentitiesOrKnown``).
    public var caaIdentities: [String]?
    /// The limits forecast before ordering: tenantctl.yaml's, else the directory's defaults.
    public var rateLimits: ACMERateLimits

    public init(directory: String, email: String, eab: ExternalAccountBinding? = nil, renewBefore: RenewBefore = .default,
                caaIdentities: [String]? = nil, rateLimits: ACMERateLimits? = nil) {
        self.rateLimits = rateLimits ?? ACMERateLimits.defaults(for: directory)
        self.caaIdentities = caaIdentities
        self.directory = directory
        self.email = email
        self.eab = eab
        self.renewBefore = renewBefore
    }

    public init(_ settings: CertificateSettings) {
        self.init(directory: settings.directory.value, email: settings.email.value, eab: settings.eab, renewBefore: settings.renewBefore,
                  caaIdentities: settings.caaIdentities, rateLimits: settings.rateLimits)
    }

    /// The configured CAA identities, else Let's Encrypt's for its directories; nil: unknown.
    public var caaIdentitiesOrKnown: [String]? {
        if let caaIdentities { return caaIdentities }
        if directory.contains("api.letsencrypt.org") { return ["letsencrypt.org"] }
        return nil
    }
}
