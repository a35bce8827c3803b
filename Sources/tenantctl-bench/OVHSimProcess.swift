import Foundation

/// ovh-sim run by the bench: one application and consumer key allowed everything, the zones
/// given (seeded records are served at once), every request logged.
struct OVHSimProcess {
    struct Keys {
        var application: String
        var secret: String
        var consumer: String
    }

    struct Zone {
        var name: String
        /// `(subDomain, fieldType, target)`.
        var records: [(String, String, String)]
    }

    let pid: pid_t
    let baseURL: String
    let logPath: String
    var apiURL: String { baseURL + "/1.0" }

    static func start(executable: String, keys: Keys, zones: [Zone], directory: String) throws -> OVHSimProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("--ovh-sim \(executable) is not an executable file (build it first: swift build -c release --product ovh-sim)")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let seed: [String: Any] = [
            "applications": [["key": keys.application, "secret": keys.secret]],
            "consumers": [["key": keys.consumer, "application": keys.application]],
            "zones": zones.map { zone in
                ["name": zone.name,
                 "records": [["subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0]]
                    + zone.records.map { ["subDomain": $0.0, "fieldType": $0.1, "target": $0.2, "ttl": 300] }] as [String: Any]
            },
        ]
        let config = directory + "/ovh-sim.json", portFile = directory + "/port", logPath = directory + "/requests.log"
        try JSONSerialization.data(withJSONObject: seed).write(to: URL(fileURLWithPath: config))
        let pid = try Spawn.start([executable, "--listen", "127.0.0.1:0", "--port-file", portFile, "--config", config, "--log", logPath],
                                  environment: ProcessInfo.processInfo.environment,
                                  streams: Spawn.Streams(stdout: directory + "/stdout", stderr: directory + "/stderr"),
                                  searchPath: false, newProcessGroup: true)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return OVHSimProcess(pid: pid, baseURL: "http://127.0.0.1:\(port)", logPath: logPath)
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { throw BenchError("ovh-sim exited before listening (see \(directory)/stderr with --keep)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGKILL)
        throw BenchError("ovh-sim did not write its port file within 60 s")
    }

    /// `POST /sim/latency {"ms": …}`: every API answer delayed.
    func setLatency(milliseconds: Int, process: ChildProcess) throws {
        let result = try process.run("curl", ["-sS", "-f", "-X", "POST", "-H", "Content-Type: application/json",
                                              "-d", "{\"ms\": \(milliseconds)}", baseURL + "/sim/latency"],
                                     environment: ProcessInfo.processInfo.environment, label: "ovh-sim-latency", searchPath: true)
        guard result.succeeded else { throw BenchError("ovh-sim refused the latency: \(result.failureSummary)") }
    }

    /// API requests logged so far (`<time> <method> <path> <status>` per line, times to the
    /// millisecond; the simulator's own `/sim/` controls left out), and the seconds from the
    /// first to the last.
    func requests() -> (count: Int, spanSeconds: Double) {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        var count = 0
        var first = Double.infinity, last = -Double.infinity
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, !fields[2].hasPrefix("/sim") else { continue }
            count += 1
            if let time = VaultSim.seconds(String(fields[0])) {
                first = min(first, time)
                last = max(last, time)
            }
        }
        return (count, last >= first ? last - first : 0)
    }

    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
