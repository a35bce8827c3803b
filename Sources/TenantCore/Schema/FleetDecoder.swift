import Foundation

/// Decodes `tenantctl.yaml`.
enum FleetDecoder {
    static func decode(_ root: Field) -> Fleet? {
        guard let envelope = ManifestEnvelope.decode(root, kind: "Fleet", expectedName: nil),
              let spec = envelope.spec?.mapping(
                allowed: ["wildcardDomain", "controllers", "defaults", "dns", "vault", "certificates"], context: "Fleet spec")
        else { return nil }

        var wildcard: Located<String>?
        if let field = spec.optional("wildcardDomain"), let value = field.string() {
            if let problem = Names.hostnameProblem(value.value) {
                field.error("'\(value.value)' is not a valid domain: it \(problem)")
            } else {
                wildcard = value
            }
        }

        let controllers = spec.required("controllers", expected: "a list of Juju controllers")?
            .sequence()?.compactMap(decodeController) ?? []
        let defaults = decodeDefaults(spec.optional("defaults"))
        var providers: [DNSProvider] = []
        var zones: [DNSZone] = []
        var ttl = Fleet.defaultDNSTTL
        var ownerId: Located<String>?
        var registration = DomainRegistration()
        if let dns = spec.optional("dns")?.mapping(allowed: ["providers", "zones", "ttl", "ownerId", "registration"], context: "dns") {
            providers = dns.optional("providers")?.sequence()?.compactMap(decodeProvider) ?? []
            zones = dns.optional("zones")?.sequence()?.compactMap(decodeZone) ?? []
            ttl = dns.optional("ttl")?.dnsTTL()?.value ?? ttl
            registration = dns.optional("registration").flatMap(DomainRegistrationDecoder.decode) ?? registration
            if let field = dns.optional("ownerId"), let value = field.nonEmptyString() {
                if let problem = ownerIdProblem(value.value) {
                    field.error("'\(value.value)' is not a DNS owner id: it \(problem)")
                } else {
                    ownerId = value
                }
            }
        }
        let vault = spec.optional("vault").flatMap(decodeVault)
        var fleet = Fleet(name: envelope.name.value, file: root.file, wildcardDomain: wildcard, controllers: controllers,
                          defaults: defaults, dnsProviders: providers, dnsZones: zones, vault: vault)
        fleet.dnsTTL = ttl
        fleet.dnsOwnerIdSetting = ownerId
        fleet.domainRegistration = registration
        fleet.certificates = spec.optional("certificates").flatMap(CertificateSettingsDecoder.decode)
        return fleet
    }

