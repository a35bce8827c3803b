import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GitTestSupport

/// A running `tenantctl serve`, its log (standard error) in a file, and plain HTTP to it.
/// Sendable for floods from several threads: `port` is set once, before it is shared.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let logPath: String
    private(set) var port: Int = 0

    private init(process: Process, logPath: String) {
        self.process = process
        self.logPath = logPath
    }

    static func start(_ arguments: [String], environment: [String: String], log: String, waitForListening: Bool = true) throws -> ServeProcess {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        _ = FileManager.default.createFile(atPath: log + ".out", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("tenantctl"))
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardInput = FileHandle.nullDevice
        let server = ServeProcess(process: process, logPath: log)
        try process.run()
        if waitForListening {
            do { try server.waitUntilListening() } catch {
                server.kill()
                throw error
            }
        }
        return server
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Text log lines whose message is `message`: `<time> <level> <message> key=value…`.
    func lines(_ message: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3 else { return false }
            let rest = fields[2]
            if rest == Substring(message) { return true }
            guard rest.hasPrefix(message + " ") else { return false }
            // The message ends where the key=value pairs begin.
            return rest.dropFirst(message.count + 1).split(separator: " ").first?.contains("=") ?? false
        }
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            // `address=http://…` in text, `"address":"http://…"` in JSON lines.
            if let range = log.range(of: "http://127.0.0.1:") ?? log.range(of: "http://0.0.0.0:") {
                let digits = log[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { self.port = port; return }
            }
            guard process.isRunning else { throw FixtureError("tenantctl serve exited (\(process.terminationStatus)):\n\(log)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw FixtureError("tenantctl serve did not start listening:\n\(log)")
    }

    struct Answer {
        var status: Int
        var body: String
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 60
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: Answer?
        nonisolated(unsafe) var failure: Error?
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error { failure = error }
            answer = Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        done.wait()
        if let failure { throw failure }
        return answer!
    }

    func get(_ path: String) throws -> Answer { try request("GET", path) }

    /// A GitLab push event, as GitLab sends it (X-Gitlab-Event, X-Gitlab-Token, a JSON body).
    func hook(token: String?, event: String = "Push Hook", body: String = #"{"object_kind":"push","ref":"refs/heads/main"}"#) throws -> Answer {
        var headers = ["X-Gitlab-Event": event, "Content-Type": "application/json"]
        if let token { headers["X-Gitlab-Token"] = token }
        return try request("POST", "/hooks/gitlab", headers: headers, body: Data(body.utf8))
    }

    /// The value of one sample of /metrics (0 when absent).
    func metric(_ name: String, _ labels: String = "") throws -> Double {
        let text = try get("/metrics").body
        let key = labels.isEmpty ? name : "\(name){\(labels)}"
        for line in text.split(separator: "\n") where line.hasPrefix(key + " ") {
            return Double(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    /// The runs counted in /metrics, every outcome.
    func runs() throws -> Double {
        let text = try get("/metrics").body
        return text.split(separator: "\n").filter { $0.hasPrefix("tenantctl_runs_total{") }
            .reduce(0) { $0 + (Double($1.split(separator: " ").last ?? "") ?? 0) }
    }

    func signal(_ number: Int32) { Foundation.kill(process.processIdentifier, number) }

    /// VmRSS of /proc/<pid>/status, in bytes.
    func residentBytes() throws -> Int {
        let text = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kibibytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Int($0) }) else {
            throw FixtureError("no VmRSS in /proc/\(process.processIdentifier)/status")
        }
        return kibibytes * 1024
    }

    /// Waits for the exit; nil when it did not exit in time.
    func waitForExit(timeout: TimeInterval = 120) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func kill() {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
