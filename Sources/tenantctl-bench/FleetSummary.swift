/// What the generator needs from `tenantctl.yaml`: controllers, default environments and
/// controller, the wildcard domain, DNS zones and providers.
struct FleetSummary: Sendable {
    struct Controller: Sendable {
        var name: String
        var isKubernetes: Bool
    }

    struct Zone: Sendable {
        var zone: String
        var provider: String
        var wildcard: Bool
    }

    struct Provider: Sendable {
        var name: String
        var type: String

        /// Providers tenantctl can buy domains through (`register: true`).
        var canRegister: Bool { type == "ovh" || type == "route53" }
    }

    var wildcardDomain: String?
    var controllers: [Controller]
    var defaultController: String?
    var defaultEnvironments: [String]
    var zones: [Zone]
    var providers: [Provider]

    init(_ root: YAMLNode) {
        let spec = root["spec"] ?? .null
        wildcardDomain = spec["wildcardDomain"]?.string
        controllers = (spec["controllers"]?.items ?? []).compactMap { item in
            guard let name = item["name"]?.string else { return nil }
            return Controller(name: name, isKubernetes: (item["kind"]?.string ?? "k8s") == "k8s")
        }
        defaultController = spec["defaults"]?["controller"]?.string
        let environments = (spec["defaults"]?["environments"]?.items ?? []).compactMap(\.string)
        defaultEnvironments = environments.isEmpty ? ["staging", "production"] : environments
        zones = (spec["dns"]?["zones"]?.items ?? []).compactMap { item in
            guard let zone = item["zone"]?.string, let provider = item["provider"]?.string else { return nil }
            return Zone(zone: zone, provider: provider, wildcard: item["wildcard"]?.bool ?? false)
        }
        providers = (spec["dns"]?["providers"]?.items ?? []).compactMap { item in
            guard let name = item["name"]?.string, let type = item["type"]?.string else { return nil }
            return Provider(name: name, type: type)
        }
    }

    func controller(named name: String?) -> Controller? {
        controllers.first { $0.name == name }
    }

    /// The most specific zone holding `host`, as tenantctl chooses it.
    func zone(containing host: String) -> Zone? {
        zones.filter { host == $0.zone || host.hasSuffix("." + $0.zone) }.max { $0.zone.count < $1.zone.count }
    }

    /// Zones of the platform itself (same first label as the wildcard domain, like `bibind.cloud`
    /// beside `bibind.com`) that answer no wildcard: where technical names such as pre-production
    /// hosts live. Customer zones the fleet hosts are left alone.
    var platformZones: [Zone] {
        guard let wildcardDomain, let brand = wildcardDomain.split(separator: ".").first else { return [] }
        return zones.filter { !$0.wildcard && $0.zone != wildcardDomain && $0.zone.split(separator: ".").first == brand }
    }
}
