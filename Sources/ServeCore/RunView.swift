import Foundation

/// A journaled run as the dashboard shows it (the store's record, without the process fields).
public struct RunView: Sendable, Equatable {
    public var id: Int64
    public var command: String
    public var commit: String?
    /// running, succeeded, failed, interrupted, refused.
    public var status: String
    public var summary: String
    public var startedAt: Date
    public var finishedAt: Date?

    public init(id: Int64, command: String, commit: String?, status: String, summary: String, startedAt: Date, finishedAt: Date?) {
        self.id = id
        self.command = command
        self.commit = commit
        self.status = status
        self.summary = summary
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// One change of a run's plan and how it went.
public struct RunChangeView: Sendable, Equatable {
    public var actionID: String
    public var kind: String
    public var effect: String
    public var tenant: String?
    public var environment: String
    public var target: String
    public var reasons: [String]
    /// The last attempt's result (succeeded, failed, skipped, interrupted, running), or nil when
    /// no attempt was journaled (the process died first).
    public var outcome: String?
    /// Attempts made (0 for a change skipped or not run).
    public var attempts: Int
    public var error: String?

    public init(actionID: String, kind: String, effect: String, tenant: String?, environment: String, target: String, reasons: [String],
                outcome: String?, attempts: Int, error: String?) {
        self.actionID = actionID
        self.kind = kind
        self.effect = effect
        self.tenant = tenant
        self.environment = environment
        self.target = target
        self.reasons = reasons
        self.outcome = outcome
        self.attempts = attempts
        self.error = error
    }
}
