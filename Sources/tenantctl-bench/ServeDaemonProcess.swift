import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `tenantctl serve` run by the bench: its JSON log lines read back from the file its standard
/// error goes to, its /metrics, and its memory from /proc.
struct ServeDaemonProcess {
    let pid: pid_t
    let logPath: String
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts serve and waits until it logs the address it listens at (port 0: the kernel's pick).
    static func start(executable: String, arguments: [String], environment: [String: String], directory: String) throws -> ServeDaemonProcess {
        let logPath = directory + "/serve.log"
        let pid = try Spawn.start([executable, "serve"] + arguments + ["--listen", "127.0.0.1:0", "--log-format", "json"],
                                  environment: environment, streams: Spawn.Streams(stdout: directory + "/serve.stdout", stderr: logPath),
                                  searchPath: false, newProcessGroup: true)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            for line in ServeLogLine.read(logPath) where line.message == "listening" {
                if let address = line.fields["address"], let port = address.split(separator: ":").last.flatMap({ Int($0) }) {
                    return ServeDaemonProcess(pid: pid, logPath: logPath, port: port)
                }
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { throw BenchError("tenantctl serve exited before listening (see \(logPath) with --keep)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGKILL)
        throw BenchError("tenantctl serve did not listen within 60 s (see \(logPath) with --keep)")
    }

    var lines: [ServeLogLine] { ServeLogLine.read(logPath) }

    /// Polls the log until a line satisfies `found`, or fails after `timeout` seconds.
    func waitForLine(_ what: String, timeout: Double, after skipped: Int = 0, _ found: (ServeLogLine) -> Bool) throws -> ServeLogLine {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = lines.dropFirst(skipped).first(where: found) { return line }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { throw BenchError("tenantctl serve exited while the bench waited for \(what) (see \(logPath) with --keep)") }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw BenchError("tenantctl serve did not log \(what) within \(Int(timeout)) s (see \(logPath) with --keep)")
    }

    /// A counter or gauge of /metrics, summed over its label sets (0 when absent).
    func metric(_ name: String, labels: String? = nil) throws -> Double {
        let answer = try LoopbackHTTP.request("GET", baseURL + "/metrics")
        guard answer.status == 200 else { throw BenchError("GET /metrics answered \(answer.status)") }
        return answer.body.split(separator: "\n").reduce(0.0) { sum, line in
            guard line.hasPrefix(name + " ") || line.hasPrefix(name + "{") else { return sum }
            if let labels, !line.contains(labels) { return sum }
            return sum + (Double(line.split(separator: " ").last ?? "") ?? 0)
        }
    }

    /// VmRSS and VmHWM (the peak since start) of /proc/<pid>/status, in bytes.
    func memory() throws -> (rss: Int, peak: Int) {
        let text: String
        do { text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) } catch {
            throw BenchError("cannot read /proc/\(pid)/status: \(error.localizedDescription)")
        }
        func kibibytes(_ field: String) -> Int? {
            text.split(separator: "\n").first { $0.hasPrefix(field + ":") }
                .flatMap { $0.split(whereSeparator: \.isWhitespace).dropFirst().first }.flatMap { Int($0) }
        }
        guard let rss = kibibytes("VmRSS"), let peak = kibibytes("VmHWM") else { throw BenchError("/proc/\(pid)/status has no VmRSS or VmHWM") }
        return (rss * 1024, peak * 1024)
    }

    /// SIGTERM, as a service manager stops it; SIGKILL after 60 s.
    func stop() {
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(60)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}

/// One JSON line of serve's log (`--log-format json`: every value a string).
struct ServeLogLine {
    var fields: [String: String]
    var message: String { fields["message"] ?? "" }
    var time: Date? { fields["time"].flatMap(Self.parseTime) }

    static func read(_ path: String) -> [ServeLogLine] {
        // A missing file is a log not written yet.
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: String]).map { ServeLogLine(fields: $0) }
        }
    }

    /// serve's `2026-11-30T00:40:01.123Z` (milliseconds).
    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
