import Foundation

/// N webhook events within S seconds: S batches of N/S requests, one started every second (or as
/// soon as the previous one is done, when it took longer), each sent by curl over `connections`
/// concurrent keep-alive connections (`--parallel`), every request GitLab's push payload with its
/// headers. curl writes one HTTP status per request, which is how the answers are counted.
struct WebhookFlood {
    let events: Int
    let seconds: Int
    let connections: Int
    let process: ChildProcess
    let directory: String

    struct Outcome {
        var sent = 0
        var accepted = 0
        /// Answers other than 202, by status (0: no answer).
        var refused: [Int: Int] = [:]
        var wallSeconds = 0.0
    }

    /// - Parameters:
    ///   - headers: `Name: value` lines (the token among them: in a 0600 file, not in curl's argv).
    func send(to url: String, payload: Data, headers: [String]) throws -> Outcome {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let payloadFile = directory + "/payload.json", headerFile = directory + "/headers.txt"
        try payload.write(to: URL(fileURLWithPath: payloadFile))
        try Data((headers.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: headerFile))
        guard chmod(headerFile, 0o600) == 0 else { throw BenchError("cannot make \(headerFile) private (chmod 600)") }
        var outcome = Outcome()
        let started = Spawn.now()
        let batches = max(1, seconds)
        for batch in 0..<batches {
            let size = events / batches + (batch < events % batches ? 1 : 0)
            guard size > 0 else { continue }
            let due = started + UInt64(batch) * 1_000_000_000
            let now = Spawn.now()
            if now < due { Thread.sleep(forTimeInterval: Double(due - now) / 1e9) }
            // `?event=[1-N]`: curl's URL globbing makes N requests from one argument; serve routes
            // by path only.
            let arguments = ["-sS", "--parallel", "--parallel-immediate", "--parallel-max", String(connections), "-X", "POST",
                             "-H", "@" + headerFile, "--data-binary", "@" + payloadFile, "-o", "/dev/null", "-w", "%{http_code}\\n",
                             "--max-time", "30", "\(url)?event=[1-\(size)]"]
            let result = try process.run("curl", arguments, environment: ProcessInfo.processInfo.environment,
                                         label: "webhook-flood-\(batch)", searchPath: true)
            // curl's status is that of the last transfer: the counts below are what matters.
            let codes = result.stdout.split(separator: "\n").map { Int($0) ?? 0 }
            guard codes.count == size else {
                throw BenchError("curl answered \(codes.count) statuses for \(size) webhooks: \(result.failureSummary)")
            }
            outcome.sent += size
            for code in codes {
                if code == 202 { outcome.accepted += 1 } else { outcome.refused[code, default: 0] += 1 }
            }
        }
        outcome.wallSeconds = Double(Spawn.now() - started) / 1e9
        return outcome
    }
}
