import Foundation
import GRDB

/// tenantctl's memory between runs: the journal of runs and actions, the environment locks, and
/// the resources tenantctl owns in outside systems (``OwnedResource``: the models it created,
/// the only ones it may ever destroy, and the Vault references it applied), in one table for
/// every system.
///
/// One SQLite database in WAL mode, shared safely by several processes (two `tenantctl apply` at
/// once) and threads. It never holds a secret value: callers pass redacted text, and what was
/// applied is stored as a reference (`vault:`) and a keyed digest only.
public final class StateStore: Sendable {
    /// Free text (errors, summaries, commands) is cut to this many UTF-8 bytes.
    public static let maximumTextBytes = 4096
    /// How long a write waits for another process's transaction before failing. Journal writes
    /// are single-row and short, so this is only ever reached by a wedged peer.
    static let busyTimeout: TimeInterval = 15

    public let directory: String
    public let databasePath: String
    let pool: DatabasePool
    let owner: ProcessIdentity

    /// Opens (creating when missing) `<directory>/tenantctl.sqlite` and brings its schema up to
    /// date. Throws a ``StoreError`` naming the path when the directory can't be created or the
    /// file is not a usable database.
    public init(directory: String) throws {
        self.directory = directory
        databasePath = directory.hasSuffix("/")
            ? directory + StateDirectory.databaseName
            : directory + "/" + StateDirectory.databaseName
        owner = ProcessIdentity.current()
        try StateDirectory.create(directory)
        try StateDirectory.createDatabaseFile(databasePath)
        pool = try Self.open(databasePath)
        // After opening: a file that is not our database is reported as such first.
        try StateDirectory.refuseExposed(databasePath, what: "state database", fix: "chmod 600")
    }

    /// See ``StateDirectory/defaultPath(environment:)``: `$TENANTCTL_STATE_DIR`, else
    /// `$XDG_DATA_HOME/tenantctl`, else `~/.local/share/tenantctl`.
    public static func defaultDirectory() -> String {
        defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }

    public static func defaultDirectory(environment: [String: String]) -> String {
        StateDirectory.defaultPath(environment: environment)
    }

    private static func open(_ path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "tenantctl.state"
        // Switching a fresh file to WAL needs a moment of exclusive access, and SQLite answers
        // BUSY at once there instead of calling the busy handler: when several processes open a
        // new state directory together, the losers try again until the same deadline.
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause: TimeInterval = 0.01
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try checkOwnership(pool, path: path)
                try migrate(pool)
                return pool
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.2)
            } catch let error as DatabaseError {
                throw translate(error, path: path)
            }
        }
    }

    /// Refuses someone else's SQLite file and a schema from the future before changing anything.
    private static func checkOwnership(_ pool: DatabasePool, path: String) throws {
        try pool.read { db in
            let applied = try Schema.migrator.appliedIdentifiers(db)
            let unknown = applied.subtracting(Schema.migrator.migrations)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
            if applied.isEmpty {
                // grdb_migrations alone is a concurrent opener's migration under way, not a stranger.
                let tables = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                    """) ?? 0
                if tables > 0 { throw StoreError.notAStateDatabase(path: path) }
            }
        }
    }

    /// Two processes opening a fresh directory at once both see no migration applied, and the
    /// loser's `CREATE TABLE` fails once the winner commits (each migration is one immediate
    /// transaction, so nothing is half-applied). Trying again then finds the schema in place.
    /// An opener can lose that race at most once per migration, hence the bound.
    private static func migrate(_ pool: DatabasePool) throws {
        let attempts = Schema.migrator.migrations.count + 1
        for attempt in 1...attempts {
            do {
                try Schema.migrator.migrate(pool)
                return
            } catch {
                let done = (try? pool.read { try Schema.migrator.hasCompletedMigrations($0) }) ?? false
                if done { return }
                if attempt == attempts { throw error }
            }
        }
    }

    private static func translate(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        case .SQLITE_CANTOPEN:
            return .cannotOpenDatabase(path: path, reason: "the file cannot be opened (a directory, or no permission)")
        case .SQLITE_READONLY:
            return .cannotOpenDatabase(path: path, reason: "it is read-only for this user")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return .cannotOpenDatabase(path: path, reason: "permission denied")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .cannotOpenDatabase(path: path, reason: "another process kept it locked for more than \(Int(busyTimeout)) seconds")
        default:
            return .cannotOpenDatabase(path: path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }
}
