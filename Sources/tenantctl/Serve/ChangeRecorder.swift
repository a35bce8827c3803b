import Foundation
import Logging
import Reconciler
import ServeCore

/// The journal the daemon's walker writes through: every call goes to the store, and each change
/// attempt's end also makes one log line (run id, tenant, environment, change address, outcome,
/// duration) and its metrics. Errors arrive redacted by their driver, as in the journal.
final class ChangeRecorder: Journal, @unchecked Sendable {
    let inner: any Journal
    let logger: Logger
    let metrics: ServeMetrics
    // Guards `attempts`: the walker runs changes in parallel.
    private let lock = NSLock()
    private var attempts: [Int64: Attempt] = [:]
    private var onRunStart: (@Sendable (Int64) -> Void)?

    struct Attempt {
        var run: Int64
        var action: String
        var tenant: String?
        var environment: String
        var attempt: Int
        var started: ContinuousClock.Instant
    }

    init(inner: any Journal, logger: Logger, metrics: ServeMetrics) {
        self.inner = inner
        self.logger = logger
        self.metrics = metrics
    }

    /// `action` runs once, with the run's id, before the walk's first change is journaled: the
    /// run's plan is kept then, so that a daemon killed mid-run leaves it for the run's page.
    func whenTheRunStarts(_ action: @escaping @Sendable (Int64) -> Void) {
        lock.withLock { onRunStart = action }
    }

    private func runStarted(_ run: Int64) {
        let action = lock.withLock { () -> (@Sendable (Int64) -> Void)? in
            defer { onRunStart = nil }
            return onRunStart
        }
        action?(run)
    }

    func startRun(command: String, commit: String?, fingerprint: String?) throws -> Int64 {
        try inner.startRun(command: command, commit: commit, fingerprint: fingerprint)
    }

    func finishRun(_ run: Int64, succeeded: Bool, summary: String) throws { try inner.finishRun(run, succeeded: succeeded, summary: summary) }

    func interruptRun(_ run: Int64, summary: String) throws { try inner.interruptRun(run, summary: summary) }

    func startAction(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String, attempt: Int) throws -> Int64 {
        runStarted(run)
        let entry = try inner.startAction(run: run, action: action, kind: kind, tenant: tenant, environment: environment, target: target, attempt: attempt)
        let started = Attempt(run: run, action: action, tenant: tenant, environment: environment, attempt: attempt, started: ContinuousClock.now)
        lock.withLock { attempts[entry] = started }
        logger.info("change started", metadata: fields(started.run, action, tenant, environment, ["attempt": "\(attempt)"]))
        return entry
    }

    func finishAction(_ entry: Int64, succeeded: Bool, error: String?) throws {
        try inner.finishAction(entry, succeeded: succeeded, error: error)
        guard let attempt = lock.withLock({ attempts.removeValue(forKey: entry) }) else { return }
        let duration = attempt.started.duration(to: .now)
        metrics.changeFinished(outcome: succeeded ? "succeeded" : "failed", duration: duration)
        var extra: Logger.Metadata = ["outcome": .string(succeeded ? "succeeded" : "failed"), "attempt": "\(attempt.attempt)",
                                      "seconds": .string(String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18))]
        if let error { extra["error"] = .string(error) }
        let metadata = fields(attempt.run, attempt.action, attempt.tenant, attempt.environment, extra)
        if succeeded { logger.info("change", metadata: metadata) } else { logger.warning("change", metadata: metadata) }
    }

    func recordNotRun(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String, reason: String,
                      interrupted: Bool) throws {
        runStarted(run)
        try inner.recordNotRun(run: run, action: action, kind: kind, tenant: tenant, environment: environment, target: target, reason: reason,
                               interrupted: interrupted)
        metrics.changeFinished(outcome: interrupted ? "not_run" : "skipped", duration: nil)
        logger.info("change", metadata: fields(run, action, tenant, environment,
                                               ["outcome": .string(interrupted ? "not_run" : "skipped"), "reason": .string(reason)]))
    }

    func secretDigestKey(create: Bool) throws -> [UInt8]? { try inner.secretDigestKey(create: create) }

    private func fields(_ run: Int64, _ action: String, _ tenant: String?, _ environment: String, _ extra: Logger.Metadata) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["run": "\(run)", "environment": .string(environment), "change": .string(action)]
        if let tenant { metadata["tenant"] = .string(tenant) }
        return metadata.merging(extra) { $1 }
    }
}
