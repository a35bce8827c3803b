import Foundation
import Juju
import XCTest

/// Runs the built juju-sim binary as a child process, with its own state directory, the way
/// tenantctl runs `juju`.
final class JujuSim {
    let home: URL
    var environment: [String: String]

    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        var elapsed: Double
    }

    /// The binary SwiftPM built next to the test bundle (`JUJU_SIM_BIN` overrides).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["JUJU_SIM_BIN"] { return URL(fileURLWithPath: path) }
        // The resource bundle sits in the products directory, next to the executables.
        return Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("juju-sim")
    }

    init(settle: Double = 0, extra: [String: String] = [:]) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("juju-sim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("JUJU") }
        environment["JUJU_SIM_HOME"] = home.path
        // juju-sim simulates the confined snap: it reads files under $HOME only (see `write`).
        environment["HOME"] = home.path
        environment["JUJU_SIM_SETTLE_SECONDS"] = String(settle)
        environment.merge(extra) { _, new in new }
        self.environment = environment
    }

    deinit { try? FileManager.default.removeItem(at: home) }

    /// Starts juju-sim; output goes to files so a chatty child never blocks on a full pipe.
    func start(_ arguments: [String], extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, new in new }
        let id = UUID().uuidString
        let out = home.appendingPathComponent("out-\(id)"), err = home.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdout: out, stderr: err, started: Date())
    }

    struct Running {
        let process: Process
        let stdout: URL
        let stderr: URL
        let started: Date

        func wait(timeout: Double = 30) -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            let timedOut = process.isRunning
            if timedOut {
                process.terminate()
                process.waitUntilExit()
            }
            process.waitUntilExit()
            let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
            return Result(exitCode: process.terminationStatus, stdout: read(stdout), stderr: read(stderr),
                          timedOut: timedOut, elapsed: Date().timeIntervalSince(started))
        }
    }

    @discardableResult
    func run(_ arguments: [String], extra: [String: String] = [:], timeout: Double = 30) throws -> Result {
        try start(arguments, extra: extra).wait(timeout: timeout)
    }

    /// Runs a command that must succeed, failing the test with juju-sim's stderr otherwise.
    @discardableResult
    func ok(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        try ok(arguments, file: file, line: line)
    }

    @discardableResult
    func ok(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try run(arguments)
        XCTAssertEqual(result.exitCode, 0, "juju-sim \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result
    }

    func status(_ model: String, file: StaticString = #filePath, line: UInt = #line) throws -> JujuStatus {
        let result = try ok("status", "-m", model, "--format=json", file: file, line: line)
        return try JujuStatus.decode(json: Data(result.stdout.utf8))
    }

    /// Writes a file (a bundle, a config file) into the sim's directory, which is also its
    /// `$HOME`, where the simulated snap can read it, and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Polls `status` until `condition` holds and returns that status; throws (failing the test)
    /// when it still does not hold after `timeout` seconds, so a caller never goes on with a
    /// status that did not reach the state it waited for.
    func waitForStatus(_ model: String, timeout: Double = 15, until condition: (JujuStatus) -> Bool) throws -> JujuStatus {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try status(model)
        while !condition(last) {
            guard Date() < deadline else {
                throw WaitTimeout("the status of \(model) did not reach the awaited state within \(Int(timeout)) seconds")
            }
            Thread.sleep(forTimeInterval: 0.1)
            last = try status(model)
        }
        return last
    }
}

struct WaitTimeout: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
