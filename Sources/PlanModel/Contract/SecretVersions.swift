import TenantCore

/// An observation that knows which version each secret path is at (Vault's KV v2 metadata). A
/// system that applies secrets (Juju's configuration) compares it with the version it applied
/// last, to re-apply a rotated secret, without knowing which system observed it.
public protocol SecretVersions {
    /// The current version of the secret at `path` for `environment` (whose secrets may live in
    /// its tenant's own Vault), when it is known (nil: not observed, or a source without
    /// versions such as a secrets file).
    func currentVersion(of path: String, for environment: DesiredEnvironment) -> Int?
}

extension ObservedWorld {
    /// The current version of a secret path, from whichever observation knows it.
    public func currentSecretVersion(of path: String, for environment: DesiredEnvironment) -> Int? {
        for name in systems.keys.sorted() {
            if let versions = systems[name] as? SecretVersions, let version = versions.currentVersion(of: path, for: environment) { return version }
        }
        return nil
    }
}
