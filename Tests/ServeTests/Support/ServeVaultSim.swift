import Foundation
import GitTestSupport

/// vault-sim on a free loopback port for the GitLab token kept in Vault: the token and the
/// fleet's shop password seeded under KV v2 mount `secret`, a token that may read them, and one
/// that may read nothing of theirs (403).
final class ServeVaultSim {
    static let reader = "s.serve-reader"
    static let outsider = "s.serve-outsider"
    static let tokenReference = "vault:platform/gitlab#token"

    let process = Process()
    let port: Int
    var address: String { "http://127.0.0.1:\(port)" }

    init(directory: String, gitlabToken: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config: [String: Any] = [
            "mounts": ["secret"],
            "policies": ["reader": [["path": "secret/*", "capabilities": ["read", "list"]]],
                         "outsider": [["path": "secret/data/elsewhere/*", "capabilities": ["read"]]]],
            "tokens": [["id": Self.reader, "policies": ["reader"], "ttl": "1h"], ["id": Self.outsider, "policies": ["outsider"], "ttl": "1h"]],
            "secrets": [["path": "platform/gitlab", "data": ["token": gitlabToken]],
                        ["path": "tenants/shop", "data": ["password": ServeFleet.canary]]],
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: directory + "/vault-sim.json"))
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("vault-sim"))
        process.arguments = ["--listen", "127.0.0.1:0", "--port-file", directory + "/port", "--root-token", "root-\(UUID().uuidString.prefix(8))",
                             "--config", directory + "/vault-sim.json", "--log", directory + "/requests.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            found = (try? String(contentsOfFile: directory + "/port", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw FixtureError("vault-sim did not start")
        }
        port = found
    }

    deinit { stop() }

    /// SIGKILL: a stand-in has nothing to flush.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// What tenantctl needs to read from it (and no secrets file, which would win over Vault).
    func environment(token: String) -> [String: String] {
        ["VAULT_ADDR": address, "VAULT_TOKEN": token, "TENANTCTL_SECRETS_FILE": ""]
    }
}
