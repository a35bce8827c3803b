import DNSPlanning
import Foundation
import HTTPClient
import TenantCore

/// Builds the client of one provider account from `tenantctl.yaml`'s settings and its
/// credentials (already read from Vault). One `case` per provider type.
public enum DNSProviderFactory {
    /// - Parameters:
    ///   - endpoint: a `--dns-endpoint` override: the provider's API URL, or an RFC 2136 server.
    ///   - timeout: one provider call's limit: a DNS tool's run, or one HTTP attempt.
    public static func make(name: String, provider: DesiredDNSProvider, credentials: [String: String], endpoint: String?,
                            timeout: Duration) throws -> any DNSProviderClient {
        switch provider.kind {
        case .rfc2136:
            guard let server = endpoint ?? provider.settings["server"], let keyName = provider.settings["tsigKeyName"],
                  let secret = credentials["tsigSecret"] else {
                throw DNSProviderError(.permanent, "provider '\(name)' lacks server, tsigKeyName or tsigSecret")
            }
            let key = try TSIGKey(name: keyName, algorithm: provider.settings["tsigAlgorithm"] ?? "hmac-sha256", secret: secret)
            return try RFC2136Provider(server: server, key: key, timeout: timeout)
        case .ovh:
            guard let endpoint = endpoint ?? provider.settings["endpoint"], let applicationKey = credentials["applicationKey"],
                  let applicationSecret = credentials["applicationSecret"], let consumerKey = credentials["consumerKey"] else {
                throw DNSProviderError(.permanent, "provider '\(name)' lacks endpoint, applicationKey, applicationSecret or consumerKey")
            }
            return try OVHProvider(endpoint: endpoint,
                                   credentials: OVHCredentials(applicationKey: applicationKey, applicationSecret: applicationSecret, consumerKey: consumerKey),
                                   http: http(timeout: timeout))
        case .route53:
            guard let accessKeyId = credentials["accessKeyId"], let secretAccessKey = credentials["secretAccessKey"] else {
                throw DNSProviderError(.permanent, "provider '\(name)' lacks accessKeyId or secretAccessKey")
            }
            var url: URL?
            if let text = endpoint ?? provider.settings["endpoint"] {
                guard let parsed = URL(string: text), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
                      parsed.host != nil, parsed.user == nil else {
                    throw DNSProviderError(.permanent, "provider '\(name)': endpoint '\(text)' is not an http(s) URL")
                }
                url = parsed
            }
            return Route53Provider(endpoint: url, region: provider.settings["region"],
                                   credentials: AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
                                                               sessionToken: credentials["sessionToken"]),
                                   http: http(timeout: timeout), hostedZoneID: provider.settings["hostedZoneId"])
        }
    }

    /// The HTTP client of an API provider: each attempt within the DNS timeout (connecting
    /// within it too, and within 10 s: a host that does not answer that soon is down), with
    /// the client's standard retries of 429 and 5xx.
    static func http(timeout: Duration) -> HTTPClient {
        HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: min(timeout, .seconds(10)), totalTimeout: timeout))
    }
}
