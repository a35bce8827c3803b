import DNSPlanning
import TenantCore

/// One certificate the manifests ask for: a `tls: true` domain of a tenant environment, its
/// names (the host, and `*.<host>` with `tlsWildcard: true`), and where their DNS-01 challenges
/// are answered (the domain's zone and provider). One certbot lineage each.
public struct CertificateRequest: Sendable, Codable, Equatable {
    public var tenant: String
    /// The environment id (`acme/production`).
    public var environment: String
    public var environmentName: String
    public var host: String
    /// Sorted: the host first, then its wildcard.
    public var names: [String]
    public var zone: String
    public var provider: String
    /// The application the domain points at (its ingress), which gets the certificate; nil for
    /// a domain that points at an address or a CNAME (nothing in Juju to give it to).
    public var application: String?
    /// Where that application runs: `<controller>:<model>`.
    public var model: String

    /// The Juju user secret holding the certificate: `tls-` and the host, dots as dashes.
    public var secretName: String { "tls-" + host.replacingOccurrences(of: ".", with: "-") }

    /// The certbot lineage (`--cert-name`): tenant, environment and host, joined by `_`, which
    /// no DNS label and no tenant or environment name holds, so two requests never share one.
    public var lineage: String { "\(tenant)_\(environmentName)_\(host)" }

    public init(tenant: String, environment: String, environmentName: String, host: String, names: [String], zone: String, provider: String,
                application: String? = nil, model: String = "") {
        self.application = application
        self.model = model
        self.tenant = tenant
        self.environment = environment
        self.environmentName = environmentName
        self.host = host
        self.names = names
        self.zone = zone
        self.provider = provider
    }

    /// Every certificate of the desired state, by environment then host; none when the fleet has
    /// no `spec.certificates` (the domains' `tls: true`, the default, then only says what is
    /// wanted once certificates are configured). Shared models' environments have no domains.
    public static func all(in desired: DesiredState) -> [CertificateRequest] {
        guard desired.certificates != nil else { return [] }
        var seen = Set<String>()
        var requests: [CertificateRequest] = []
        for environment in desired.environments {
            guard let tenant = environment.tenant else { continue }
            for domain in environment.domains where domain.tls {
                let host = DNSName.normalized(domain.host)
                let names = domain.tlsWildcard ? [host, "*." + host] : [host]
                let request = CertificateRequest(tenant: tenant, environment: environment.id, environmentName: environment.environment,
                                                 host: host, names: names, zone: DNSName.normalized(domain.zone), provider: domain.provider,
                                                 application: domain.target.flatMap { if case let .application(name) = $0 { name } else { nil } },
                                                 model: "\(environment.controller):\(environment.model)")
                if seen.insert(request.lineage).inserted { requests.append(request) }
            }
        }
        return requests
    }
}
