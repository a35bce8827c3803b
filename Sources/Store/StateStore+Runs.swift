import Foundation
import GRDB

extension StateStore {
    /// Journals the start of a run by this process and returns its id.
    public func startRun(command: String, commit: String?, fingerprint: String?, at date: Date) throws -> Int64 {
        try startRun(command: command, commit: commit, fingerprint: fingerprint, at: date, owner: owner)
    }

    /// Journals a run in the name of `owner`: the process whose death marks it interrupted.
    /// Tests and supervisors use it; tenantctl itself calls the overload above.
    public func startRun(
        command: String, commit: String?, fingerprint: String?, at date: Date, owner: ProcessIdentity
    ) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (command, git_commit, fingerprint, status, summary, started_at,
                                     pid, host, boot_id, process_start)
                    VALUES (?, ?, ?, 'running', '', ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    bounded(command), commit, fingerprint, date,
                    Int64(owner.pid), owner.host, owner.bootID, owner.startTime.map { Int64(bitPattern: $0) },
                ])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64, status: RunStatus, summary: String, at date: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE run SET status = ?, summary = ?, finished_at = ? WHERE id = ?",
                arguments: [status.rawValue, bounded(summary), date, id])
            if db.changesCount == 0 { throw StoreError.unknownRun(id) }
        }
    }

    /// Crash recovery: closes the runs left `running` by a process that is gone (killed, crashed,
    /// the host rebooted, or another host's), with their running actions, and returns their ids
    /// in ascending order. Runs of live processes, such as a concurrent apply, are left alone.
    public func markInterruptedRuns(at date: Date) throws -> [Int64] {
        let observer = owner
        return try pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, pid, host, boot_id, process_start FROM run WHERE status = 'running' ORDER BY id
                """)
            var interrupted: [Int64] = []
            for row in rows {
                let recorded = ProcessIdentity(
                    pid: Int32(truncatingIfNeeded: row["pid"] as Int64),
                    host: row["host"],
                    bootID: row["boot_id"],
                    startTime: (row["process_start"] as Int64?).map { UInt64(bitPattern: $0) })
                guard let reason = recorded.reasonItIsGone(seenFrom: observer) else { continue }
                let id: Int64 = row["id"]
                try db.execute(
                    sql: "UPDATE run SET status = 'interrupted', summary = ?, finished_at = ? WHERE id = ?",
                    arguments: [bounded("interrupted: \(reason)"), date, id])
                try db.execute(
                    sql: """
                        UPDATE action SET result = 'interrupted', finished_at = ?
                        WHERE run_id = ? AND result = 'running'
                        """,
                    arguments: [date, id])
                interrupted.append(id)
            }
            return interrupted
        }
    }

    /// The latest `limit` runs, newest first; with `tenant`, only the runs that acted on it.
    public func runs(limit: Int, tenant: String? = nil) throws -> [RunRecord] {
        try pool.read { db in
            let columns = "id, command, git_commit, fingerprint, status, summary, started_at, finished_at, pid, host"
            let rows: [Row]
            if let tenant {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(columns) FROM run
                        WHERE EXISTS (SELECT 1 FROM action WHERE action.run_id = run.id AND action.tenant = ?)
                        ORDER BY id DESC LIMIT ?
                        """,
                    arguments: [tenant, max(0, limit)])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(columns) FROM run ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
            }
            return try rows.map(Self.runRecord)
        }
    }

    public func run(_ id: Int64) throws -> RunRecord? {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, command, git_commit, fingerprint, status, summary, started_at, finished_at, pid, host
                    FROM run WHERE id = ?
                    """,
                arguments: [id]
            ).map(Self.runRecord)
        }
    }

    static func runRecord(_ row: Row) throws -> RunRecord {
        RunRecord(
            id: row["id"],
            command: row["command"],
            commit: row["git_commit"],
            fingerprint: row["fingerprint"],
            status: try decode(RunStatus.self, row["status"]),
            summary: row["summary"],
            startedAt: row["started_at"],
            finishedAt: row["finished_at"],
            pid: Int32(truncatingIfNeeded: row["pid"] as Int64),
            host: row["host"])
    }

    func bounded(_ text: String) -> String {
        JournalText.bounded(text, maximumBytes: Self.maximumTextBytes)
    }

    /// The CHECK constraints keep unknown values out; this guards against a hand-edited file.
    static func decode<Value: RawRepresentable>(_ type: Value.Type, _ raw: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "unexpected \(Value.self) '\(raw)' in the journal")
        }
        return value
    }
}
