import DNSPlanning
import Foundation
import Reconciler
import TenantCore

/// Which servers to ask whether a zone serves a value.
///
/// - The provider's `nameservers` setting (tenantctl.yaml), when given: the servers the world
///   asks (a hidden primary's public secondaries, a provider's name servers reachable from here).
/// - Else, for RFC 2136, the primary tenantctl writes to: it answers authoritatively as soon as
///   the update is accepted.
/// - Else nil: an API provider's servers are not known here, and its own word stands (Route 53
///   answers `INSYNC` only once all its servers serve the change; OVH serves after `/refresh`).
public enum AuthoritativeServers {
    public static func configured(_ provider: DesiredDNSProvider?, client: any DNSProviderClient) throws -> [NameServer]? {
        if let listed = try nameservers(provider) { return listed }
        if let rfc2136 = ((client as? CoalescingDNSClient)?.wrapped ?? client) as? RFC2136Provider { return [NameServer(host: rfc2136.host, port: rfc2136.port)] }
        return nil
    }

    /// The `nameservers` setting, comma-separated `host[:port]`; nil when not set.
    public static func nameservers(_ provider: DesiredDNSProvider?) throws -> [NameServer]? {
        guard let text = provider?.settings[settingKey] else { return nil }
        let servers = try text.split(separator: ",").map { try NameServer(parsing: $0.trimmingCharacters(in: .whitespaces)) }
        return servers.isEmpty ? nil : servers
    }

    public static let settingKey = "nameservers"

    /// The zone's NS records as the system resolver gives them, on port 53: the servers an ACME
    /// CA asks. The closest enclosing name with NS records is the zone.
    public static func resolved(enclosing name: String, runner: ProcessRunner = ProcessRunner()) async throws -> [NameServer] {
        var zone = Substring(DNSName.normalized(name))
        while true {
            let output = try await runner.run("dig", ["+short", "NS", "\(zone)."], timeout: .seconds(10))
            let servers = output.stdoutText.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if output.exitCode == 0, !servers.isEmpty { return servers.map { NameServer(host: $0) } }
            guard let dot = zone.firstIndex(of: ".") else { break }
            zone = zone[zone.index(after: dot)...]
        }
        throw DNSProviderError(.transient, "no NS records found for \(name) or any name above it")
    }
}
