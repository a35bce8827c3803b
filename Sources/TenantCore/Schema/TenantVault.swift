import Foundation

/// `spec.vault` of a tenant: the customer's own Vault. Its token is a reference into the
/// **platform's** Vault (under the path `tenantctl.yaml` reserves for tenant tokens); every other
/// Vault reference of the tenant's environments is then read from the customer's Vault.
///
/// Pushing to the tenants repository must not be enough to reach the platform's secrets, so:
/// the address is https (http only on loopback, and loopback only while the platform's own Vault
/// is on loopback: tests and the demo — on a production host loopback is where a Vault agent
/// would add the platform's token to any request; checked when the run knows the platform's
/// address, `VAULT_ADDR` included); the token may only be read from the tenant's own
/// part of the platform's Vault (else a manifest could send any platform secret to any
/// address); and there is no `caFile` (a path from a manifest would let a tenant probe which
/// files exist on the host, or trust a CA of its choosing): the customer's Vault presents a
/// certificate the host's CAs trust.
public struct TenantVault: Sendable {
    public var address: Located<String>
    public var kvMount: String
    public var namespace: String?
    /// The reference, in the platform's Vault, of the token tenantctl uses with this Vault.
    public var token: Located<VaultReference>
    public var location: SourceLocation

}

/// The rules of a tenant Vault's address.
public enum TenantVaultAddress {
    static func host(_ address: String) -> String? {
        URLComponents(string: address)?.host.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
    }

    /// Whether the address names this machine (`localhost`, `127.0.0.0/8`, `::1`).
    public static func isLoopback(_ address: String) -> Bool {
        guard let host = host(address)?.lowercased() else { return false }
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// What is wrong with a tenant Vault's address, or nil.
    static func problem(_ address: String) -> String? {
        guard let url = URLComponents(string: address), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            return "is not a URL; expected https://host:port"
        }
        if url.user != nil || url.password != nil { return "holds a user or password; the token is the only credential" }
        if url.query != nil || url.fragment != nil || !(url.path.isEmpty || url.path == "/") {
            return "has a path, query or fragment; expected https://host:port only"
        }
        switch scheme {
        case "https": return nil
        case "http": return isLoopback(address) ? nil : "is not https: a tenant's token never travels in clear (http is accepted on loopback only, for tests)"
        default: return "is not an https URL"
        }
    }
}

enum TenantVaultDecoder {
    static func decode(_ field: Field) -> TenantVault? {
        let refused = ["caFile", "auth"]
        guard let map = field.mapping(allowed: ["address", "kvMount", "namespace", "token"], context: "tenant vault",
                                      tolerate: { refused.contains($0) }) else { return nil }
        if let caFile = map.optional("caFile") {
            caFile.error("a tenant manifest cannot name a CA file: a path from git would let a tenant probe the host's files or trust a CA of its choosing; the tenant's Vault must present a certificate the host's CAs trust (ask the platform team to add a private CA to the host)")
        }
        if let auth = map.optional("auth") {
            auth.error("a tenant's Vault is reached with the token 'token' names in the platform's Vault; there is no other login")
        }
        let addressField = map.required("address", expected: "the tenant's Vault URL (https://host:port)")
        var address = addressField?.string()
        if let value = address, let problem = TenantVaultAddress.problem(value.value) {
            addressField?.error("'\(value.value)' \(problem)")
            address = nil
        }
        let mountField = map.optional("kvMount")
        let mount = mountField?.nonEmptyString()?.value ?? "secret"
        if mountField != nil, !VaultReference.isMountPath(mount) {
            mountField?.error("'\(mount)' is not a KV mount path; use letters, digits, '-', '_', '.' and '/', without '..' or a '/' at either end")
        }
        let namespaceField = map.optional("namespace")
        let namespace = namespaceField?.nonEmptyString()?.value
        // Sent as a header: a path, nothing that could end the header or start another.
        if let namespace, !VaultReference.isMountPath(namespace) {
            namespaceField?.error("'\(namespace)' is not a Vault namespace; use letters, digits, '-', '_', '.' and '/'")
        }
        let token = map.required("token", expected: "a Vault reference to the tenant's token in the platform's Vault")?.vaultReference()
        guard let address, let token, mountField == nil || VaultReference.isMountPath(mount),
              namespace.map(VaultReference.isMountPath) ?? true else { return nil }
        return TenantVault(address: address, kvMount: mount, namespace: namespace, token: token, location: field.location)
    }
}
