import DNSPlanning
import Foundation
import HTTPClient
import Reconciler
import TenantCore

/// One registrar client per provider account per run, its credentials read from Vault on first
/// use (the provider's own: the account that hosts the zone buys the domain), and masked.
final class RegistrarClients: Sendable {
    let settings: DNSDriverSettings
    let redactor: SecretRedactor
    private let cache = RegistrarCache()

    init(settings: DNSDriverSettings, redactor: SecretRedactor) {
        self.settings = settings
        self.redactor = redactor
    }

    func registrar(_ name: String, _ provider: DesiredDNSProvider?) async throws -> any Registrar {
        try await cache.registrar(name) { [settings, redactor] in
            guard let provider else { throw DNSDriverError("no DNS provider named '\(name)' in tenantctl.yaml") }
            let credentials = try await Self.credentials(name, provider, secrets: settings.secrets, redactor: redactor)
            let http = HTTPClient()
            let override = settings.endpoints[name]
            switch provider.kind {
            case .route53:
                guard let key = credentials["accessKeyId"], let secret = credentials["secretAccessKey"] else {
                    throw DNSDriverError("provider '\(name)' lacks accessKeyId or secretAccessKey")
                }
                // `domainsEndpoint`, else the `--dns-endpoint` override (moto serves both APIs on one port), else AWS's.
                let endpoint = (provider.settings["domainsEndpoint"] ?? override).flatMap(URL.init(string:))
                return Route53Registrar(client: Route53DomainsClient(endpoint: endpoint, credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret),
                                                                     http: http))
            case .ovh:
                guard let applicationKey = credentials["applicationKey"], let applicationSecret = credentials["applicationSecret"],
                      let consumerKey = credentials["consumerKey"] else {
                    throw DNSDriverError("provider '\(name)' lacks applicationKey, applicationSecret or consumerKey")
                }
                let endpoint = try OVHEndpoint(override ?? provider.settings["endpoint"] ?? "ovh-eu")
                let keys = OVHCredentials(applicationKey: applicationKey, applicationSecret: applicationSecret, consumerKey: consumerKey)
                return OVHRegistrar(pricing: OVHDomainPricing(endpoint: endpoint, credentials: keys, http: http),
                                    order: OVHDomainOrder(endpoint: endpoint, credentials: keys, http: http))
            case .rfc2136:
                throw DNSDriverError("provider '\(name)' (rfc2136) cannot register domains")
            }
        }
    }

    /// The Route 53 DNS client of the account, for the hosted zone of a domain just bought.
    func route53(_ name: String, _ provider: DesiredDNSProvider?) async throws -> Route53Provider {
        guard let provider, provider.kind == .route53 else { throw DNSDriverError("provider '\(name)' is not a route53 provider") }
        let credentials = try await Self.credentials(name, provider, secrets: settings.secrets, redactor: redactor)
        guard let key = credentials["accessKeyId"], let secret = credentials["secretAccessKey"] else {
            throw DNSDriverError("provider '\(name)' lacks accessKeyId or secretAccessKey")
        }
        let endpoint = (settings.endpoints[name] ?? provider.settings["endpoint"]).flatMap(URL.init(string:))
        return Route53Provider(endpoint: endpoint, region: provider.settings["region"], credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret),
                               http: HTTPClient())
    }

    static func credentials(_ name: String, _ provider: DesiredDNSProvider, secrets: (any SecretSource)?, redactor: SecretRedactor) async throws -> [String: String] {
        guard let secrets else {
            throw DNSDriverError("provider '\(name)': its credentials are Vault references, and no Vault (or secrets file) is configured")
        }
        var credentials: [String: String] = [:]
        for (key, text) in provider.credentials.sorted(by: { $0.key < $1.key }) {
            guard case let .success(reference) = VaultReference.parse(text) else {
                throw DNSDriverError("provider '\(name)': credential \(key) is not a Vault reference")
            }
            do {
                let value = try await secrets.value(for: reference)
                redactor.register(value)
                credentials[key] = value
            } catch {
                throw DNSDriverError("provider '\(name)': reading credential \(key) (\(reference)) failed: \(redactor.redact("\(error)"))")
            }
        }
        return credentials
    }
}

/// Registrars by provider name: the first caller builds, the others wait for the same result.
actor RegistrarCache {
    private var tasks: [String: Task<any Registrar, any Error>] = [:]

    func registrar(_ name: String, _ make: @escaping @Sendable () async throws -> any Registrar) async throws -> any Registrar {
        if let task = tasks[name] { return try await task.value }
        let task = Task { try await make() }
        tasks[name] = task
        return try await task.value
    }
}
