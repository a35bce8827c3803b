import Foundation

/// `drift --output json`, timed once: its answer and its cost.
extension TenantctlRunner {
    struct DriftOutcome {
        var status: Int32
        var items: Int
        var unobserved: Int
        /// The first unobserved environments with their reasons, for the report.
        var unobservedSample: [String]
    }

    /// tenantctl died of a signal it did not get from the bench's time limit: a crash.
    struct Crash: Error {
        var excerpt: String
    }

    func timeDrift(_ repository: GeneratedRepository, parallelism: Int, environment extra: [String: String],
                   label: String) throws -> (RunFigures, DriftOutcome) {
        let arguments = ["drift", "--repo", repository.path, "--parallelism", String(parallelism), "--juju-timeout", "60", "--output", "json"]
        let result = try run(arguments, label: "drift-\(label)", extra: extra)
        if let signal = result.signal, !result.timedOut {
            throw Crash(excerpt: "signal \(signal)" + (result.crashExcerpt.map { ": \($0)" } ?? ""))
        }
        // 0 in sync, 2 drift, 1 environments left unobserved (reported, with the figure).
        guard !result.timedOut, result.signal == nil, [0, 1, 2].contains(result.status),
              let report = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw BenchError("the drift sweep went wrong: \(result.failureSummary)\n\(result.stdout.prefix(1000))")
        }
        let unobserved = report["unobserved"] as? [[String: Any]] ?? []
        let outcome = DriftOutcome(
            status: result.status, items: (report["items"] as? [Any])?.count ?? 0, unobserved: unobserved.count,
            unobservedSample: unobserved.prefix(3).map { "\($0["environment"] ?? "?"): \($0["reason"] ?? "?")" })
        return (RunFigures(result), outcome)
    }
}

extension ChildResult {
    /// From a Swift crash report on standard error: what crashed and the crashed thread's first
    /// frames, on one line.
    var crashExcerpt: String? {
        let lines = stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let reason = lines.first(where: { $0.hasPrefix("*** Program crashed") }) else { return nil }
        var excerpt = reason.trimmingCharacters(in: CharacterSet(charactersIn: "* "))
        if let thread = lines.firstIndex(where: { $0.hasSuffix("crashed:") }) {
            let frames = lines[(thread + 1)...].filter { !$0.isEmpty }.prefix(3)
                .map { $0.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression) }
            excerpt += " | " + frames.joined(separator: " | ")
        }
        return excerpt
    }
}
