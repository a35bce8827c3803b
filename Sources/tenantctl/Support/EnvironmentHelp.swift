/// The environment variables each command reads, for the end of its --help.
enum EnvironmentHelp {
    static let repository = "TENANTCTL_REPO, TENANTCTL_GIT_TOKEN, TENANTCTL_SSH_KEY_PASSPHRASE, TENANTCTL_CACHE_DIR (else XDG_CACHE_HOME)"
    static let world = "TENANTCTL_JUJU_BIN, TENANTCTL_JUJU_FILES_DIR (else HOME), TENANTCTL_STATE_DIR (else XDG_DATA_HOME, HOME), TENANTCTL_SECRETS_FILE, TENANTCTL_DNS_ENDPOINTS, VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT"

    static func line(_ parts: String...) -> String {
        "\n\nEnvironment: " + parts.joined(separator: ", ") + "."
    }
}
