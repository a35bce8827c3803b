import Foundation
import GRDB

/// One certificate order as journaled (`certificate_order`).
public struct CertificateOrderRecord: Sendable, Equatable {
    public var id: Int64
    public var directory: String
    public var lineage: String
    /// Sorted DNS names.
    public var names: [String]
    public var renewal: Bool
    /// Nil: certbot was still running, or the run was cut short.
    public var issued: Bool?
    public var orderedAt: Date

    public init(id: Int64, directory: String, lineage: String, names: [String], renewal: Bool, issued: Bool?, orderedAt: Date) {
        self.id = id
        self.directory = directory
        self.lineage = lineage
        self.names = names
        self.renewal = renewal
        self.issued = issued
        self.orderedAt = orderedAt
    }
}

/// The history of certificate orders, for the ACME rate-limit forecast: an order is written
/// before certbot runs and closed with its outcome, so that an order cut short still counts.
extension StateStore {
    /// Journals an order about to be placed; returns its id for ``finishCertificateOrder(_:issued:)``.
    /// Names hold no `,` (DNS names), so a comma-separated list is exact.
    public func startCertificateOrder(directory: String, lineage: String, names: [String], renewal: Bool, at date: Date) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO certificate_order (directory, lineage, names, renewal, issued, ordered_at) VALUES (?, ?, ?, ?, NULL, ?)
                """, arguments: [directory, lineage, names.sorted().joined(separator: ","), renewal, date])
            return db.lastInsertedRowID
        }
    }

    public func finishCertificateOrder(_ id: Int64, issued: Bool) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE certificate_order SET issued = ? WHERE id = ?", arguments: [issued, id])
            if db.changesCount == 0 { throw StoreError.unknownCertificateOrder(id) }
        }
    }

    /// The orders placed at or after `since`, oldest first.
    public func certificateOrders(since: Date) throws -> [CertificateOrderRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, directory, lineage, names, renewal, issued, ordered_at FROM certificate_order
                WHERE ordered_at >= ? ORDER BY ordered_at, id
                """, arguments: [since]).map { row in
                let names: String = row["names"]
                return CertificateOrderRecord(id: row["id"], directory: row["directory"], lineage: row["lineage"],
                                              names: names.split(separator: ",").map(String.init), renewal: row["renewal"],
                                              issued: row["issued"], orderedAt: row["ordered_at"])
            }
        }
    }
}
