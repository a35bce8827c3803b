/// The Vault a tenant's environments read their secrets from when the tenant names its own
/// (`spec.vault`): none of it is secret, the token being a reference into the platform's Vault.
public struct DesiredVault: Sendable, Codable, Equatable, Hashable {
    public var address: String
    public var kvMount: String
    public var namespace: String?
    /// Where the token is, in the platform's Vault.
    public var token: VaultReference

    public init(address: String, kvMount: String, namespace: String?, token: VaultReference) {
        self.address = address
        self.kvMount = kvMount
        self.namespace = namespace
        self.token = token
    }

    /// How messages and the journal name it: `Vault https://vault.acme.fr:8200, mount secret`.
    public var label: String {
        "Vault \(address), mount \(kvMount)" + (namespace.map { ", namespace \($0)" } ?? "")
    }
}

extension DesiredEnvironment {
    /// A secret reference as the journal records what was applied: the reference alone for the
    /// platform's Vault (as before tenants had Vaults of their own), the reference and the
    /// tenant's Vault otherwise — so that moving a tenant to another Vault re-applies its secrets
    /// rather than comparing versions of two different stores.
    public func secretIdentity(_ reference: VaultReference) -> String {
        guard let vault else { return reference.description }
        return "\(reference) (\(vault.label))"
    }
}
