import Foundation
import GRDB

extension StateStore {
    /// Journals the start of one attempt at an action and returns the attempt's row id.
    public func startAction(
        run: Int64, actionID: String, kind: String, tenant: String?, environment: String,
        target: String, attempt: Int, at date: Date
    ) throws -> Int64 {
        try pool.write { db in
            do {
                try db.execute(
                    sql: """
                        INSERT INTO action (run_id, action_id, kind, tenant, environment, target, attempt,
                                            result, started_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)
                        """,
                    arguments: [run, actionID, kind, tenant, environment, target, attempt, date])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // The only constraint an insert can break here is the foreign key to the run.
                throw StoreError.unknownRun(run)
            }
            return db.lastInsertedRowID
        }
    }

    /// Records how an attempt ended; `error` is cut to ``StateStore/maximumTextBytes``.
    public func finishAction(_ id: Int64, result: ActionResult, error: String?, at date: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE action SET result = ?, error = ?, finished_at = ? WHERE id = ?",
                arguments: [result.rawValue, error.map(bounded), date, id])
            if db.changesCount == 0 { throw StoreError.unknownAction(id) }
        }
    }

    /// The attempts of a run in the order they started.
    public func actions(run: Int64) throws -> [ActionRecord] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, run_id, action_id, kind, tenant, environment, target, attempt, result, error,
                           started_at, finished_at
                    FROM action WHERE run_id = ? ORDER BY id
                    """,
                arguments: [run])
            return try rows.map { row in
                ActionRecord(
                    id: row["id"],
                    run: row["run_id"],
                    actionID: row["action_id"],
                    kind: row["kind"],
                    tenant: row["tenant"],
                    environment: row["environment"],
                    target: row["target"],
                    attempt: row["attempt"],
                    result: try Self.decode(ActionResult.self, row["result"]),
                    error: row["error"],
                    startedAt: row["started_at"],
                    finishedAt: row["finished_at"])
            }
        }
    }
}
