import PlanModel

/// One apply as the journal sees it: the run is started with the commit and the world's
/// fingerprint, the plan is walked, and the run is finished as succeeded, failed, or interrupted
/// when the task was cancelled (SIGINT, SIGTERM in the CLI; shutdown in the daemon).
public struct ApplyRun: Sendable {
    public var walker: ChangeWalker
    public var journal: any Journal
    public var command: String

    public init(walker: ChangeWalker, journal: any Journal, command: String = "apply") {
        self.walker = walker
        self.journal = journal
        self.command = command
    }

    public struct Outcome: Sendable {
        public var run: Int64
        public var report: ApplyReport
    }

    public func apply(_ plan: Plan, commit: String?, fingerprints: [String: String]) async throws -> Outcome {
        let run = try journal.startRun(command: command, commit: commit, fingerprint: CombinedFingerprint.of(fingerprints))
        let report = await walker.apply(plan, run: run)
        if report.stopped {
            try journal.interruptRun(run, summary: report.summaryLine)
        } else {
            try journal.finishRun(run, succeeded: report.succeeded, summary: report.summaryLine)
        }
        return Outcome(run: run, report: report)
    }
}
