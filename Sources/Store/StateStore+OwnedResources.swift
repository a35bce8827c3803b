import Foundation
import GRDB

/// One thing tenantctl made or set in an outside system, and so may change or remove later:
/// a Juju model, a secret applied to an application option, and next a DNS record or a
/// certificate. Pruning touches only what is recorded here; anything else was made by hand.
public struct OwnedResource: Codable, Sendable, Equatable {
    /// The system that holds it, as its driver is registered: `juju`, `vault`, `dns`…
    public var system: String
    /// Its stable address, the same as in plans: `<system>:` then a path whose segments are
    /// separated by `/`, e.g. `juju:bibind-k8s/acme-production` for a model,
    /// `juju:bibind-k8s/acme-production/application/magento/config/admin-password` for a
    /// secret applied to an option. A resource is *under* another when its address continues
    /// the other's with `/`.
    public var address: String
    /// Whom it was made for: the environment id (`acme/production`) or the tenant. Nil when
    /// unknown (a secret applied in a model tenantctl did not create).
    public var owner: String?
    /// A reference to what was applied, never the value: a `vault:` reference for a secret.
    public var applied: String?
    /// A keyed digest of the value applied (``StateStore/secretDigestKey(create:)``), so that
    /// what the system reports can be compared with it, never with the value.
    public var digest: String?
    public var recordedAt: Date

    public init(system: String, address: String, owner: String?, applied: String? = nil, digest: String? = nil, recordedAt: Date) {
        self.system = system
        self.address = address
        self.owner = owner
        self.applied = applied
        self.digest = digest
        self.recordedAt = recordedAt
    }
}

/// What tenantctl owns in every outside system, in one table (`owned_resource`), for the generic
/// engine: each system's driver records what it creates or applies, forgets what it removes, and
/// lists what it owns. The store knows no system by name.
extension StateStore {
    /// The references `applied` may hold. Anything else could be the value itself and is
    /// refused; a new kind of reference is added here, never a free-form string.
    /// `registration:` is a registration's stage and its registrar's operation or order id.
    public static let appliedReferencePrefixes = ["vault:", "registration:"]

    /// Records a resource tenantctl created or applied, or refreshes its row (owner, reference,
    /// digest, time). A nil `digest` keeps the recorded one only if `applied` is unchanged (the
    /// same reference recorded again, after a lost reply, still names what was applied); a new
    /// reference without its digest drops the old digest, which described another value.
    ///
    /// Throws ``StoreError/invalidResourceAddress(system:address:)`` when `address` is not
    /// `<system>:<path>`, and ``StoreError/invalidAppliedReference(system:address:)`` when
    /// `applied` is not a reference (``appliedReferencePrefixes``); nothing is written then.
    ///
    /// With `owningSubtree`, the resources under it take the same owner in the same transaction
    /// (a model created for an environment owns what was applied in it before it was recorded).
    public func recordOwnedResource(
        system: String, address: String, owner: String?, applied: String? = nil, digest: String? = nil, owningSubtree: Bool = false, at date: Date
    ) throws {
        try Self.validate(system: system, address: address, applied: applied)
        try pool.write { db in
            try Self.upsert(db, system: system, address: address, owner: owner, applied: applied, digest: digest, at: date)
            guard owningSubtree else { return }
            let bounds = Self.subtreeBounds(address)
            try db.execute(
                sql: "UPDATE owned_resource SET owner = ? WHERE system = ? AND address >= ? AND address < ?",
                arguments: [owner, system, bounds.lower, bounds.upper])
        }
    }

    /// Forgets one resource (only that address, not what is under it). Forgetting what was
    /// never recorded does nothing.
    public func forgetOwnedResource(system: String, address: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM owned_resource WHERE system = ? AND address = ?", arguments: [system, address])
        }
    }

    /// Forgets a resource and everything under it, in one transaction: a destroyed model takes
    /// its applied secrets with it. `juju:c/acme` is not under `juju:c/acm`; the address itself
    /// need not be recorded. Returns how many rows were forgotten.
    @discardableResult
    public func forgetOwnedResources(system: String, under address: String) throws -> Int {
        try pool.write { db in try Self.deleteSubtree(db, system: system, under: address) }
    }

    /// The resource recorded at one address, if any.
    public func ownedResource(system: String, address: String) throws -> OwnedResource? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM owned_resource WHERE system = ? AND address = ?", arguments: [system, address])
                .map(Self.resource)
        }
    }

    /// Every resource of `system`, or only the one at `address` and those under it, by address.
    /// The primary key serves both (one range of it each).
    public func ownedResources(system: String, under address: String? = nil) throws -> [OwnedResource] {
        try pool.read { db in
            let rows: [Row]
            if let address {
                let bounds = Self.subtreeBounds(address)
                rows = try Row.fetchAll(db, sql: Self.subtreeQuery, arguments: [system, address, system, bounds.lower, bounds.upper])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM owned_resource WHERE system = ? ORDER BY address", arguments: [system])
            }
            return rows.map(Self.resource)
        }
    }

    // MARK: - Queries

    /// The resource at `address`, then those under it: two ranges of the primary key. (One
    /// `OR` would make SQLite scan the whole system.) Arguments: system, address, system,
    /// lower, upper.
    static let subtreeQuery = """
        SELECT * FROM owned_resource WHERE system = ? AND address = ?
        UNION ALL
        SELECT * FROM owned_resource WHERE system = ? AND address >= ? AND address < ?
        ORDER BY address
        """

    /// SQLite compares text bytewise (UTF-8): the addresses that start with `address/` are
    /// exactly those from `address/` up to, not including, `address0` (`0` follows `/`).
    static func subtreeBounds(_ address: String) -> (lower: String, upper: String) {
        (address + "/", address + "0")
    }

    static func deleteSubtree(_ db: Database, system: String, under address: String) throws -> Int {
        let bounds = subtreeBounds(address)
        try db.execute(sql: "DELETE FROM owned_resource WHERE system = ? AND address = ?", arguments: [system, address])
        var forgotten = db.changesCount
        try db.execute(
            sql: "DELETE FROM owned_resource WHERE system = ? AND address >= ? AND address < ?",
            arguments: [system, bounds.lower, bounds.upper])
        forgotten += db.changesCount
        return forgotten
    }

    static func upsert(
        _ db: Database, system: String, address: String, owner: String?, applied: String?, digest: String?, at date: Date
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO owned_resource (system, address, owner, applied, digest, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (system, address) DO UPDATE
                SET owner = excluded.owner, applied = excluded.applied, recorded_at = excluded.recorded_at,
                    digest = COALESCE(excluded.digest, CASE WHEN owned_resource.applied IS excluded.applied THEN owned_resource.digest END)
                """,
            arguments: [system, address, owner, applied, digest, date])
    }

    /// What every write checks first: an address of the system, and
    /// a reference (never a value) as what was applied.
    static func validate(system: String, address: String, applied: String?) throws {
        let prefix = system + ":"
        guard !system.isEmpty, !system.contains(":"), address.hasPrefix(prefix), address.count > prefix.count else {
            throw StoreError.invalidResourceAddress(system: system, address: address)
        }
        if let applied, !appliedReferencePrefixes.contains(where: { applied.hasPrefix($0) }) {
            throw StoreError.invalidAppliedReference(system: system, address: address)
        }
    }

    private static func resource(_ row: Row) -> OwnedResource {
        OwnedResource(
            system: row["system"], address: row["address"], owner: row["owner"], applied: row["applied"],
            digest: row["digest"], recordedAt: row["recorded_at"])
    }
}
