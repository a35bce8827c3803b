import Foundation

/// KV version 2 under any mount: `data/`, `metadata/`, `delete/`, `undelete/`, `destroy/` and
/// `config`, with Vault's capabilities checked on the path as written in policies.
extension VaultServer {
    func keyValue(_ request: SimRequest, token: SimToken, namespace: String, policyPrefix: String) -> SimResponse {
        let isList = request.method == "LIST"
        var aclPath = policyPrefix + request.path
        if isList, !aclPath.hasSuffix("/") { aclPath += "/" }

        guard let found = namespaces[namespace]?.mount(for: request.path) else {
            guard allows(token, capability(request.method, exists: true), aclPath) else { return .permissionDenied }
            return .errors(404, ["no handler for route \"\(request.path)\". route entry not found."])
        }
        let (mountName, rest) = found
        let operation = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        let key = rest.count > operation.count ? String(rest.dropFirst(operation.count + 1)) : ""
        let mount = namespaces[namespace]!.mounts[mountName]!
        let exists = operation == "config" || mount.exists(key)
        guard allows(token, capability(request.method, exists: exists), aclPath) else { return .permissionDenied }

        let body: JSONValue
        do { body = try request.json() } catch { return .badRequest("failed to parse JSON input: \(error)") }

        var response = SimResponse.notFound
        let now = self.now
        func change(_ edit: (inout KVMount) -> SimResponse) {
            response = edit(&namespaces[namespace]!.mounts[mountName]!)
        }
        switch (operation, request.method) {
        case ("data", "GET"):
            response = readData(mount, key: key, version: request.query["version"].flatMap { Int($0) })
        case ("data", "POST"), ("data", "PUT"):
            change { writeData(&$0, key: key, body: body, now: now) }
        case ("data", "DELETE"):
            change { $0.deleteLatest(key, now: now); return .noContent }
        case ("delete", "POST"), ("delete", "PUT"), ("undelete", "POST"), ("undelete", "PUT"),
             ("destroy", "POST"), ("destroy", "PUT"):
            guard let versions = body["versions"]?.arrayValue?.compactMap(\.intValue), !versions.isEmpty else {
                return .badRequest("no version number provided")
            }
            change {
                switch operation {
                case "delete": $0.delete(key, versions: versions, now: now)
                case "undelete": $0.undelete(key, versions: versions)
                default: $0.destroy(key, versions: versions)
                }
                return .noContent
            }
        case ("metadata", "GET"):
            guard let secret = mount.secrets[key] else { return .notFound }
            response = Envelope.ok(data: secret.metadataBody(now: now), mountType: "kv")
        case ("metadata", "LIST"):
            let prefix = key.isEmpty || key.hasSuffix("/") ? key : key + "/"
            guard let keys = mount.list(prefix) else { return .notFound }
            response = Envelope.ok(data: ["keys": .array(keys.map { .string($0) })], mountType: "kv")
        case ("metadata", "POST"), ("metadata", "PUT"):
            change { $0.updateMetadata(key, body: body, now: now); return .noContent }
        case ("metadata", "DELETE"):
            change { $0.deleteMetadata(key); return .noContent }
        case ("config", "GET"):
            response = Envelope.ok(data: mount.configBody, mountType: "kv")
        case ("config", "POST"), ("config", "PUT"):
            change { $0.configure(body); return .noContent }
        case ("data", _), ("metadata", _), ("delete", _), ("undelete", _), ("destroy", _), ("config", _):
            response = Self.unsupported
        default:
            response = .multiError(404, ["unsupported path"])
        }
        return response
    }

    /// Vault's capability for an HTTP method; a write is `create` for a new key, `update` otherwise.
    func capability(_ method: String, exists: Bool) -> String {
        switch method {
        case "GET", "HEAD": return "read"
        case "LIST": return "list"
        case "DELETE": return "delete"
        case "PATCH": return "patch"
        default: return exists ? "update" : "create"
        }
    }

    private func readData(_ mount: KVMount, key: String, version: Int?) -> SimResponse {
        switch mount.read(key, version: version, now: now) {
        case .found(let data, let metadata):
            return Envelope.ok(data: ["data": .object(data), "metadata": metadata], mountType: "kv")
        case .gone(let metadata):
            // A deleted or destroyed version: 404, but with the envelope and the version's metadata,
            // which is how clients (hvac's raise_on_deleted_version=False) tell it from a missing key.
            return SimResponse(status: 404, body: Envelope.make(data: ["data": .null, "metadata": metadata], mountType: "kv"))
        case .missing:
            return .notFound
        }
    }

    private func writeData(_ mount: inout KVMount, key: String, body: JSONValue, now: Date) -> SimResponse {
        guard let data = body["data"]?.objectValue else { return .badRequest("no data provided") }
        let cas = body["options"]?["cas"]?.intValue
        do {
            let metadata = try mount.write(key, data: data, cas: cas, now: now)
            return Envelope.ok(data: metadata, mountType: "kv")
        } catch .casRequired {
            return .badRequest("check-and-set parameter required for this call")
        } catch {
            return .badRequest("check-and-set parameter did not match the current version")
        }
    }
}
