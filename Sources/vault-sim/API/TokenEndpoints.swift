/// `auth/token/lookup-self` and `auth/token/renew-self`: what every token may do with itself
/// (Vault's `default` policy grants both).
extension VaultServer {
    func lookupSelf(_ token: SimToken) -> SimResponse {
        var data: [String: JSONValue] = [
            "accessor": .string(token.accessor),
            "creation_time": .int(Int(token.issueTime.timeIntervalSince1970)),
            "creation_ttl": .int(token.creationTTL),
            "display_name": .string(token.displayName),
            "entity_id": "",
            "expire_time": token.expireTime.map { .string(Timestamps.rfc3339($0)) } ?? .null,
            "explicit_max_ttl": .int(token.explicitMaxTTL),
            "id": .string(token.id),
            "issue_time": .string(Timestamps.rfc3339(token.issueTime)),
            "meta": token.meta.map { .object($0.mapValues { .string($0) }) } ?? .null,
            "num_uses": 0,
            "orphan": true,
            "path": .string(token.path),
            "policies": .array(token.policies.map { .string($0) }),
            "renewable": .bool(token.renewable),
            "ttl": .int(token.remainingTTL(at: now)),
            "type": "service",
        ]
        if !token.namespace.isEmpty { data["namespace_path"] = .string(token.namespace + "/") }
        return Envelope.ok(data: .object(data), mountType: "token")
    }

    /// Extends the token's life by `increment` (default: its creation TTL), never past its max TTL
    /// counted from issue time; Vault then says so in a warning.
    func renewSelf(_ token: SimToken, _ request: SimRequest) -> SimResponse {
        guard token.renewable else { return .badRequest("lease is not renewable") }
        let body: JSONValue
        do { body = try request.json() } catch { return .badRequest("failed to parse JSON input: \(error)") }
        var increment = token.creationTTL
        if let value = body["increment"] {
            guard let seconds = VaultDuration.seconds(value) else { return .badRequest("invalid increment") }
            if seconds > 0 { increment = seconds }
        }
        let now = self.now
        let maxExpiry = token.issueTime.addingTimeInterval(TimeInterval(token.effectiveMaxTTL))
        var warnings: [String]?
        var expiry = now.addingTimeInterval(TimeInterval(increment))
        if expiry > maxExpiry {
            expiry = maxExpiry
            let capped = max(0, Int(maxExpiry.timeIntervalSince(now).rounded(.down)))
            warnings = ["TTL of \"\(VaultDuration.goString(increment))\" exceeded the effective max_ttl of \"\(VaultDuration.goString(capped))\"; TTL value is capped accordingly"]
        }
        var renewed = token
        renewed.expireTime = expiry
        tokens[token.id] = renewed
        let auth = Self.authBlock(renewed, leaseDuration: renewed.remainingTTL(at: now))
        return SimResponse(status: 200, body: Envelope.make(auth: auth, warnings: warnings, mountType: "token"))
    }

    /// The `auth` block of login and renewal answers.
    static func authBlock(_ token: SimToken, leaseDuration: Int) -> JSONValue {
        let policies = JSONValue.array(token.policies.map { .string($0) })
        return [
            "client_token": .string(token.id),
            "accessor": .string(token.accessor),
            "policies": policies,
            "token_policies": policies,
            "metadata": token.meta.map { .object($0.mapValues { .string($0) }) } ?? .null,
            "lease_duration": .int(leaseDuration),
            "renewable": .bool(token.renewable),
            "entity_id": "",
            "token_type": "service",
            "orphan": true,
            "mfa_requirement": .null,
            "num_uses": 0,
        ]
    }
}

import Foundation
