import CertsPlanning

/// The certbot command line of one order: non-interactive, DNS-01 through tenantctl's hooks,
/// every folder tenantctl's own. Nothing secret is on it: EAB credentials go in a 0600
/// configuration file (`--config`).
struct CertbotInvocation: Equatable {
    var configDirectory: String
    var workDirectory: String
    var logsDirectory: String
    var directory: String
    var email: String
    var lineage: String
    var names: [String]
    /// The command certbot runs as a hook, before ` auth` / ` cleanup`.
    var hookCommand: String
    /// A renewal of unchanged names: certbot would otherwise keep a certificate it thinks is
    /// not due yet (tenantctl's renewal window may be wider than certbot's).
    var forceRenewal: Bool
    /// The 0600 file holding `eab-kid` and `eab-hmac-key`, when the CA wants them.
    var eabConfigFile: String?

    var arguments: [String] {
        var arguments = ["certonly", "--non-interactive", "--agree-tos", "--no-eff-email", "-m", email,
                         "--server", directory, "--cert-name", lineage,
                         "--manual", "--preferred-challenges", "dns",
                         "--manual-auth-hook", "\(hookCommand) auth", "--manual-cleanup-hook", "\(hookCommand) cleanup",
                         "--config-dir", configDirectory, "--work-dir", workDirectory, "--logs-dir", logsDirectory]
        if let eabConfigFile { arguments = ["--config", eabConfigFile] + arguments }
        if forceRenewal { arguments.append("--force-renewal") }
        for name in names { arguments += ["-d", name] }
        return arguments
    }

    /// A word the shell reads back as `text`: certbot runs hooks through the shell. Quoted only
    /// when needed: certbot checks that a hook's first word is an executable before running it,
    /// and takes the quotes for part of the path.
    static func shellQuoted(_ text: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+")
        if !text.isEmpty, text.allSatisfy(plain.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
