import ArgumentParser
import Foundation
import GitLab
import HTTPClient
import Reconciler
import TenantCore
import VaultDriver

/// `--gitlab-token vault:<path>#<key>`: the GitLab access token kept in Vault, named the way
/// tenantctl.yaml names every other secret (the DNS providers' credentials, the tenants'
/// configuration), and read through the same secret store: the secrets file when one is given,
/// else Vault as the fleet's `vault:` section (or VAULT_ADDR and friends) says. The flag takes a
/// reference only: a token on a command line is visible to every user of the host.
enum GitLabTokenReference {
    /// The reference, or an error that never repeats what was given (it may be the token itself).
    static func parse(_ text: String) throws -> VaultReference {
        guard VaultReference.looksLikeReference(text) else {
            throw ValidationError("--gitlab-token takes a Vault reference, vault:<path>#<key>, never the token itself (a command line is visible to every user of the host: use --gitlab-token-file for a token in a file)")
        }
        switch VaultReference.parse(text) {
        case .success(let reference): return reference
        case .failure(let error): throw ValidationError("--gitlab-token \(error.description)")
        }
    }

    /// The token behind the reference, read from `store`. Errors name the reference and the
    /// store, never a value (the stores' own errors never quote one).
    static func read(_ reference: VaultReference, from store: (any SecretStore)?) async throws -> GitLabToken {
        guard let store else {
            throw CLIError("the GitLab token \(reference) is in Vault, but no Vault is set: give the fleet a vault: section, set VAULT_ADDR and VAULT_TOKEN, or pass --secrets-file")
        }
        let value: String
        do { value = try await store.read(reference).value } catch {
            throw CLIError("cannot read the GitLab token \(reference) from \(store.sourceName): \(error)")
        }
        do { return try GitLabToken(value) } catch {
            throw CLIError("the GitLab token \(reference) in \(store.sourceName) is not usable: \(error)")
        }
    }

    /// The store of `tenantctl gitlab …`, which reads no fleet: $TENANTCTL_SECRETS_FILE, else
    /// Vault from VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE and VAULT_CACERT (KV v2 mount `secret`).
    static func standaloneStore(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (any SecretStore)? {
        if let path = environment["TENANTCTL_SECRETS_FILE"], !path.isEmpty {
            do { return FileSecretStore(file: try FileSecretSource(path: path)) } catch let error as SecretError { throw CLIError(error.description) }
        }
        guard let connection = try VaultSettingsResolution.connection(fleet: nil, environment: environment) else { return nil }
        return VaultHTTPStore(settings: connection, configuration: HTTPClientConfiguration(connectTimeout: .seconds(10), totalTimeout: .seconds(10)))
    }
}
