import Foundation
import GRDB

/// One change of the plan a run walked, as the dashboard's run page shows it.
public struct PlannedChangeRecord: Sendable, Equatable {
    /// The plan's stable change id: the `action_id` of the run's attempts at it.
    public var actionID: String
    public var kind: String
    /// create, update, delete, read, wait.
    public var effect: String
    public var tenant: String?
    public var environment: String
    public var target: String
    /// Why, field by field (`units: 1 -> 2`), one reason a line.
    public var reasons: String

    public init(actionID: String, kind: String, effect: String, tenant: String?, environment: String, target: String, reasons: String) {
        self.actionID = actionID
        self.kind = kind
        self.effect = effect
        self.tenant = tenant
        self.environment = environment
        self.target = target
        self.reasons = reasons
    }
}

extension StateStore {
    /// Records the plan `run` walks, in the plan's order (once: recording it again replaces it).
    public func recordPlan(run: Int64, changes: [PlannedChangeRecord]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM run_change WHERE run_id = ?", arguments: [run])
            for (position, change) in changes.enumerated() {
                do {
                    try db.execute(sql: """
                        INSERT INTO run_change (run_id, position, action_id, kind, effect, tenant, environment, target, reasons)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [run, position, bounded(change.actionID), bounded(change.kind), change.effect, change.tenant,
                                         change.environment, bounded(change.target), bounded(change.reasons)])
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw StoreError.unknownRun(run)
                }
            }
        }
    }

    /// The plan `run` walked, in order; empty for runs journaled before plans were kept.
    public func plannedChanges(run: Int64) throws -> [PlannedChangeRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT action_id, kind, effect, tenant, environment, target, reasons FROM run_change WHERE run_id = ? ORDER BY position
                """, arguments: [run]).map { row in
                PlannedChangeRecord(actionID: row["action_id"], kind: row["kind"], effect: row["effect"], tenant: row["tenant"],
                                    environment: row["environment"], target: row["target"], reasons: row["reasons"])
            }
        }
    }

    /// The latest run that acted on each environment (any command: a person's apply counts),
    /// keyed by environment id.
    public func latestRunByEnvironment() throws -> [String: RunRecord] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.environment AS environment, r.id, r.command, r.git_commit, r.fingerprint, r.status, r.summary, r.started_at,
                       r.finished_at, r.pid, r.host
                FROM (SELECT environment, MAX(run_id) AS run_id FROM action GROUP BY environment) AS a
                JOIN run AS r ON r.id = a.run_id
                """)
            var latest: [String: RunRecord] = [:]
            for row in rows { latest[row["environment"]] = try Self.runRecord(row) }
            return latest
        }
    }
}
