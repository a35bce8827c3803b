import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A scratch directory in which tests build repositories with the real `git` CLI, so tenantctl is
/// checked against what git itself writes rather than against what libgit2 writes.
public final class GitFixture {
    public let root: String

    /// - Parameter prefix: the folder under the temporary directory that groups a suite's fixtures.
    public init(prefix: String = "gitsource-tests") throws {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent(prefix)
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        root = (base as NSString).appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    public func path(_ name: String) -> String {
        (root as NSString).appendingPathComponent(name)
    }

    /// A fresh cache directory for `GitRepository.open`.
    public func cacheDirectory(_ name: String = "cache") -> String {
        path(name)
    }

    /// A repository with a worktree, on branch main.
    public func workTree(_ name: String) throws -> WorkTree {
        let path = path(name)
        try Git.run(["init", "--quiet", "--initial-branch=main", path])
        return WorkTree(path: path)
    }

    /// A bare repository, as a server would hold it.
    public func bareRepository(_ name: String) throws -> String {
        let path = path(name)
        try Git.run(["init", "--quiet", "--bare", "--initial-branch=main", path])
        return path
    }
}

public struct WorkTree: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func write(_ file: String, _ content: String) throws {
        let full = (path as NSString).appendingPathComponent(file)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: full))
    }

    public func remove(_ file: String) throws {
        try git("rm", "--quiet", file)
    }

    public func move(_ from: String, _ to: String) throws {
        let target = ((path as NSString).appendingPathComponent(to) as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try git("mv", from, to)
    }

    public func symlink(_ file: String, to target: String) throws {
        let full = (path as NSString).appendingPathComponent(file)
        try? FileManager.default.removeItem(atPath: full)
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
    }

    /// Commits everything and returns the new commit id.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        try git("add", "--all")
        try git("commit", "--quiet", "--allow-empty", "-m", message)
        return try head()
    }

    public func head() throws -> String {
        try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func tag(_ name: String, annotated: Bool = false) throws {
        if annotated {
            try git("tag", "-a", name, "-m", "release \(name)")
        } else {
            try git("tag", name)
        }
    }

    public func branch(_ name: String) throws {
        try git("checkout", "--quiet", "-b", name)
    }

    public func checkout(_ name: String) throws {
        try git("checkout", "--quiet", name)
    }

    /// Pushes every branch and tag to a bare repository, deleting branches gone here.
    public func mirror(to bare: String) throws {
        try git("push", "--quiet", "--force", "--prune", bare, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")
    }

    @discardableResult
    public func git(_ arguments: String...) throws -> String {
        try Git.run(["-C", path] + arguments)
    }
}

public enum Git {
    /// Runs git isolated from the machine's own configuration, with a fixed identity.
    @discardableResult
    public static func run(_ arguments: [String], input: String? = nil) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Test Author"
        environment["GIT_AUTHOR_EMAIL"] = "author@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test Committer"
        environment["GIT_COMMITTER_EMAIL"] = "committer@example.com"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        let result = try ChildProcess.run("/usr/bin/git", arguments, environment: environment, input: input)
        guard result.status == 0 else {
            throw FixtureError("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }
}

/// What a finished child process left behind.
public struct ProcessResult: Sendable, CustomStringConvertible {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// True when the process was killed for running past its time limit.
    public let timedOut: Bool

    public var description: String {
        "exit \(status)\(timedOut ? " (killed after the time limit)" : "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}

/// Runs a program to completion with its output captured.
public enum ChildProcess {
    /// - Parameters:
    ///   - environment: the child's whole environment (nil: this process's).
    ///   - timeout: seconds after which the child is killed, so a hung child fails a test instead
    ///     of hanging the suite.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        input: String? = nil,
        timeout: TimeInterval = 120
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }

        // Files, not pipes: a full pipe would block the child while we wait for it to exit.
        let scratch = NSTemporaryDirectory() + "child-output-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch + ".out")
            try? FileManager.default.removeItem(atPath: scratch + ".err")
            try? FileManager.default.removeItem(atPath: scratch + ".in")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        if let input {
            try Data(input.utf8).write(to: URL(fileURLWithPath: scratch + ".in"))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + ".in"))
        } else {
            process.standardInput = FileHandle.nullDevice
        }

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        process.waitUntilExit()
        let stdout = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? ""
        return ProcessResult(status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
