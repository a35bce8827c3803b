import Foundation
import TenantCore
import VaultPlanning

/// The Vault references of a desired state, as the bench hands them to tenantctl: a secrets file
/// (`TENANTCTL_SECRETS_FILE`, which takes precedence over the fleet's Vault, whose AppRole
/// secret_id file does not exist here) for the drift sweeps, or vault-sim's seed.
enum SecretReferences {
    /// Every `vault:<path>#<key>` the environments' applications use, by path, keys sorted.
    static func byPath(_ desired: DesiredState) -> [String: [String]] {
        var keys: [String: Set<String>] = [:]
        for environment in desired.environments {
            for use in VaultPlanner.secretUses(environment) { keys[use.reference.path, default: []].insert(use.reference.key) }
        }
        return keys.mapValues { $0.sorted() }
    }

    /// A value that says what it is and is the same for every run.
    static func value(path: String, key: String) -> String { "bench-\(key)-\(path.count)" }

    /// Writes the secrets file (0600, as tenantctl requires) and returns how many references it
    /// holds. `extra`: more references (`path#key` → value), the DNS providers' credentials.
    @discardableResult
    static func writeFile(_ desired: DesiredState, to path: String, extra: [String: String] = [:]) throws -> Int {
        var lines: [String] = []
        for (secretPath, keys) in byPath(desired).sorted(by: { $0.key < $1.key }) {
            for key in keys where extra["\(secretPath)#\(key)"] == nil {
                lines.append("\"\(secretPath)#\(key)\": \"\(value(path: secretPath, key: key))\"")
            }
        }
        for (reference, value) in extra.sorted(by: { $0.key < $1.key }) { lines.append("\"\(reference)\": \"\(value)\"") }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        guard chmod(path, 0o600) == 0 else { throw BenchError("cannot make \(path) private (chmod 600)") }
        return lines.count
    }
}