    /// The owner id is written inside TXT records as `tenantctl/owner=<id>` between commas, so
    /// it is kept to characters that need no quoting there and cannot forge another field.
    static func ownerIdProblem(_ value: String) -> String? {
        if value.utf8.count > Bounds.dnsOwnerIdLength { return "is longer than \(Bounds.dnsOwnerIdLength) characters" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        if let bad = value.first(where: { !allowed.contains($0) }) {
            return "holds '\(Printable.escaped(String(bad)))'; use letters, digits, '-', '_' and '.'"
        }
        return nil
    }

    private static func decodeController(_ field: Field) -> Controller? {
        guard let map = field.mapping(allowed: ["name", "cloud", "region", "credential", "kind"], context: "a controller") else { return nil }
        let name = map.required("name", expected: "the controller name Juju knows")?.string()
        if let name, let problem = Names.labelProblem(name.value) {
            map.optional("name")?.error("'\(name.value)' is not a valid controller name: it \(problem)")
        }
        let cloud = map.required("cloud", expected: "the Juju cloud name")?.nonEmptyString()
        let region = map.optional("region")?.nonEmptyString()
        let credential = map.optional("credential")?.nonEmptyString()
        let kind = map.required("kind", expected: "'k8s' or 'iaas'")?.oneOf(Controller.Kind.self)
        guard let name, let cloud, let kind else { return nil }
        return Controller(name: name, cloud: cloud.value, region: region?.value, credential: credential?.value, kind: kind.value)
    }

    private static func decodeDefaults(_ field: Field?) -> FleetDefaults {
        var defaults = FleetDefaults(controller: nil, environments: [], policy: .default)
        guard let field else {
            defaults.environments = FleetDefaults.standardEnvironments.map { Located($0, at: .start(of: Fleet.fileName)) }
            return defaults
        }
        guard let map = field.mapping(allowed: ["controller", "environments", "policy"], context: "defaults") else {
            return defaults
        }
        defaults.controller = map.optional("controller")?.string()
        if let list = map.optional("environments") {
            // An invalid name is reported here and left out, so it does not become model names.
            defaults.environments = (list.stringList() ?? []).enumerated().compactMap { index, name in
                guard let problem = Names.labelProblem(name.value) else { return name }
                list.sink.error("\(list.path)[\(index)]: '\(name.value)' is not a valid environment name: it \(problem)",
                                at: name.location, field: list.path)
                return nil
            }
        } else {
            defaults.environments = FleetDefaults.standardEnvironments.map { Located($0, at: field.location) }
        }
        if let policy = map.optional("policy").flatMap(PolicySpec.decode) {
            defaults.policy = policy.applied(over: .default)
        }
        return defaults
    }

    /// Settings and credentials each provider type accepts; anything else is a typo. The
    /// credentials of `credentials` are required, those of `optionalCredentials` not (an AWS
    /// session token comes only with temporary keys).
    private static let providerSettings: [DNSProvider.Kind: (settings: [String], required: [String], credentials: [String], optionalCredentials: [String])] = [
        .ovh: (["endpoint"], ["endpoint"], ["applicationKey", "applicationSecret", "consumerKey"], []),
        .route53: (["region", "endpoint", "hostedZoneId", "domainsEndpoint"], [], ["accessKeyId", "secretAccessKey"], ["sessionToken"]),
        .rfc2136: (["server", "tsigKeyName", "tsigAlgorithm"], ["server", "tsigKeyName"], ["tsigSecret"], []),
    ]

    static let ovhEndpoints = ["ovh-eu", "ovh-ca", "ovh-us", "kimsufi-eu", "kimsufi-ca", "soyoustart-eu", "soyoustart-ca"]
    static let tsigAlgorithms = ["hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1", "hmac-md5"]

    private static func decodeProvider(_ field: Field) -> DNSProvider? {
        // The type decides which keys are valid, so read it before checking the others.
        let kindField = field.mapping(allowed: [], context: "", tolerate: { _ in true })?.required("type", expected: "'ovh', 'route53' or 'rfc2136'")
        guard let kindField, let kind = kindField.oneOf(DNSProvider.Kind.self)?.value else {
            return nil
        }
        let schema = providerSettings[kind]!
        guard let map = field.mapping(allowed: ["name", "type"] + schema.settings + ["nameservers", "credentials"],
                                      context: "\(kind == .ovh ? "an" : "a") \(kind.rawValue) DNS provider") else { return nil }
        let name = map.required("name", expected: "a provider name")?.string()
        if let name, let problem = Names.labelProblem(name.value) {
            map.optional("name")?.error("'\(name.value)' is not a valid provider name: it \(problem)")
        }
        var settings: [String: String] = [:]
        for key in schema.settings {
            let present = schema.required.contains(key) ? map.required(key, expected: "a string") : map.optional(key)
            guard let present, let value = present.nonEmptyString() else { continue }
            switch (kind, key) {
            case (.ovh, "endpoint") where !ovhEndpoints.contains(value.value) && !isHTTPURL(value.value):
                present.error("'\(value.value)' is not an OVH API endpoint; expected one of: \(ovhEndpoints.joined(separator: ", ")), or an http(s) URL")
            case (.rfc2136, "tsigAlgorithm") where !tsigAlgorithms.contains(value.value):
                present.error("'\(value.value)' is not a TSIG algorithm; expected one of: \(tsigAlgorithms.joined(separator: ", "))")
            case (.rfc2136, "server") where !isHostPort(value.value):
                present.error("'\(value.value)' is not a server address; expected host or host:port")
            case (.route53, let key) where key.hasSuffix("ndpoint") && !isHTTPURL(value.value):
                present.error("'\(value.value)' is not a URL; expected http(s)://host[:port]")
            case (.route53, "region") where !isAWSRegion(value.value):
                present.error("'\(value.value)' is not an AWS region; expected a name such as us-east-1")
            case (.route53, "hostedZoneId") where !isHostedZoneID(value.value):
                present.error("'\(value.value)' is not a Route 53 hosted zone id; expected Z followed by letters and digits (or /hostedzone/Z…)")
            default:
                break
            }
            settings[key] = value.value
        }
        // The zone's authoritative servers as the world asks them, for the DNS health gate:
        // kept as one comma-separated setting, like the others a string.
        if let list = map.optional("nameservers") {
            let servers = (list.stringList() ?? []).filter { server in
                guard !isHostPort(server.value) else { return true }
                list.sink.error("\(list.path): '\(server.value)' is not a name server address; expected host or host:port",
                                at: server.location, field: list.path)
                return false
            }
            if !servers.isEmpty { settings["nameservers"] = servers.map(\.value).joined(separator: ",") }
        }
        var credentials: [String: VaultReference] = [:]
        if let credentialField = map.required("credentials", expected: "Vault references for \(schema.credentials.joined(separator: ", "))"),
           let credentialMap = credentialField.mapping(allowed: schema.credentials + schema.optionalCredentials, context: "\(kind.rawValue) credentials") {
            for key in schema.credentials {
                if let reference = credentialMap.required(key, expected: "a Vault reference")?.vaultReference() {
                    credentials[key] = reference.value
                }
            }
            for key in schema.optionalCredentials {
                if let reference = credentialMap.optional(key)?.vaultReference() {
                    credentials[key] = reference.value
                }
            }
        }
        guard let name else { return nil }
        return DNSProvider(name: name, kind: kind, settings: settings, credentials: credentials)
    }

    /// `http(s)://host[:port][/path]`: an API's base URL (a proxy, a simulator).
    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return false }
        return url.user == nil && url.query == nil
    }

    /// `us-east-1`, `eu-west-3`, `us-gov-west-1`: lower-case words and a number, by hyphens.
    private static func isAWSRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count >= 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
            && parts.last!.allSatisfy(\.isNumber)
    }

    /// What Route 53 calls a hosted zone id: `Z` and upper-case letters and digits, as its API
    /// and the console show it, with or without the `/hostedzone/` prefix.
    private static func isHostedZoneID(_ text: String) -> Bool {
        let id = text.hasPrefix("/hostedzone/") ? text.dropFirst("/hostedzone/".count) : Substring(text)
        return id.count >= 2 && id.count <= 32 && id.first == "Z" && id.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    private static func isHostPort(_ text: String) -> Bool {
        var host = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return false }
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty { guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return false } }
            return IPAddress.isIPv6(String(text[text.index(after: text.startIndex)..<close]))
        }
        if let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") {
            guard let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return false }
            host = text[..<colon]
        }
        let hostText = String(host)
        return IPAddress.family(of: hostText) != nil || Names.hostnameProblem(hostText) == nil || hostText == "localhost"
    }

    private static func decodeZone(_ field: Field) -> DNSZone? {
        guard let map = field.mapping(allowed: ["zone", "provider", "wildcard"], context: "a DNS zone") else { return nil }
        let zoneField = map.required("zone", expected: "a domain name")
        let zone = zoneField?.string()
        if let zone, let problem = Names.hostnameProblem(zone.value) {
            zoneField?.error("'\(zone.value)' is not a valid zone: it \(problem)")
        }
        let provider = map.required("provider", expected: "the name of a provider under dns.providers")?.string()
        let wildcard = map.optional("wildcard")?.bool()?.value ?? false
        guard let zone, let provider else { return nil }
        return DNSZone(zone: zone, provider: provider, wildcard: wildcard)
    }

    private static func decodeVault(_ field: Field) -> VaultSettings? {
        guard let map = field.mapping(allowed: ["address", "kvMount", "namespace", "caFile", "auth", "tenantTokens"], context: "vault") else { return nil }
        let addressField = map.required("address", expected: "the Vault URL")
        let address = addressField?.string()
        if let address, !(address.value.hasPrefix("https://") || address.value.hasPrefix("http://")) {
            addressField?.error("'\(address.value)' is not a URL; expected https://host:port")
        }
        let mountField = map.optional("kvMount")
        let mount = mountField?.nonEmptyString()?.value ?? "secret"
        // The mount goes into Vault URLs with tenantctl's token: a path, nothing that could
        // reach another endpoint (`..`, `?`, `#`, `%`).
        if mountField != nil, !VaultReference.isMountPath(mount) {
            mountField?.error("'\(mount)' is not a KV mount path; use letters, digits, '-', '_', '.' and '/', without '..' or a '/' at either end")
        }
        let namespace = map.optional("namespace")?.nonEmptyString()?.value
        let caFile = map.optional("caFile")?.nonEmptyString()?.value
        let tenantTokensField = map.optional("tenantTokens")
        var tenantTokens = tenantTokensField?.nonEmptyString()
        if let prefix = tenantTokens, !VaultReference.isMountPath(prefix.value) {
            tenantTokensField?.error("'\(prefix.value)' is not a Vault path; use letters, digits, '-', '_', '.' and '/', without '..' or a '/' at either end")
            tenantTokens = nil
        }
        var method = VaultSettings.AuthMethod.token
        var settings: [String: String] = [:]
        if let authField = map.required("auth", expected: "how tenantctl logs in to Vault") {
            let methodField = authField.mapping(allowed: [], context: "", tolerate: { _ in true })?
                .required("method", expected: "'token', 'approle' or 'kubernetes'")
            if let chosen = methodField?.oneOf(VaultSettings.AuthMethod.self)?.value {
                method = chosen
                let keys: [String]
                let required: [String]
                switch chosen {
                case .token: (keys, required) = (["tokenFile"], [])
                case .approle: (keys, required) = (["mount", "roleId", "secretIdFile"], ["roleId", "secretIdFile"])
                case .kubernetes: (keys, required) = (["mount", "role", "tokenFile"], ["role"])
                }
                if let auth = authField.mapping(allowed: ["method"] + keys, context: "\(chosen.rawValue) auth") {
                    for key in keys {
                        let present = required.contains(key) ? auth.required(key, expected: "a string") : auth.optional(key)
                        if let value = present?.nonEmptyString() { settings[key] = value.value }
                    }
                }
            }
        }
        guard let address else { return nil }
        return VaultSettings(address: address, kvMount: mount, namespace: namespace, caFile: caFile, authMethod: method, authSettings: settings,
                             tenantTokens: tenantTokens)
    }
}
