import Foundation

/// Seeds the simulator from a JSON file (`--config`). Every section is optional:
///
///     {
///       "mounts": ["secret"],                                   KV v2 mounts of the root namespace
///       "namespaces": {"tenant-a": {"mounts": ["secret"]}},     or a list of names (mount "secret")
///       "policies": {"app-read": [{"path": "secret/data/app/*", "capabilities": ["read", "list"]}]},
///       "tokens": [{"id": "app-token", "policies": ["app-read"], "ttl": "1h", "max_ttl": "2h",
///                   "renewable": true, "namespace": ""}],
///       "approles": [{"role_name": "tenantctl", "role_id": "…", "secret_id": "…", "policies": ["app-read"],
///                     "token_ttl": "20m", "token_max_ttl": "1h", "namespace": ""}],
///       "secrets": [{"namespace": "", "mount": "secret", "path": "app/db", "data": {"password": "…"}}]
///     }
///
/// TTLs are seconds or Go durations ("20m"); a path listed twice in `secrets` gets two versions.
struct ConfigError: Error, CustomStringConvertible {
    let description: String
}

extension VaultServer {
    func apply(config: JSONValue) throws(ConfigError) {
        guard case .object = config else { throw ConfigError(description: "the configuration must be a JSON object") }
        if let mounts = config["mounts"]?.stringList { namespaces[""] = NamespaceState(mounts: mounts) }
        if let list = config["namespaces"]?.stringList, config["namespaces"]?.arrayValue != nil {
            for name in list { addNamespace(name) }
        } else if let object = config["namespaces"]?.objectValue {
            for (name, spec) in object { addNamespace(name, mounts: spec["mounts"]?.stringList ?? ["secret"]) }
        }
        for (name, rules) in config["policies"]?.objectValue ?? [:] { try addPolicy(name: name, rules: rules) }
        for spec in config["tokens"]?.arrayValue ?? [] { addToken(try token(from: spec)) }
        for spec in config["approles"]?.arrayValue ?? [] { try addAppRole(spec) }
        for spec in config["secrets"]?.arrayValue ?? [] { try seedSecret(spec) }
    }

    func addPolicy(name: String, rules: JSONValue) throws(ConfigError) {
        guard let list = rules.arrayValue else { throw ConfigError(description: "policy \(name): a list of rules is expected") }
        var parsed: [PolicyRule] = []
        for rule in list {
            guard let path = rule["path"]?.stringValue, let capabilities = rule["capabilities"]?.stringList else {
                throw ConfigError(description: "policy \(name): each rule needs a path and capabilities")
            }
            parsed.append(PolicyRule(path: path, capabilities: Set(capabilities)))
        }
        policies.policies[name] = parsed
    }

    func token(from spec: JSONValue) throws(ConfigError) -> SimToken {
        let namespace = NamespaceState.normalize(spec["namespace"]?.stringValue ?? "")
        guard namespaces[namespace] != nil else { throw ConfigError(description: "token: unknown namespace \(namespace)") }
        return SimToken.make(
            id: spec["id"]?.stringValue, namespace: namespace, policies: spec["policies"]?.stringList ?? [],
            ttl: VaultDuration.seconds(spec["ttl"]) ?? 0, maxTTL: VaultDuration.seconds(spec["max_ttl"]) ?? 0,
            renewable: spec["renewable"]?.boolValue ?? true, displayName: spec["display_name"]?.stringValue ?? "token",
            path: "auth/token/create", now: now)
    }

    func addAppRole(_ spec: JSONValue) throws(ConfigError) {
        guard let name = spec["role_name"]?.stringValue else { throw ConfigError(description: "approle: role_name is required") }
        let namespace = NamespaceState.normalize(spec["namespace"]?.stringValue ?? "")
        guard namespaces[namespace] != nil else { throw ConfigError(description: "approle \(name): unknown namespace \(namespace)") }
        let role = AppRole(
            name: name, roleID: spec["role_id"]?.stringValue ?? Identifiers.uuid(),
            secretID: spec["secret_id"]?.stringValue ?? Identifiers.uuid(), namespace: namespace,
            policies: spec["policies"]?.stringList ?? [], tokenTTL: VaultDuration.seconds(spec["token_ttl"]) ?? 3600,
            tokenMaxTTL: VaultDuration.seconds(spec["token_max_ttl"]) ?? 0, renewable: spec["renewable"]?.boolValue ?? true)
        approles[role.roleID] = role
    }

    func seedSecret(_ spec: JSONValue) throws(ConfigError) {
        let namespace = NamespaceState.normalize(spec["namespace"]?.stringValue ?? "")
        let mount = spec["mount"]?.stringValue ?? "secret"
        guard let path = spec["path"]?.stringValue, let data = spec["data"]?.objectValue else {
            throw ConfigError(description: "secret: path and data are required")
        }
        guard namespaces[namespace]?.mounts[mount] != nil else {
            throw ConfigError(description: "secret \(path): no mount \(mount) in namespace \"\(namespace)\"")
        }
        do {
            _ = try namespaces[namespace]!.mounts[mount]!.write(path, data: data, cas: nil, now: now)
        } catch {
            throw ConfigError(description: "secret \(path): the mount requires check-and-set writes")
        }
    }
}
