import DNSPlanning
import Foundation
import TenantCore

/// What `tenantctl cert-hook` needs to answer a challenge, written by the driver to a 0600 file
/// for the length of one certbot run (its path reaches the hook through certbot's environment):
/// the zones of the certificate's names, their providers, and the provider credentials already
/// read from Vault, so that the hook neither reads the repository nor logs in to Vault again.
struct HookContext: Codable, Sendable {
    struct Zone: Codable, Sendable {
        var zone: String
        var provider: String
    }

    var zones: [Zone]
    var providers: [String: DesiredDNSProvider]
    /// Provider → credential name → value. Secret: this file is 0600 and removed after the run.
    var credentials: [String: [String: String]]
    /// `--dns-endpoint` overrides, by provider.
    var endpoints: [String: String]
    var dnsTimeoutSeconds: Int
    /// How long `auth` waits for the authoritative servers to answer the TXT.
    var propagationTimeoutSeconds: Int
    /// TTL of the challenge TXT records.
    var ttl: Int

    /// The environment variable that carries the file's path to the hook.
    static let environmentVariable = "TENANTCTL_CERT_HOOK_CONTEXT"

    /// The zone that holds `name`: the longest configured zone it falls in.
    func zone(of name: String) -> Zone? {
        zones.filter { DNSName.relative(name, in: $0.zone) != nil }.max { $0.zone.count < $1.zone.count }
    }

    static func read(_ path: String) throws -> HookContext {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CertHookError("cannot read the hook context \(path) (this command is run by certbot during tenantctl apply)")
        }
        do { return try JSONDecoder().decode(HookContext.self, from: data) } catch {
            throw CertHookError("the hook context \(path) is not tenantctl's: \(error)")
        }
    }
}

public struct CertHookError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
