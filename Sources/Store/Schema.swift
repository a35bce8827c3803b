import GRDB

/// The journal's schema. Migrations are append-only: a released one is never edited, a change is
/// a new migration, so a database written by any earlier tenantctl upgrades in place and one
/// written by a later tenantctl is recognised (``StoreError/newerSchema(path:unknownMigrations:)``).
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-journal", migrate: createJournal)
        migrator.registerMigration("v1-ownership", migrate: createOwnership)
        migrator.registerMigration("v2-environment-locks", migrate: createLocks)
        migrator.registerMigration("v3-applied-secret-digest", migrate: addSecretDigest)
        return migrator
    }()

    private static func createJournal(_ db: Database) throws {
        // `commit` is an SQL keyword, hence `git_commit`.
        try db.execute(sql: """
            CREATE TABLE run (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                command TEXT NOT NULL,
                git_commit TEXT,
                fingerprint TEXT,
                status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted', 'refused')),
                summary TEXT NOT NULL DEFAULT '',
                started_at DATETIME NOT NULL,
                finished_at DATETIME,
                pid INTEGER NOT NULL,
                host TEXT NOT NULL,
                boot_id TEXT,
                process_start INTEGER
            );
            -- Crash recovery looks for running runs at every start.
            CREATE INDEX run_by_status ON run(status);
            CREATE TABLE action (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                action_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                tenant TEXT,
                environment TEXT NOT NULL,
                target TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                result TEXT NOT NULL CHECK (result IN ('running', 'succeeded', 'failed', 'skipped', 'interrupted')),
                error TEXT,
                started_at DATETIME NOT NULL,
                finished_at DATETIME
            );
            CREATE INDEX action_by_run ON action(run_id);
            -- `tenantctl history --tenant` selects runs through their actions.
            CREATE INDEX action_by_tenant ON action(tenant, run_id);
            """)
    }

    private static func createOwnership(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE managed_model (
                controller TEXT NOT NULL,
                model TEXT NOT NULL,
                environment TEXT NOT NULL,
                recorded_at DATETIME NOT NULL,
                PRIMARY KEY (controller, model)
            ) WITHOUT ROWID;
            CREATE TABLE applied_secret (
                controller TEXT NOT NULL,
                model TEXT NOT NULL,
                application TEXT NOT NULL,
                option_key TEXT NOT NULL,
                reference TEXT NOT NULL,
                recorded_at DATETIME NOT NULL,
                PRIMARY KEY (controller, model, application, option_key)
            ) WITHOUT ROWID;
            """)
    }

    /// A keyed digest (HMAC, key in the state directory) of the value applied with each secret
    /// reference: what Juju reports is compared with it, never with the value.
    private static func addSecretDigest(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE applied_secret ADD COLUMN value_digest TEXT")
    }

    /// One row per environment a run holds: the second `apply` on an environment waits for it,
    /// then names its holder; the process identity lets a dead holder's lock be taken over.
    private static func createLocks(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE environment_lock (
                environment TEXT NOT NULL PRIMARY KEY,
                command TEXT NOT NULL,
                acquired_at DATETIME NOT NULL,
                pid INTEGER NOT NULL,
                host TEXT NOT NULL,
                boot_id TEXT,
                process_start INTEGER
            ) WITHOUT ROWID;
            """)
    }
}
