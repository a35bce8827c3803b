import Foundation
import GRDB

/// A tenant paused with `tenantctl suspend`.
public struct SuspendedTenant: Sendable, Equatable {
    public var tenant: String
    public var reason: String
    public var since: Date
    /// Who suspended it: the host that ran `tenantctl suspend`.
    public var host: String

    public init(tenant: String, reason: String, since: Date, host: String) {
        self.tenant = tenant
        self.reason = reason
        self.since = since
        self.host = host
    }
}

extension StateStore {
    /// Suspends `tenant` (again: the reason and time are updated). Returns false when it was
    /// already suspended.
    @discardableResult
    public func suspend(tenant: String, reason: String, at date: Date) throws -> Bool {
        try pool.write { db in
            let existed = try Bool.fetchOne(db, sql: "SELECT 1 FROM suspended_tenant WHERE tenant = ?", arguments: [tenant]) ?? false
            try db.execute(sql: """
                INSERT INTO suspended_tenant (tenant, reason, suspended_at, pid, host) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(tenant) DO UPDATE SET reason = excluded.reason, suspended_at = excluded.suspended_at,
                                                  pid = excluded.pid, host = excluded.host
                """, arguments: [tenant, bounded(reason), date, Int64(owner.pid), owner.host])
            return !existed
        }
    }

    /// Resumes `tenant`; false when it was not suspended.
    @discardableResult
    public func resume(tenant: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM suspended_tenant WHERE tenant = ?", arguments: [tenant])
            return db.changesCount > 0
        }
    }

    /// Every suspended tenant, by name.
    public func suspendedTenants() throws -> [SuspendedTenant] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT tenant, reason, suspended_at, host FROM suspended_tenant ORDER BY tenant").map { row in
                SuspendedTenant(tenant: row["tenant"], reason: row["reason"], since: row["suspended_at"], host: row["host"])
            }
        }
    }
}
