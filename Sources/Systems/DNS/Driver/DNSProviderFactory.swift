import DNSPlanning
import Foundation
import TenantCore

/// Builds the client of one provider account from `tenantctl.yaml`'s settings and its
/// credentials (already read from Vault). One `case` per provider type: the OVH and Route 53
/// clients plug in here.
public enum DNSProviderFactory {
    /// - Parameters:
    ///   - endpoint: a `--dns-endpoint` override: the provider's API URL, or an RFC 2136 server.
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
        case .ovh, .route53:
            throw DNSProviderError(.permanent, "provider '\(name)': this tenantctl has no \(provider.kind.rawValue) client yet")
        }
    }
}
