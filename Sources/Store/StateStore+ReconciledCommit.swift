import Foundation
import GRDB

extension StateStore {
    /// The last commit `serve` reconciled from `source` (the repository and ref it follows), or
    /// nil when it never finished a look there.
    public func reconciledCommit(source: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT git_commit FROM reconciled_commit WHERE source = ?", arguments: [source])
        }
    }

    /// Records `commit` as reconciled from `source`, replacing the one before.
    public func recordReconciledCommit(_ commit: String, source: String, at date: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO reconciled_commit (source, git_commit, recorded_at) VALUES (?, ?, ?)
                ON CONFLICT(source) DO UPDATE SET git_commit = excluded.git_commit, recorded_at = excluded.recorded_at
                """, arguments: [bounded(source), commit, date])
        }
    }
}
