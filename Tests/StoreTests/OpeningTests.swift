import Foundation
import XCTest
@testable import Store

final class OpeningTests: XCTestCase {
    func testMissingDirectoriesAreCreatedOwnerOnlyAndTheDatabaseIs0600() throws {
        let dir = try TemporaryDirectory()
        let path = dir.child("data/tenantctl")
        let store = try StateStore(directory: path)
        _ = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0))
        XCTAssertEqual(try mode(of: dir.child("data")), 0o700)
        XCTAssertEqual(try mode(of: path), 0o700)
        XCTAssertEqual(store.databasePath, path + "/tenantctl.sqlite")
        XCTAssertEqual(try mode(of: store.databasePath), 0o600)
        // SQLite gives its journal files the main file's mode.
        XCTAssertEqual(try mode(of: store.databasePath + "-wal"), 0o600)
    }

    func testTheModesHoldUnderAPermissiveUmask() throws {
        let dir = try TemporaryDirectory()
        let previous = umask(0)
        defer { umask(previous) }
        let store = try StateStore(directory: dir.child("open"))
        XCTAssertEqual(try mode(of: dir.child("open")), 0o700)
        XCTAssertEqual(try mode(of: store.databasePath), 0o600)
    }

    func testAFileThatIsNotSQLiteIsAClearError() throws {
        let dir = try TemporaryDirectory()
        let database = dir.child("tenantctl.sqlite")
        try Data(String(repeating: "this is not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: database))
        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            XCTAssertEqual(error as? StoreError, .notADatabase(path: database))
            XCTAssertEqual(
                "\(error)",
                "The state database \(database) is not an SQLite database; move it away or choose another --state-dir.")
        }
    }

    func testSomeoneElsesSQLiteDatabaseIsRefused() throws {
        let dir = try TemporaryDirectory()
        let database = dir.child("tenantctl.sqlite")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [database, "CREATE TABLE photos (id INTEGER PRIMARY KEY);"]
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "no sqlite3 CLI")
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            XCTAssertEqual(error as? StoreError, .notAStateDatabase(path: database))
        }
    }

    func testADirectoryWhereTheDatabaseShouldBeIsAClearError() throws {
        let dir = try TemporaryDirectory()
        let database = dir.child("tenantctl.sqlite")
        try FileManager.default.createDirectory(atPath: database, withIntermediateDirectories: false)
        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            guard case let .cannotOpenDatabase(path, _)? = error as? StoreError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(path, database)
            XCTAssertTrue("\(error)".hasPrefix("Cannot open the state database \(database): "), "\(error)")
        }
    }

    func testAStateDirectoryBlockedByAFileIsAClearError() throws {
        let dir = try TemporaryDirectory()
        let file = dir.child("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        for path in [file, file + "/state"] {
            XCTAssertThrowsError(try StateStore(directory: path)) { error in
                guard case let .cannotCreateDirectory(reported, _)? = error as? StoreError else {
                    return XCTFail("unexpected \(error)")
                }
                XCTAssertEqual(reported, path)
                XCTAssertTrue("\(error)".hasPrefix("Cannot create the state directory \(path): "), "\(error)")
            }
        }
    }

    /// Unreadable without relying on file modes, so it runs as root too (CI): the header still
    /// says SQLite, but the pages after it were overwritten (a disk fault, a bad copy).
    func testADamagedDatabaseIsAClearError() throws {
        let dir = try TemporaryDirectory()
        var database = ""
        do {
            let store = try StateStore(directory: dir.path)
            database = store.databasePath
            _ = try store.startRun(command: "apply", commit: nil, fingerprint: nil, at: time(0))
        }
        // The last connection closed: the WAL was checkpointed into the main file.
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: database))
        let size = handle.seekToEndOfFile()
        XCTAssertGreaterThan(size, 4096, "the database has its schema pages")
        handle.seek(toFileOffset: 100)
        handle.write(Data(repeating: 0xA5, count: Int(size) - 100))
        handle.closeFile()
        for leftover in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + leftover) }

        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            guard case let .cannotOpenDatabase(path, reason)? = error as? StoreError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(path, database)
            XCTAssertEqual("\(error)", "Cannot open the state database \(database): \(reason).")
            XCTAssertTrue(reason.contains("malformed"), reason)
        }
    }

    func testADatabaseWithoutReadPermissionIsAClearError() throws {
        try XCTSkipIf(getuid() == 0, "root reads any file whatever its mode; testADamagedDatabaseIsAClearError covers an unreadable database as root")
        let dir = try TemporaryDirectory()
        let database: String
        do { database = try StateStore(directory: dir.path).databasePath }
        XCTAssertEqual(chmod(database, 0), 0)
        XCTAssertThrowsError(try StateStore(directory: dir.path)) { error in
            guard case let .cannotOpenDatabase(path, _)? = error as? StoreError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(path, database)
        }
    }

    func testDefaultDirectoryPrecedence() {
        XCTAssertEqual(
            StateStore.defaultDirectory(environment: [
                "TENANTCTL_STATE_DIR": "/srv/tenantctl", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u",
            ]),
            "/srv/tenantctl")
        XCTAssertEqual(
            StateStore.defaultDirectory(environment: ["TENANTCTL_STATE_DIR": "", "XDG_DATA_HOME": "/xdg/", "HOME": "/home/u"]),
            "/xdg/tenantctl")
        XCTAssertEqual(
            StateStore.defaultDirectory(environment: ["XDG_DATA_HOME": "relative/ignored", "HOME": "/home/u"]),
            "/home/u/.local/share/tenantctl")
        XCTAssertEqual(StateStore.defaultDirectory(environment: ["HOME": "/home/u"]), "/home/u/.local/share/tenantctl")
        XCTAssertTrue(StateStore.defaultDirectory().hasSuffix("tenantctl"))
    }
}
