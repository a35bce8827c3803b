import Foundation

/// Where runs and their change attempts are kept, whatever the system. The CLI backs it with the
/// SQLite store; tests may use memory. What a system records of its own (Juju's models and applied
/// secrets) is that system's protocol, refining this one.
public protocol Journal: Sendable {
    func startRun(command: String, commit: String?, fingerprint: String?) throws -> Int64
    func finishRun(_ run: Int64, succeeded: Bool, summary: String) throws
    /// The run was stopped before it ended (a signal, a shutdown): neither succeeded nor failed.
    func interruptRun(_ run: Int64, summary: String) throws
    func startAction(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String, attempt: Int) throws -> Int64
    func finishAction(_ entry: Int64, succeeded: Bool, error: String?) throws
    /// A change that never started: skipped for a failed dependency, or not run because the
    /// apply was stopped (`interrupted`).
    func recordNotRun(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String,
                      reason: String, interrupted: Bool) throws
    /// The key of the digests of applied secret values (nil: no digests, as in memory).
    func secretDigestKey(create: Bool) throws -> [UInt8]?
}

extension Journal {
    /// A journal without an interrupted state records the run as not succeeded.
    public func interruptRun(_ run: Int64, summary: String) throws {
        try finishRun(run, succeeded: false, summary: summary)
    }

    public func secretDigestKey(create: Bool) throws -> [UInt8]? { nil }
}
