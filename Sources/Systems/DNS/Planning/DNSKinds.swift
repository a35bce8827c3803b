import PlanModel

extension ChangeKind {
    /// Creates or replaces one record set and its ownership TXT.
    public static let dnsUpsert = ChangeKind("dns.upsert")
    /// Removes one owned record set and its ownership TXT (prune only).
    public static let dnsDelete = ChangeKind("dns.delete")
    /// Publishes what was written to a zone, for providers that serve records only after it (OVH).
    public static let dnsPublish = ChangeKind("dns.publish")
    /// Buys a domain at its registrar (costs money: only within the fleet's cap, never twice).
    public static let domainRegister = ChangeKind("domain.register")
    /// Creates the hosted zone of a domain just bought (Route 53; OVH's comes with the order).
    public static let dnsZoneCreate = ChangeKind("dns.zone.create")
}

/// Where DNS changes act: the scope is `<provider>/<zone>` (one fingerprint per zone), the
/// resource `<TYPE>/<name relative to the zone, @ for the apex>`.
public enum DNSAddress {
    public static let system = "dns"

    public static func scope(provider: String, zone: String) -> String { "\(provider)/\(DNSName.normalized(zone))" }

    public static func record(provider: String, zone: String, type: String, name: String) -> ChangeAddress {
        let relative = DNSName.relative(name, in: zone) ?? DNSName.normalized(name)
        return ChangeAddress(system: system, scope: scope(provider: provider, zone: zone),
                             resource: "\(type.uppercased())/\(relative.isEmpty ? "@" : relative)")
    }

    public static func publish(provider: String, zone: String, environment: String) -> ChangeAddress {
        ChangeAddress(system: system, scope: scope(provider: provider, zone: zone), resource: "publish/\(environment)")
    }

    /// Provider and zone of a DNS change's scope.
    public static func zone(of address: ChangeAddress) -> (provider: String, zone: String) {
        let parts = address.scope.split(separator: "/", maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
}
