/// Secrets for reaching a remote. `description` and the reflection used by `dump` hide the
/// values, so a stray `print(credentials)` in a log leaks nothing.
public struct GitCredentials: Sendable, CustomStringConvertible, CustomReflectable {
    /// Sent as the password of user "oauth2" (GitLab style), or of the user named in the URL.
    public var httpToken: String?
    /// Private key file; the public key is this path + ".pub" when that file exists.
    public var sshKeyPath: String?
    public var sshKeyPassphrase: String?

    public init(httpToken: String? = nil, sshKeyPath: String? = nil, sshKeyPassphrase: String? = nil) {
        self.httpToken = httpToken
        self.sshKeyPath = sshKeyPath
        self.sshKeyPassphrase = sshKeyPassphrase
    }

    public var description: String {
        let token = httpToken == nil ? "none" : "set"
        let key = sshKeyPath ?? "none"
        return "GitCredentials(httpToken: \(token), sshKeyPath: \(key))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "httpToken": httpToken == nil ? "none" : "<redacted>",
            "sshKeyPath": sshKeyPath ?? "none",
            "sshKeyPassphrase": sshKeyPassphrase == nil ? "none" : "<redacted>",
        ])
    }

    /// Values that must never reach a message, empty ones excluded (they would match everywhere).
    var secrets: [String] {
        [httpToken, sshKeyPassphrase].compactMap { $0 }.filter { !$0.isEmpty }
    }
}
