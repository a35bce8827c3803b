import DNSDriver
import DNSPlanning
import Foundation
import Reconciler
import TenantCore

/// `tenantctl cert-hook auth|cleanup`: certbot's manual hooks. certbot gives the name being
/// validated (`CERTBOT_DOMAIN`, without `*.` for a wildcard) and the value
/// (`CERTBOT_VALIDATION`); the hook adds it to (or removes it from) the TXT set at
/// `_acme-challenge.<name>` through the provider of the name's zone, and `auth` returns only
/// once the zone's authoritative server answers it, so that the CA's check finds it.
///
/// The TXT set is edited value by value: a name and its wildcard are validated with two values
/// at the same name, both present at once.
public enum CertHook {
    public enum Phase: String, Sendable, CaseIterable {
        case auth, cleanup
    }

    /// Runs one hook. `environment` is the process's (certbot's variables, the context path).
    public static func run(_ phase: Phase, environment: [String: String]) async throws -> String {
        guard let path = environment[HookContext.environmentVariable], !path.isEmpty else {
            throw CertHookError("\(HookContext.environmentVariable) is not set: this command is run by certbot during tenantctl apply")
        }
        guard let domain = environment["CERTBOT_DOMAIN"], !domain.isEmpty, let validation = environment["CERTBOT_VALIDATION"], !validation.isEmpty else {
            throw CertHookError("CERTBOT_DOMAIN and CERTBOT_VALIDATION must be set (certbot sets them for its manual hooks)")
        }
        let context = try HookContext.read(path)
        var name = DNSName.normalized(domain)
        if name.hasPrefix("*.") { name.removeFirst(2) }
        let challenge = "_acme-challenge.\(name)"
        guard let zone = context.zone(of: name) else {
            throw CertHookError("\(name) is in none of the zones tenantctl manages (\(context.zones.map(\.zone).joined(separator: ", ")))")
        }
        guard let provider = context.providers[zone.provider] else { throw CertHookError("no DNS provider named '\(zone.provider)'") }
        let client = try DNSProviderFactory.make(name: zone.provider, provider: provider, credentials: context.credentials[zone.provider] ?? [:],
                                                 endpoint: context.endpoints[zone.provider], timeout: .seconds(context.dnsTimeoutSeconds))
        let listing = try await client.listRecordSets(in: zone.zone)
        let current = listing.recordSets.first { DNSName.normalized($0.name) == challenge && $0.type == DNSRecordType.txt.rawValue }
        var values = Set(current?.values ?? [])
        switch phase {
        case .auth:
            values.insert(validation)
            try await client.apply(DNSChangeBatch([.upsert(DNSRecordSet(name: challenge, type: .txt, ttl: context.ttl, values: values.sorted()))]), to: zone.zone)
            if client.needsPublish { try await client.publish(zone: zone.zone) }
            do {
                try await ChallengePropagation.wait(for: challenge, value: validation, provider: provider, client: client,
                                                    timeout: .seconds(context.propagationTimeoutSeconds))
            } catch {
                // certbot goes on after a failed auth hook and lets the CA look: the value is
                // taken back, so that the order fails here, visibly, and leaves nothing behind.
                _ = try? await run(.cleanup, environment: environment)
                throw error
            }
            return "\(challenge) TXT set in \(zone.zone) at \(zone.provider), answered by its authoritative server"
        case .cleanup:
            guard let current, values.contains(validation) else { return "\(challenge): nothing to remove" }
            values.remove(validation)
            let entry: DNSChangeBatch.Entry = values.isEmpty
                ? .delete(current)
                : .upsert(DNSRecordSet(name: challenge, type: .txt, ttl: context.ttl, values: values.sorted()))
            try await client.apply(DNSChangeBatch([entry]), to: zone.zone)
            if client.needsPublish { try await client.publish(zone: zone.zone) }
            return "\(challenge): challenge value removed from \(zone.zone)"
        }
    }
}
