import Foundation
import GRDB

/// Who holds an environment's lock.
public struct LockHolder: Sendable, Equatable, CustomStringConvertible {
    public var environment: String
    public var command: String
    public var pid: Int32
    public var host: String
    public var acquiredAt: Date

    public var description: String {
        "tenantctl \(command) (process \(pid) on \(host), since \(ISO8601DateFormatter().string(from: acquiredAt)))"
    }
}

public enum LockAttempt: Sendable, Equatable {
    case acquired
    /// Another live process holds this environment; nothing was taken.
    case held(LockHolder)
}

extension StateStore {
    /// Takes the locks of all `environments` for this process, or none of them: two runs that
    /// want overlapping sets never each hold half. A lock whose holder is gone (killed, the host
    /// rebooted) is taken over; one this process already holds is kept.
    public func acquireLocks(_ environments: [String], command: String, at date: Date) throws -> LockAttempt {
        try acquireLocks(environments, command: command, at: date, owner: owner)
    }

    /// The same in the name of `owner` (tests hold locks for a child process they control).
    public func acquireLocks(_ environments: [String], command: String, at date: Date, owner: ProcessIdentity) throws -> LockAttempt {
        try pool.write { db in
            for environment in Set(environments).sorted() {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT environment, command, acquired_at, pid, host, boot_id, process_start
                    FROM environment_lock WHERE environment = ?
                    """, arguments: [environment]) else { continue }
                let holder = Self.identity(row)
                if holder == owner { continue }
                if holder.reasonItIsGone(seenFrom: self.owner) != nil {
                    try db.execute(sql: "DELETE FROM environment_lock WHERE environment = ?", arguments: [environment])
                    continue
                }
                return .held(LockHolder(environment: environment, command: row["command"], pid: holder.pid, host: holder.host,
                                        acquiredAt: row["acquired_at"]))
            }
            for environment in Set(environments).sorted() {
                try db.execute(sql: """
                    INSERT INTO environment_lock (environment, command, acquired_at, pid, host, boot_id, process_start)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(environment) DO NOTHING
                    """, arguments: [environment, bounded(command), date, Int64(owner.pid), owner.host, owner.bootID,
                                     owner.startTime.map { Int64(bitPattern: $0) }])
            }
            return .acquired
        }
    }

    /// Releases every lock this process holds.
    public func releaseLocks() throws {
        try releaseLocks(owner: owner)
    }

    public func releaseLocks(owner: ProcessIdentity) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM environment_lock WHERE pid = ? AND host = ?", arguments: [Int64(owner.pid), owner.host])
        }
    }

    /// The locks held now, by environment (for `history` and tests).
    public func locks() throws -> [LockHolder] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT environment, command, acquired_at, pid, host FROM environment_lock ORDER BY environment").map { row in
                LockHolder(environment: row["environment"], command: row["command"], pid: Int32(truncatingIfNeeded: row["pid"] as Int64),
                           host: row["host"], acquiredAt: row["acquired_at"])
            }
        }
    }

    private static func identity(_ row: Row) -> ProcessIdentity {
        ProcessIdentity(pid: Int32(truncatingIfNeeded: row["pid"] as Int64), host: row["host"], bootID: row["boot_id"],
                        startTime: (row["process_start"] as Int64?).map { UInt64(bitPattern: $0) })
    }
}
