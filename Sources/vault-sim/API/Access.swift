/// Who is asking (the token) and whether their policies allow it.
extension VaultServer {
    struct Refusal: Error {
        let response: SimResponse
    }

    /// Finds the request's token. An expired token is revoked on sight, as Vault's expiration
    /// manager would have done, and is from then on just an invalid token.
    func authenticate(_ request: SimRequest) -> Result<SimToken, Refusal> {
        guard let id = request.token, !id.isEmpty else { return .failure(Refusal(response: .permissionDenied)) }
        guard let token = tokens[id] else { return .failure(Refusal(response: .invalidToken)) }
        if token.isExpired(at: now) {
            tokens[id] = nil
            return .failure(Refusal(response: .invalidToken))
        }
        return .success(token)
    }

    func allows(_ token: SimToken, _ capability: String, _ path: String) -> Bool {
        policies.allows(policies: token.policies, capability: capability, path: path)
    }
}
