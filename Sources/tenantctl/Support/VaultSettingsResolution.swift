import Foundation
import TenantCore
import VaultDriver

/// The Vault tenantctl talks to: the fleet's `vault:` section, with the variables Vault's own CLI
/// reads taking precedence (`VAULT_ADDR`, `VAULT_TOKEN`, `VAULT_NAMESPACE`, `VAULT_CACERT`), so
/// that an operator, the demo or CI can point one run elsewhere.
enum VaultSettingsResolution {
    static func connection(fleet: VaultSettings?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> VaultConnection? {
        let address = environment["VAULT_ADDR"].flatMap { $0.isEmpty ? nil : $0 } ?? fleet?.address.value
        guard let address else { return nil }
        guard let url = URL(string: address), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw CLIError("the Vault address '\(address)' is not an http(s) URL")
        }
        let namespace = environment["VAULT_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? fleet?.namespace
        let caFile = environment["VAULT_CACERT"].flatMap { $0.isEmpty ? nil : $0 } ?? fleet?.caFile
        let auth: VaultConnection.Auth
        if let token = environment["VAULT_TOKEN"], !token.isEmpty {
            auth = .token(token)
        } else {
            switch fleet?.authMethod ?? .token {
            case .token:
                guard let file = fleet?.authSettings["tokenFile"] else {
                    throw CLIError("Vault needs a token: set VAULT_TOKEN, or auth.tokenFile in tenantctl.yaml")
                }
                auth = .token(try secretFile(file, what: "Vault token file"))
            case .approle:
                guard let roleID = fleet?.authSettings["roleId"], let secretIDFile = fleet?.authSettings["secretIdFile"] else {
                    throw CLIError("Vault AppRole login needs auth.roleId and auth.secretIdFile in tenantctl.yaml")
                }
                auth = .appRole(mount: fleet?.authSettings["mount"] ?? "approle", roleID: roleID,
                                secretID: try secretFile(secretIDFile, what: "Vault AppRole secret_id file"))
            case .kubernetes:
                throw CLIError("Vault's kubernetes login is not supported yet: use auth.method token or approle, or VAULT_TOKEN")
            }
        }
        return VaultConnection(address: url, mount: fleet?.kvMount ?? "secret", namespace: namespace, caFile: caFile, auth: auth)
    }

    /// A credential file: readable by its owner only, first line, trimmed.
    static func secretFile(_ path: String, what: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CLIError("cannot read the \(what) \(path)") }
        if info.st_mode & 0o077 != 0 {
            throw CLIError("the \(what) \(path) can be read or written by other users (mode \(String(format: "%04o", Int(info.st_mode & 0o777)))); run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the \(what) \(path)") }
        let text = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)?
            .trimmingCharacters(in: .whitespaces) ?? ""
        guard !text.isEmpty else { throw CLIError("the \(what) \(path) is empty") }
        return text
    }
}
