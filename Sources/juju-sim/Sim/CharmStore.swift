/// Stands in for Charmhub: channel normalization, the revision a channel "publishes", and
/// which charms are subordinates (Juju reads that from the charm's metadata; juju-sim has none).
enum CharmStore {
    static let risks: Set<String> = ["stable", "candidate", "beta", "edge"]

    /// Charms that are subordinates in real life, so bundles using them behave as in Juju.
    static let knownSubordinates: Set<String> = [
        "nrpe", "mysql-router", "grafana-agent", "telegraf", "ntp", "filebeat", "landscape-client", "ubuntu-advantage",
        "containerd", "calico", "flannel", "hacluster", "neutron-openvswitch", "ceilometer-agent", "logrotated",
        "openstack-service-checks", "canonical-livepatch", "ovn-chassis", "pgbouncer", "vault-agent",
    ]

    /// `stable` → `latest/stable`, `2.4` → `2.4/stable`: the form Juju 3.6 prints.
    static func normalizedChannel(_ channel: String?) -> String {
        guard let channel, !channel.isEmpty else { return "latest/stable" }
        let parts = channel.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { return risks.contains(parts[0]) ? "latest/\(parts[0])" : "\(parts[0])/stable" }
        if parts.count == 2, risks.contains(parts[0]) { return "latest/\(channel)" }
        return channel
    }

    /// The latest revision of a charm in a channel: `JUJU_SIM_CHANNEL_REVISIONS` when it says,
    /// else a number derived from the names (stable across runs, different across channels).
    static func latestRevision(charm: String, channel: String, settings: SimSettings) -> Int {
        let normalized = normalizedChannel(channel)
        if let revision = settings.channelRevisions["\(charm)@\(normalized)"] ?? settings.channelRevisions["\(charm)@\(channel)"]
            ?? settings.channelRevisions[charm] {
            return revision
        }
        return 10 + Int(StableHash.fnv1a("\(charm)@\(normalized)") % 190)
    }

    static func isSubordinate(_ charm: String, settings: SimSettings) -> Bool {
        knownSubordinates.contains(charm) || settings.subordinateCharms.contains(charm)
    }

    /// `ch:amd64/jammy/mysql-12`, `ch:mysql`, `mysql` → `mysql`.
    static func charmName(_ reference: String) -> String {
        var name = reference
        if let colon = name.firstIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if reference.contains(":"), let dash = name.lastIndex(of: "-"), Int(name[name.index(after: dash)...]) != nil {
            name = String(name[..<dash])
        }
        return name
    }

    static let seriesBases = ["focal": "ubuntu@20.04", "jammy": "ubuntu@22.04", "noble": "ubuntu@24.04", "bionic": "ubuntu@18.04"]
    static let defaultBase = "ubuntu@22.04"

    /// A base from `--base`/`base:` or a 2.9-style series, without the `/stable` risk.
    static func base(_ base: String?, series: String?) -> String? {
        if let base, !base.isEmpty { return String(base.split(separator: "/").first ?? Substring(base)) }
        if let series, let mapped = seriesBases[series] { return mapped }
        return nil
    }
}
