/// `tenants/<name>.yaml` (or `tenants/<name>/tenant.yaml`): one customer.
public struct Tenant: Sendable {
    public var name: Located<String>
    public var file: String
    public var labels: [String: String]
    public var offer: Located<String>
    public var controller: Located<String>?
    public var bundle: Located<String>?
    /// Environments in file order; nil when the tenant takes the fleet's default environments.
    public var environments: [TenantEnvironment]?
    public var domains: [Domain]
    public var policy: PolicySpecification
    /// The tenant's own Vault, if it names one.
    public var vault: TenantVault?

    /// The policy as written; fields left out inherit the fleet defaults.
    public struct PolicySpecification: Sendable {
        public var sync: Policy.Sync?
        public var prune: Bool?
    }
}

public struct TenantEnvironment: Sendable {
    public var name: Located<String>
    public var model: Located<String>?
    public var bundle: Located<String>?
    public var sizing: EnvironmentSizing
}

/// A hostname the tenant's environment answers to.
public struct Domain: Sendable {
    public enum Target: Hashable, Sendable, Codable {
        case application(String)
        case address(String)
        case cname(String)
    }

    public var host: Located<String>
    public var environment: Located<String>?
    public var target: Located<Target>?
    /// A target was written, even if it could not be decoded (so "needs a target" is not repeated).
    public var targetWritten: Bool
    public var register: Bool
    public var tls: Bool
    /// `tlsWildcard: true`: the certificate also covers `*.<host>` (issued through DNS-01 like
    /// every certificate tenantctl asks for).
    public var tlsWildcard: Bool
    public var zone: Located<String>?
    public var provider: Located<String>?
    /// The record's TTL in seconds; nil: the fleet's `spec.dns.ttl`.
    public var ttl: Int?
    /// Take over a record set tenantctl does not own at this name (a record made by hand before
    /// tenantctl managed the zone): without it such a set is a conflict, never overwritten.
    public var adopt: Bool
    public var location: SourceLocation
    /// Position in `spec.domains`, for messages (invalid entries are dropped, so it is not the
    /// index in `Tenant.domains`).
    public var index: Int
}

enum TenantDecoder {
    static func decode(_ root: Field, expectedName: String) -> Tenant? {
        guard let envelope = ManifestEnvelope.decode(root, kind: "Tenant", expectedName: expectedName),
              let spec = envelope.spec?.mapping(
                allowed: ["offer", "controller", "bundle", "environments", "domains", "policy", "vault"], context: "Tenant spec")
        else { return nil }
        let offer = spec.required("offer", expected: "the name of a file under offers/")?.string()
        var environments: [TenantEnvironment]?
        if let field = spec.optional("environments"), let entries = field.dictionary() {
            if entries.isEmpty { field.error("must list at least one environment, or be left out to take the fleet's defaults") }
            environments = entries.compactMap { name, envField in decodeEnvironment(name: name, field: envField) }
        }
        let domains = spec.optional("domains")?.sequence()?.enumerated().compactMap { decodeDomain($0.element, index: $0.offset) } ?? []
        let policy = spec.optional("policy").flatMap(PolicySpec.decode)
        let vault = spec.optional("vault").flatMap(TenantVaultDecoder.decode)
        guard let offer else { return nil }
        return Tenant(name: envelope.name, file: root.file, labels: envelope.labels, offer: offer,
                      controller: spec.optional("controller")?.string(),
                      bundle: spec.optional("bundle")?.string(),
                      environments: environments, domains: domains,
                      policy: .init(sync: policy?.sync, prune: policy?.prune), vault: vault)
    }

    private static func decodeEnvironment(name: Located<String>, field: Field) -> TenantEnvironment? {
        if let problem = Names.labelProblem(name.value) {
            field.sink.error("\(field.path): '\(name.value)' is not a valid environment name: it \(problem)",
                             at: name.location, field: field.path)
            return nil
        }
        // `staging: {}` and `staging:` both mean "this environment, with the offer's sizing".
        if field.node.isNull {
            return TenantEnvironment(name: name, model: nil, bundle: nil,
                                     sizing: EnvironmentSizing(ha: nil, applications: [:], machines: nil, location: name.location))
        }
        guard let map = field.mapping(allowed: ["model", "bundle"] + EnvironmentSizing.keys,
                                      context: "environment '\(name.value)'") else { return nil }
        let modelField = map.optional("model")
        let model = modelField?.string()
        if let model, let problem = Names.labelProblem(model.value) {
            modelField?.error("'\(model.value)' is not a valid model name: it \(problem)")
        }
        return TenantEnvironment(name: name, model: model, bundle: map.optional("bundle")?.string(),
                                 sizing: EnvironmentSizing.decode(map))
    }

    private static func decodeDomain(_ field: Field, index: Int) -> Domain? {
        guard let map = field.mapping(
            allowed: ["host", "environment", "target", "register", "tls", "tlsWildcard", "zone", "provider", "ttl", "adopt"], context: "a domain")
        else { return nil }
        let hostField = map.required("host", expected: "a hostname")
        var host = hostField?.string()
        if let value = host, let problem = Names.hostnameProblem(value.value) {
            hostField?.error("'\(value.value)' is not a valid hostname: it \(problem)")
            host = nil
        }
        let zoneField = map.optional("zone")
        var zone = zoneField?.string()
        if let value = zone, let problem = Names.hostnameProblem(value.value) {
            zoneField?.error("'\(value.value)' is not a valid zone: it \(problem)")
            zone = nil
        }
        let target = map.optional("target").flatMap(decodeTarget)
        guard let host else { return nil }
        return Domain(host: host, environment: map.optional("environment")?.string(), target: target,
                      targetWritten: map.has("target"),
                      register: map.optional("register")?.bool()?.value ?? false,
                      tls: map.optional("tls")?.bool()?.value ?? true,
                      tlsWildcard: map.optional("tlsWildcard")?.bool()?.value ?? false,
                      zone: zone, provider: map.optional("provider")?.string(),
                      ttl: map.optional("ttl")?.dnsTTL()?.value, adopt: map.optional("adopt")?.bool()?.value ?? false,
                      location: field.location, index: index)
    }

    private static func decodeTarget(_ field: Field) -> Located<Domain.Target>? {
        guard let map = field.mapping(allowed: ["application", "address", "cname"], context: "a domain target") else { return nil }
        let present = ["application", "address", "cname"].filter { map.has($0) }
        guard present.count == 1, let key = present.first, let valueField = map.optional(key), let value = valueField.string() else {
            if present.count != 1 {
                field.error("expected exactly one of application, address or cname, got \(present.isEmpty ? "none" : present.joined(separator: " and "))")
            }
            return nil
        }
        switch key {
        case "application":
            return Located(.application(value.value), at: value.location)
        case "address":
            guard IPAddress.family(of: value.value) != nil else {
                valueField.error("'\(value.value)' is not an IPv4 or IPv6 address")
                return nil
            }
            return Located(.address(value.value), at: value.location)
        default:
            if let problem = Names.hostnameProblem(value.value) {
                valueField.error("'\(value.value)' is not a valid hostname: it \(problem)")
                return nil
            }
            return Located(.cname(value.value), at: value.location)
        }
    }
}
