import Foundation
import GitTestSupport
import XCTest

/// gitlab-sim on a free loopback port, for serve's commit statuses: the API serve posts to, the
/// webhook sender (`/sim/webhooks`, GitLab's payload shapes), and what it received (`/sim/state`,
/// the request log).
final class ServeGitLabSim {
    static let token = "glpat-serve-bot-canary-51c2"
    static let projectPath = "platform/tenants"

    let process = Process()
    let directory: String
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requestLog: String { (try? String(contentsOfFile: directory + "/requests.log", encoding: .utf8)) ?? "" }

    init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = """
            {"users": [{"id": 7, "username": "tenantctl-bot", "name": "tenantctl bot", "tokens": ["\(Self.token)"]}],
             "projects": [{"id": 42, "path": "\(Self.projectPath)", "defaultBranch": "main", "mergeRequests": [1]}]}
            """
        try config.write(toFile: directory + "/sim.json", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("gitlab-sim"))
        process.arguments = ["--listen", "127.0.0.1:0", "--port-file", directory + "/port", "--config", directory + "/sim.json",
                             "--log", directory + "/requests.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            found = (try? String(contentsOfFile: directory + "/port", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            process.terminate()
            throw FixtureError("gitlab-sim did not start")
        }
        port = found
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// An admin call; the answer as JSON.
    @discardableResult
    func admin(_ method: String, _ path: String, _ body: String? = nil) throws -> Any? {
        var arguments = ["-s", "-S", "--max-time", "30", "-X", method]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments.append(baseURL + "/sim" + path)
        let result = try ChildProcess.run("/usr/bin/curl", arguments)
        return try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// The commit statuses gitlab-sim holds for a commit, by name.
    func statuses(sha: String) throws -> [String: [String: Any]] {
        let state = try admin("GET", "/state") as? [String: Any]
        let list = (state?["statuses"] as? [[String: Any]] ?? []).filter { $0["sha"] as? String == sha }
        return Dictionary(list.compactMap { status in (status["name"] as? String).map { ($0, status) } }) { _, last in last }
    }

    /// A push webhook, as GitLab sends it, to serve's /hooks/gitlab; the receiver's HTTP status.
    func push(to server: ServeProcess, token: String, before: String, after: String) throws -> Int {
        let body: [String: Any] = ["url": "http://127.0.0.1:\(server.port)/hooks/gitlab", "token": token, "event": "push",
                                   "before": before, "after": after, "modified": ["tenants/acme.yaml"]]
        let answer = try admin("POST", "/webhooks", String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
        return (answer as? [String: Any])?["status"] as? Int ?? 0
    }
}
