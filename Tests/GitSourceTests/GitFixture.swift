import Foundation
import XCTest

/// A scratch directory in which tests build repositories with the real `git` CLI, so GitSource is
/// checked against what git itself writes rather than against what libgit2 writes.
final class GitFixture {
    let root: String

    init() throws {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("gitsource-tests")
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        root = (base as NSString).appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ name: String) -> String {
        (root as NSString).appendingPathComponent(name)
    }

    /// A fresh cache directory for `GitRepository.open`.
    func cacheDirectory(_ name: String = "cache") -> String {
        path(name)
    }

    /// A repository with a worktree, on branch main.
    func workTree(_ name: String) throws -> WorkTree {
        let path = path(name)
        try Git.run(["init", "--quiet", "--initial-branch=main", path])
        return WorkTree(path: path)
    }

    /// A bare repository, as a server would hold it.
    func bareRepository(_ name: String) throws -> String {
        let path = path(name)
        try Git.run(["init", "--quiet", "--bare", "--initial-branch=main", path])
        return path
    }
}

struct WorkTree {
    let path: String

    func write(_ file: String, _ content: String) throws {
        let full = (path as NSString).appendingPathComponent(file)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: full))
    }

    func remove(_ file: String) throws {
        try git("rm", "--quiet", file)
    }

    func move(_ from: String, _ to: String) throws {
        let target = ((path as NSString).appendingPathComponent(to) as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try git("mv", from, to)
    }

    func symlink(_ file: String, to target: String) throws {
        let full = (path as NSString).appendingPathComponent(file)
        try? FileManager.default.removeItem(atPath: full)
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
    }

    /// Commits everything and returns the new commit id.
    @discardableResult
    func commit(_ message: String) throws -> String {
        try git("add", "--all")
        try git("commit", "--quiet", "--allow-empty", "-m", message)
        return try head()
    }

    func head() throws -> String {
        try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func tag(_ name: String, annotated: Bool = false) throws {
        if annotated {
            try git("tag", "-a", name, "-m", "release \(name)")
        } else {
            try git("tag", name)
        }
    }

    func branch(_ name: String) throws {
        try git("checkout", "--quiet", "-b", name)
    }

    func checkout(_ name: String) throws {
        try git("checkout", "--quiet", name)
    }

    /// Pushes every branch and tag to a bare repository, deleting branches gone here.
    func mirror(to bare: String) throws {
        try git("push", "--quiet", "--force", "--prune", bare, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try Git.run(["-C", path] + arguments)
    }
}

enum Git {
    /// Runs git isolated from the machine's own configuration, with a fixed identity.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Test Author"
        environment["GIT_AUTHOR_EMAIL"] = "author@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test Committer"
        environment["GIT_COMMITTER_EMAIL"] = "committer@example.com"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment

        // Files, not pipes: a full pipe would block git while we wait for it to exit.
        let scratch = NSTemporaryDirectory() + "git-output-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch + ".out")
            try? FileManager.default.removeItem(atPath: scratch + ".err")
            try? FileManager.default.removeItem(atPath: scratch + ".in")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        if let input {
            try Data(input.utf8).write(to: URL(fileURLWithPath: scratch + ".in"))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + ".in"))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let error = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? ""
            throw FixtureError("git \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(error)")
        }
        return output
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
