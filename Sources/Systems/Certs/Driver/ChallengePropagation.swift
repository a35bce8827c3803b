import DNSDriver
import Foundation
import Reconciler
import TenantCore

/// Waits until the zone's authoritative servers answer a challenge TXT value, asked directly
/// (the DNS health gate's ``AuthoritativeQuery`` and ``PropagationWait``), never through a
/// resolver whose cache could answer from before. Bounded: past the limit the hook fails with
/// what the servers answered, and certbot gives up the order (its cleanup hook then removes
/// the value).
enum ChallengePropagation {
    static func wait(for name: String, value: String, provider: DesiredDNSProvider?, client: any DNSProviderClient, timeout: Duration,
                     runner: ProcessRunner = ProcessRunner()) async throws {
        let servers = try await authoritativeServers(provider: provider, client: client, name: name, runner: runner)
        do {
            try await PropagationWait(timeout: timeout).until(servers) { server in
                switch await AuthoritativeQuery.ask(server, name: name, type: "TXT", runner: runner) {
                case let .values(values) where values.contains(value): return nil
                case let .values(values): return values.isEmpty ? "answers no TXT" : "answers \(values.count) other value(s)"
                case let .failed(why): return why
                }
            }
        } catch let timeout as PropagationTimeout {
            throw CertHookError("the challenge \(name) TXT was written, but \(timeout.servers) still did not answer it after \(timeout.seconds) s (\(timeout.answers))")
        }
    }

    /// The provider's `nameservers`, or the RFC 2136 primary; else the zone's NS as the system
    /// resolver gives them (the servers the CA asks).
    static func authoritativeServers(provider: DesiredDNSProvider?, client: any DNSProviderClient, name: String,
                                     runner: ProcessRunner) async throws -> [NameServer] {
        if let configured = try AuthoritativeServers.configured(provider, client: client) { return configured }
        do {
            return try await AuthoritativeServers.resolved(enclosing: name, runner: runner)
        } catch let error as DNSProviderError {
            throw CertHookError(error.message)
        }
    }
}
