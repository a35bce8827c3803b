/// The order in which Vault answers a `/v1/` request: injected faults, the endpoints that work
/// while sealed, the seal, login (no token needed), the token, its namespace, then the engine.
extension VaultServer {
    func handle(_ request: SimRequest) -> SimResponse {
        if let failure = faults.takeFailure() { return failure }
        switch request.path {
        case "sys/health": return health(request)
        case "sys/seal-status": return sealStatus()
        default: break
        }
        guard status.serving else { return .sealed }

        let namespace = NamespaceState.normalize(request.namespace)
        if request.path == "auth/approle/login" { return appRoleLogin(request, namespace: namespace) }

        let token: SimToken
        switch authenticate(request) {
        case .success(let found): token = found
        case .failure(let refusal): return refusal.response
        }
        // A token acts in its own namespace and in the namespaces below it; its policies' paths
        // are relative to its own namespace, so a child namespace's paths carry the child's name.
        guard let policyPrefix = Self.policyPrefix(tokenNamespace: token.namespace, requestNamespace: namespace),
              namespaces[namespace] != nil
        else { return .permissionDenied }

        switch request.path {
        case "auth/token/lookup-self":
            return ["GET", "POST"].contains(request.method) ? lookupSelf(token) : Self.unsupported
        case "auth/token/renew-self":
            return ["POST", "PUT"].contains(request.method) ? renewSelf(token, request) : Self.unsupported
        default:
            return keyValue(request, token: token, namespace: namespace, policyPrefix: policyPrefix)
        }
    }

    static let unsupported = SimResponse.multiError(405, ["unsupported operation"])

    static func policyPrefix(tokenNamespace: String, requestNamespace: String) -> String? {
        if tokenNamespace == requestNamespace { return "" }
        if tokenNamespace.isEmpty { return requestNamespace + "/" }
        guard requestNamespace.hasPrefix(tokenNamespace + "/") else { return nil }
        return String(requestNamespace.dropFirst(tokenNamespace.count + 1)) + "/"
    }
}
