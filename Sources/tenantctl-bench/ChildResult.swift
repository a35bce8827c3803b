/// How one child process ended and what it cost, from `wait4`'s resource usage.
struct ChildResult: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    var status: Int32
    var signal: Int32?
    var timedOut: Bool
    /// From just before the spawn to the moment the child exited.
    var wallSeconds: Double
    /// Peak resident set size of the child (`ru_maxrss`), in bytes.
    var maxRSSBytes: Int
    /// The least `ru_maxrss` could report (the spawning process's peak RSS, which Linux carries over
    /// exec); known for measured runs only.
    var rssFloorBytes: Int?
    var userSeconds: Double
    var systemSeconds: Double
    var stdout: String
    var stderr: String
    /// How the command is shown in messages.
    var commandLine: String

    var succeeded: Bool { status == 0 && !timedOut }

    /// A sentence for errors: what ran and how it ended, with the end of its standard error.
    var failureSummary: String {
        let ending: String
        if timedOut {
            ending = "was killed after its time limit"
        } else if let signal {
            ending = "was ended by signal \(signal)"
        } else {
            ending = "exited with status \(status)"
        }
        let tail = stderr.split(separator: "\n").suffix(20).joined(separator: "\n")
        return "`\(commandLine)` \(ending)" + (tail.isEmpty ? "" : ":\n" + tail)
    }
}
