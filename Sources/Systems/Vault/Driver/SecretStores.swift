import Foundation
import HTTPClient
import TenantCore

/// The secret stores of one run: the platform's, and one per tenant Vault, made on first use and
/// shared by observing and applying (one token read, one `lookup-self` per Vault and run).
///
/// A tenant's store is reached with the tenant's token only, read from the platform's Vault: the
/// platform's token is never sent to a tenant's address (the tenant's store knows no other
/// token, follows no redirect, and trusts only the host's CAs). A secrets file replaces every
/// Vault for a run, the tenants' too.
public actor SecretStores {
    public nonisolated let platform: any SecretStore
    private var tenants: [DesiredVault: Task<Result<any SecretStore, VaultError>, Never>] = [:]

    public init(platform: any SecretStore) {
        self.platform = platform
    }

    /// The store for secrets of a tenant naming `vault` (nil: the platform's), or why it cannot
    /// be used (its token cannot be read, its address is refused).
    public func store(for vault: DesiredVault?, tenant: String?) async -> Result<any SecretStore, VaultError> {
        guard let vault, platform.versioned else { return .success(platform) }
        if let made = tenants[vault] { return await made.value }
        let platform = self.platform
        let made = Task { await Self.make(vault, tenant: tenant ?? "?", platform: platform) }
        tenants[vault] = made
        return await made.value
    }

    private static func make(_ vault: DesiredVault, tenant: String, platform: any SecretStore) async -> Result<any SecretStore, VaultError> {
        let name = "tenant \(tenant)'s Vault at \(vault.address)"
        guard let url = URL(string: vault.address) else { return .failure(VaultError("\(name): the address is not a URL")) }
        // http on loopback is for tests and the demo, whose platform Vault is on loopback too. On
        // a production host, loopback may be a Vault agent that adds the platform's token to
        // whatever it forwards.
        if TenantVaultAddress.isLoopback(vault.address), !(platform.address.map(TenantVaultAddress.isLoopback) ?? false) {
            return .failure(VaultError("\(name) is on loopback, which is accepted only while the platform's Vault is on loopback too (tests, the demo)"))
        }
        if let unavailable = await platform.availability() {
            return .failure(VaultError("its token (\(vault.token)) is read from the platform's Vault, which cannot be read: \(unavailable)"))
        }
        let token: String
        do {
            token = try await platform.read(vault.token).value
        } catch {
            return .failure(VaultError("its token cannot be read from the platform's Vault: \(error)"))
        }
        guard !token.isEmpty else { return .failure(VaultError("its token (\(vault.token)) is empty in the platform's Vault")) }
        var configuration = (platform as? VaultHTTPStore)?.configuration ?? HTTPClientConfiguration()
        // The platform's private CA is not the customer's: the host's CAs decide.
        configuration.caBundlePath = nil
        return .success(VaultHTTPStore(settings: VaultConnection(address: url, mount: vault.kvMount, namespace: vault.namespace, caFile: nil,
                                                                 auth: .token(token)),
                                       configuration: configuration, name: name))
    }
}
