import Foundation

/// Recordings for juju-replay: juju-sim's answers to the read-only calls a drift sweep makes,
/// saved once without latency, so that the timed sweep runs against a stand-in that costs only
/// its latency. The file names follow `Sources/juju-replay/main.swift`.
struct JujuRecording {
    let directory: String

    init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// juju-replay's name for a command line: the arguments joined by spaces, `%` and `/`
    /// percent-encoded (the same rule as juju-replay's `key`).
    static func key(_ arguments: [String]) -> String {
        arguments.map { $0.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F") }
            .joined(separator: " ")
    }

    /// Saves one answer: standard output, and standard error with the exit status when it failed.
    func save(_ arguments: [String], stdout: String, stderr: String = "", status: Int32 = 0) throws {
        let base = directory + "/" + Self.key(arguments)
        try Data(stdout.utf8).write(to: URL(fileURLWithPath: base + ".out"))
        guard status != 0 else { return }
        try Data(stderr.utf8).write(to: URL(fileURLWithPath: base + ".err"))
        try Data("\(status)\n".utf8).write(to: URL(fileURLWithPath: base + ".status"))
    }

    /// Asks juju-sim and saves its answer, whatever it is (a refusal is replayed as a refusal).
    func record(_ arguments: [String], from sim: JujuSimRunner) throws {
        let result = try sim.answer(arguments)
        guard !result.timedOut, result.signal == nil else { throw BenchError(result.failureSummary) }
        try save(arguments, stdout: result.stdout, stderr: result.stderr, status: result.status)
    }

    /// The calls `tenantctl drift` makes to observe these models: `controllers`, `models` per
    /// controller, `status` per model, `export-bundle` per model with applications.
    static func sweepCalls(controllers: [String], models: [ModelTarget], deployed: Set<String>) -> [[String]] {
        [["controllers", "--format=json"]]
            + controllers.map { ["models", "-c", $0, "--format=json"] }
            + models.map { ["status", "-m", "\($0.controller):\($0.model)", "--format=json"] }
            + models.filter { deployed.contains($0.environment) }.map { ["export-bundle", "-m", "\($0.controller):\($0.model)"] }
    }
}

/// Counts juju-replay's call log (`JUJU_REPLAY_LOG`) by command.
struct ReplayCallLog {
    var byCommand: [String: Int] = [:]
    var total: Int { byCommand.values.reduce(0, +) }
    /// Each call's start and end (monotonic nanoseconds), from the tab-separated tail of its line.
    var spans: [(start: Int, end: Int)] = []

    /// From the first call's start to the last call's end.
    var callSeconds: Double {
        guard let first = spans.map(\.start).min(), let last = spans.map(\.end).max(), last > first else { return 0 }
        return Double(last - first) / 1e9
    }

    /// Calls in flight on average between the first start and the last end: the parallelism
    /// tenantctl kept up.
    var meanInFlight: Double {
        let busy = spans.reduce(0) { $0 + Double($1.end - $1.start) / 1e9 }
        return callSeconds > 0 ? busy / callSeconds : 0
    }

    init() {}

    init(path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BenchError("cannot read juju-replay's call log \(path): \(error.localizedDescription)")
        }
        for line in text.split(separator: "\n") {
            byCommand[String(line.split(separator: " ").first ?? ""), default: 0] += 1
            let times = line.split(separator: "\t").last?.split(separator: " ").compactMap { Int($0) } ?? []
            if line.contains("\t"), times.count == 2 { spans.append((times[0], times[1])) }
        }
    }

    subscript(command: String) -> Int { byCommand[command] ?? 0 }
}
