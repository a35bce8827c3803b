/// `auth/approle/login`: a role id and its secret id exchanged for a service token.
extension VaultServer {
    func appRoleLogin(_ request: SimRequest, namespace: String) -> SimResponse {
        guard ["POST", "PUT"].contains(request.method) else { return Self.unsupported }
        let body: JSONValue
        do { body = try request.json() } catch { return .badRequest("failed to parse JSON input: \(error)") }
        guard let roleID = body["role_id"]?.stringValue, !roleID.isEmpty else { return .badRequest("missing role_id") }
        // One message for a wrong role id and a wrong secret id, so neither can be probed alone.
        guard let role = approles[roleID], role.namespace == namespace,
              let secretID = body["secret_id"]?.stringValue, secretID == role.secretID
        else { return .badRequest("invalid role or secret ID") }
        let token = SimToken.make(namespace: namespace, policies: role.policies, ttl: role.tokenTTL, maxTTL: role.tokenMaxTTL,
                                  renewable: role.renewable, displayName: "approle", path: "auth/approle/login",
                                  meta: ["role_name": role.name], now: now)
        tokens[token.id] = token
        let auth = Self.authBlock(token, leaseDuration: token.creationTTL)
        return SimResponse(status: 200, body: Envelope.make(auth: auth, mountType: "approle"))
    }
}
