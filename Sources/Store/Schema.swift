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
        migrator.registerMigration("v4-owned-resources", migrate: moveToOwnedResources)
        migrator.registerMigration("v5-suspended-tenants", migrate: createSuspensions)
        migrator.registerMigration("v6-reconciled-commits", migrate: createReconciledCommits)
        migrator.registerMigration("v7-run-plans", migrate: createRunPlans)
        migrator.registerMigration("v8-certificate-orders", migrate: createCertificateOrders)
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

    /// Replaced by `v4-owned-resources`; kept as released, so that older databases upgrade
    /// through it.
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

    /// One generic table of what tenantctl owns in every outside system, replacing the Juju
    /// tables of `v1-ownership` and `v3-applied-secret-digest` (``StateStore/OwnedResource``).
    /// Their rows move to their addresses, `juju:<controller>/<model>` for a model and
    /// `juju:<controller>/<model>/application/<application>/config/<option>` for a secret applied
    /// to an option; a secret's owner is its model's environment, NULL in a model tenantctl did
    /// not create. Like every migration it runs in one transaction: a failure anywhere (an
    /// address taken twice) leaves the old tables as they were and the migration unapplied.
    ///
    /// The primary key is the index of "all resources of a system under an address": SQLite
    /// compares text bytewise, so `address >= 'P/' AND address < 'P0'` is one range of it.
    private static func moveToOwnedResources(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE owned_resource (
                system TEXT NOT NULL CHECK (system <> '' AND instr(system, ':') = 0),
                address TEXT NOT NULL CHECK (substr(address, 1, length(system) + 1) = system || ':' AND length(address) > length(system) + 1),
                owner TEXT,
                applied TEXT,
                digest TEXT,
                recorded_at DATETIME NOT NULL,
                PRIMARY KEY (system, address)
            ) WITHOUT ROWID;
            INSERT INTO owned_resource (system, address, owner, applied, digest, recorded_at)
            SELECT 'juju', 'juju:' || controller || '/' || model, environment, NULL, NULL, recorded_at
            FROM managed_model;
            INSERT INTO owned_resource (system, address, owner, applied, digest, recorded_at)
            SELECT 'juju',
                   'juju:' || s.controller || '/' || s.model || '/application/' || s.application || '/config/' || s.option_key,
                   m.environment, s.reference, s.value_digest, s.recorded_at
            FROM applied_secret AS s
            LEFT JOIN managed_model AS m ON m.controller = s.controller AND m.model = s.model;
            DROP TABLE applied_secret;
            DROP TABLE managed_model;
            """)
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

    /// Tenants paused without a commit (`tenantctl suspend`): neither `apply` nor `serve` changes
    /// them until `resume`. A row per suspended tenant; resuming deletes it.
    private static func createSuspensions(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE suspended_tenant (
                tenant TEXT NOT NULL PRIMARY KEY CHECK (tenant <> ''),
                reason TEXT NOT NULL DEFAULT '',
                suspended_at DATETIME NOT NULL,
                pid INTEGER NOT NULL,
                host TEXT NOT NULL
            ) WITHOUT ROWID;
            """)
    }

    /// The last commit `serve` reconciled, per repository and ref it follows: a restarted daemon
    /// reconciles what changed since it instead of every tenant.
    private static func createReconciledCommits(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE reconciled_commit (
                source TEXT NOT NULL PRIMARY KEY CHECK (source <> ''),
                git_commit TEXT NOT NULL CHECK (git_commit <> ''),
                recorded_at DATETIME NOT NULL
            ) WITHOUT ROWID;
            """)
    }

    /// The plan a run walked, change by change, with its field-by-field reasons (never a secret:
    /// plans hold references and digests only), for the dashboard's page of a run. The `action`
    /// rows say how each change went; these say what was meant and why.
    private static func createRunPlans(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE run_change (
                run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                action_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                effect TEXT NOT NULL,
                tenant TEXT,
                environment TEXT NOT NULL,
                target TEXT NOT NULL,
                reasons TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (run_id, position)
            ) WITHOUT ROWID;
            -- The dashboard's "last run of each environment" reads one index entry per environment.
            CREATE INDEX action_by_environment ON action(environment, run_id);
            """)
    }

    /// The certificate orders tenantctl placed with ACME directories (``StateStore/CertificateOrderRecord``):
    /// the history the rate-limit forecast counts. Names and outcomes only, never key material.
    /// `issued` is NULL while certbot runs (and stays so if the run is cut short).
    private static func createCertificateOrders(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE certificate_order (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                directory TEXT NOT NULL,
                lineage TEXT NOT NULL,
                names TEXT NOT NULL,
                renewal INTEGER NOT NULL CHECK (renewal IN (0, 1)),
                issued INTEGER CHECK (issued IN (0, 1)),
                ordered_at DATETIME NOT NULL
            );
            -- The forecast reads the last window's orders.
            CREATE INDEX certificate_order_by_time ON certificate_order(ordered_at);
            """)
    }
}
