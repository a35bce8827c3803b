/// `tenantctl.yaml`: the platform every tenant runs on.
public struct Fleet: Sendable {
    public static let fileName = "tenantctl.yaml"

    public var name: String
    public var file: String
    /// The platform's own domain; `<label>.<wildcardDomain>` hosts are covered by its wildcard record.
    public var wildcardDomain: Located<String>?
    public var controllers: [Controller]
    public var defaults: FleetDefaults
    public var dnsProviders: [DNSProvider]
    public var dnsZones: [DNSZone]
    public var vault: VaultSettings?
    /// `spec.certificates`: the ACME directory and account; nil: no certificate is planned.
    public var certificates: CertificateSettings?
    /// `spec.dns.ttl`: the TTL of the records tenantctl writes, unless a domain sets its own.
    public var dnsTTL: Int = Fleet.defaultDNSTTL
    /// `spec.dns.ownerId`, written into every ownership TXT record; nil: the fleet's name.
    public var dnsOwnerIdSetting: Located<String>?
    /// `spec.dns.registration`: whether and within which limits domains may be bought.
    public var domainRegistration = DomainRegistration()

    public static let defaultDNSTTL = 300

    /// Who owns the records tenantctl writes: two fleets (production and staging platforms)
    /// sharing a zone must have different owner ids, or each would take the other's records.
    public var dnsOwnerId: String { dnsOwnerIdSetting?.value ?? name }

    public func controller(named name: String) -> Controller? {
        controllers.first { $0.name.value == name }
    }

    public func provider(named name: String) -> DNSProvider? {
        dnsProviders.first { $0.name.value == name }
    }

    /// The most specific zone that contains `host`.
    public func zone(containing host: String) -> DNSZone? {
        dnsZones
            .filter { Names.host(host, isIn: $0.zone.value) }
            .max { $0.zone.value.count < $1.zone.value.count }
    }
}

/// A Juju controller, bootstrapped outside tenantctl.
public struct Controller: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Kubernetes clouds (microk8s…): applications scale, there are no machines.
        case k8s
        /// Machine clouds (OpenStack, OVH, AWS, MAAS, LXD): units live on machines.
        case iaas
    }

    public var name: Located<String>
    public var cloud: String
    public var region: String?
    /// The Juju credential new models use (`add-model --credential`); nil: the controller's default.
    public var credential: String?
    public var kind: Kind
}

public struct FleetDefaults: Sendable {
    public var controller: Located<String>?
    public var environments: [Located<String>]
    public var policy: Policy

    public static let standardEnvironments = ["staging", "production"]
}

public struct DNSProvider: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case ovh
        case route53
        case rfc2136

        /// Providers through which tenantctl can buy a domain.
        public var canRegisterDomains: Bool { self != .rfc2136 }
    }

    public var name: Located<String>
    public var kind: Kind
    /// Provider settings that are not secret (endpoint, region, server, TSIG key name…).
    public var settings: [String: String]
    /// Credentials, each a Vault reference.
    public var credentials: [String: VaultReference]
}

public struct DNSZone: Sendable {
    public var zone: Located<String>
    public var provider: Located<String>
    /// The zone carries `*.<zone>`: one-label hosts below it need no record of their own.
    public var wildcard: Bool
}

public struct VaultSettings: Sendable {
    public enum AuthMethod: String, Sendable, Codable, CaseIterable {
        case token
        case approle
        case kubernetes
    }

    public var address: Located<String>
    public var kvMount: String
    public var namespace: String?
    /// A PEM file of the CAs to trust for Vault's certificate (a private CA).
    public var caFile: String?
    public var authMethod: AuthMethod
    public var authSettings: [String: String]
    /// The path under which tenants' Vault tokens live (`platform/tenants`): a tenant naming its
    /// own Vault may only use a token under `<tenantTokens>/<tenant>/`. Nil: no tenant may.
    public var tenantTokens: Located<String>?

    public init(address: Located<String>, kvMount: String, namespace: String?, caFile: String? = nil, authMethod: AuthMethod,
                authSettings: [String: String], tenantTokens: Located<String>? = nil) {
        self.tenantTokens = tenantTokens
        self.address = address
        self.kvMount = kvMount
        self.namespace = namespace
        self.caFile = caFile
        self.authMethod = authMethod
        self.authSettings = authSettings
    }
}
