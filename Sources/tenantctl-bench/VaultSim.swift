import Foundation

/// vault-sim run by the bench: seeded through its configuration file with the secrets a generated
/// repository references, its root token for tenantctl and the admin API, every request logged.
struct VaultSim {
    static let rootToken = "bench-root-token"

    let pid: pid_t
    let address: String
    let logPath: String

    /// Starts vault-sim on a free loopback port and waits until it says where it listens.
    /// `values`: `path#key` → value, seeded besides (or instead of) the generated values (the DNS
    /// providers' credentials).
    static func start(executable: String, secrets: [String: [String]], values: [String: String] = [:], directory: String, logs: String) throws -> VaultSim {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var data: [String: [String: String]] = [:]
        for (path, keys) in secrets {
            for key in keys { data[path, default: [:]][key] = SecretReferences.value(path: path, key: key) }
        }
        for (reference, value) in values {
            let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            data[parts[0], default: [:]][parts[1]] = value
        }
        let seeded: [[String: Any]] = data.sorted { $0.key < $1.key }.map { path, keys in
            ["mount": "secret", "path": path, "data": keys]
        }
        let config = directory + "/vault-sim.json"
        try JSONSerialization.data(withJSONObject: ["mounts": ["secret"], "secrets": seeded]).write(to: URL(fileURLWithPath: config))
        let portFile = directory + "/port", logPath = directory + "/requests.log"
        let pid = try Spawn.start(
            [executable, "--listen", "127.0.0.1:0", "--port-file", portFile, "--config", config, "--root-token", rootToken, "--log", logPath],
            environment: ProcessInfo.processInfo.environment,
            streams: Spawn.Streams(stdout: logs + "/vault-sim.stdout", stderr: logs + "/vault-sim.stderr"),
            searchPath: false, newProcessGroup: true)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return VaultSim(pid: pid, address: "http://127.0.0.1:\(port)", logPath: logPath)
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw BenchError("vault-sim exited before listening (see \(logs)/vault-sim.stderr with --keep)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGTERM)
        throw BenchError("vault-sim did not write its port file within 60 s")
    }

    /// `POST /sim/latency {"ms": …}`: every /v1/ answer delayed.
    func setLatency(milliseconds: Int, process: ChildProcess) throws {
        let result = try process.run("curl", ["-sS", "-f", "-X", "POST", "-H", "X-Vault-Token: \(Self.rootToken)",
                                              "-d", "{\"ms\": \(milliseconds)}", address + "/sim/latency"],
                                     environment: ProcessInfo.processInfo.environment, label: "vault-sim-latency", searchPath: true)
        guard result.succeeded else { throw BenchError("vault-sim refused the latency: \(result.failureSummary)") }
    }

    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// The request log: `<RFC 3339 time> <method> <path> <status>` per line.
    struct Requests {
        var total = 0
        var metadata = 0
        var failed = 0
        /// From the first answer to the last: how long Vault was being read.
        var spanSeconds = 0.0
    }

    func requests() throws -> Requests {
        let text: String
        do { text = try String(contentsOfFile: logPath, encoding: .utf8) } catch {
            throw BenchError("cannot read vault-sim's request log \(logPath): \(error.localizedDescription)")
        }
        var requests = Requests()
        var first = Double.infinity, last = -Double.infinity
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 4, fields[2].hasPrefix("/v1/") else { continue }
            requests.total += 1
            if fields[2].contains("/metadata/") { requests.metadata += 1 }
            if !fields[3].hasPrefix("2") { requests.failed += 1 }
            if let time = Self.seconds(String(fields[0])) {
                first = min(first, time)
                last = max(last, time)
            }
        }
        requests.spanSeconds = last >= first ? last - first : 0
        return requests
    }

    /// Seconds since the epoch of `2026-11-29T19:40:01.123456789Z`.
    static func seconds(_ text: String) -> Double? {
        let parts = text.dropLast().split(separator: ".")
        guard text.hasSuffix("Z"), parts.count == 2 else { return nil }
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: parts[0] + "Z"), let fraction = Double("0." + parts[1]) else { return nil }
        return date.timeIntervalSince1970 + fraction
    }
}
