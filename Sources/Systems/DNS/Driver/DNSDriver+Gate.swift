import DNSPlanning
import Foundation
import PlanModel
import Reconciler
import TenantCore

/// The health gate in the driver's flow: after each write where the zone's authoritative
/// servers are known; for a provider that serves writes only once published (OVH), at the
/// zone's `dns.publish`, over the sets its writes handed it.
extension DNSDriver {
    /// The value names under which a write hands its sets to the zone's `dns.publish`.
    static let servedValue = "dns.gate.served"
    static let goneValue = "dns.gate.gone"

    /// nil: no server to ask (an API provider without `nameservers`): its own word stands.
    func gateServers(provider: String, _ desired: DesiredDNSProvider?, client: any DNSProviderClient) throws -> [NameServer]? {
        do {
            return try AuthoritativeServers.configured(desired, client: client)
        } catch {
            throw DNSDriverError("provider '\(provider)': its nameservers setting is not a list of host[:port]: \(error)")
        }
    }

    /// Gates the write now, or (published later) hands its sets to `dns.publish`.
    func gate(_ sets: (served: [DNSRecordSet], gone: [DNSRecordSet]), zone: String, servers: [NameServer]?,
              publishedLater: Bool) async throws -> [String: String] {
        guard let servers else { return [:] }
        if publishedLater {
            var values: [String: String] = [:]
            if !sets.served.isEmpty { values[Self.servedValue] = sets.served.map(RecordSetCoding.encode).joined(separator: "\n") }
            if !sets.gone.isEmpty { values[Self.goneValue] = sets.gone.map(RecordSetCoding.encode).joined(separator: "\n") }
            return values
        }
        let gate = DNSHealthGate(timeout: settings.gateTimeout)
        try await gate.served(sets.served, zone: zone, servers: servers)
        try await gate.gone(sets.gone, zone: zone, servers: servers)
        return [:]
    }

    /// After a publish: every set the zone's writes handed over is served (or gone).
    func gatePublished(_ inputs: ChangeInputs, zone: String, servers: [NameServer]) async throws {
        func sets(_ name: String) -> [DNSRecordSet] {
            inputs.values.keys.sorted().flatMap { id in
                (inputs.values[id]?[name] ?? "").split(separator: "\n").compactMap { RecordSetCoding.decode(String($0)) }
            }
        }
        let gate = DNSHealthGate(timeout: settings.gateTimeout)
        try await gate.served(sets(Self.servedValue), zone: zone, servers: servers)
        try await gate.gone(sets(Self.goneValue), zone: zone, servers: servers)
    }
}
