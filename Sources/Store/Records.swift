import Foundation

/// How a run ended. `refused` is a run that stopped before acting (a stale plan, too many
/// deletions, no confirmation); `interrupted` is one whose process died without saying.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running, succeeded, failed, interrupted, refused
}

/// The outcome of one attempt at one action.
public enum ActionResult: String, Codable, Sendable, CaseIterable {
    case running, succeeded, failed, skipped, interrupted
}

/// One tenantctl invocation that acted (or refused to), as `tenantctl history` lists it.
/// Times are kept to the millisecond.
public struct RunRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var command: String
    /// The git commit the run planned from, when it read the repository.
    public var commit: String?
    /// The fingerprint of the observed inputs its plan was computed from.
    public var fingerprint: String?
    public var status: RunStatus
    public var summary: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// The process that ran it: what crash recovery checks.
    public var pid: Int32
    public var host: String

    public init(
        id: Int64, command: String, commit: String?, fingerprint: String?, status: RunStatus,
        summary: String, startedAt: Date, finishedAt: Date?, pid: Int32, host: String
    ) {
        self.id = id
        self.command = command
        self.commit = commit
        self.fingerprint = fingerprint
        self.status = status
        self.summary = summary
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.pid = pid
        self.host = host
    }
}

/// One attempt at one action of a run: a retried action has one record per attempt.
public struct ActionRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    /// The plan's stable action id, e.g. `acme/production/juju.refresh/magento`.
    public var actionID: String
    public var kind: String
    /// Nil for actions that belong to no tenant (fleet-wide ones).
    public var tenant: String?
    public var environment: String
    public var target: String
    public var attempt: Int
    public var result: ActionResult
    /// What went wrong, truncated to ``StateStore/maximumTextBytes``.
    public var error: String?
    public var startedAt: Date
    public var finishedAt: Date?

    public init(
        id: Int64, run: Int64, actionID: String, kind: String, tenant: String?, environment: String,
        target: String, attempt: Int, result: ActionResult, error: String?, startedAt: Date,
        finishedAt: Date?
    ) {
        self.id = id
        self.run = run
        self.actionID = actionID
        self.kind = kind
        self.tenant = tenant
        self.environment = environment
        self.target = target
        self.attempt = attempt
        self.result = result
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
