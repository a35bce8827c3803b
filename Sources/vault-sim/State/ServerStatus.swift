/// What `sys/health` reports and what gates every other endpoint.
struct ServerStatus: Sendable {
    var initialized = true
    var sealed = false
    var standby = false
    let version = "1.17.6"
    let clusterName = "vault-cluster-sim"
    let clusterID = Identifiers.uuid()

    /// Sealed or not initialised: Vault serves nothing but health and seal status.
    var serving: Bool { initialized && !sealed }
}
