import Foundation
import GitTestSupport
import XCTest
import Yams

/// examples/gitlab-ci.yml parses, has the jobs the README describes, and every tenantctl command
/// and flag it uses exists (`tenantctl <command> --help` lists it).
final class GitLabCIExampleTests: XCTestCase {
    static var example: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/gitlab-ci.yml")
    }

    func load() throws -> [String: Any] {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        return try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
    }

    func script(_ job: String) throws -> [String] {
        let jobs = try load()
        return try XCTUnwrap((jobs[job] as? [String: Any])?["script"] as? [String], "no script in \(job)")
    }

    func testTheJobsPlanMergeRequestsAndKeepTheArtifacts() throws {
        let pipeline = try load()
        XCTAssertEqual((pipeline["variables"] as? [String: Any])?["GIT_DEPTH"] as? String, "0")
        let plan = try XCTUnwrap(pipeline["plan"] as? [String: Any])
        let rules = try XCTUnwrap(plan["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.first?["if"] as? String, "$CI_PIPELINE_SOURCE == \"merge_request_event\"")
        let artifacts = try XCTUnwrap(plan["artifacts"] as? [String: Any])
        XCTAssertEqual(artifacts["when"] as? String, "always")
        XCTAssertEqual((artifacts["reports"] as? [String: Any])?["terraform"] as? String, "tenantctl-report.json")
        XCTAssertTrue((artifacts["paths"] as? [String] ?? []).contains("plan.json"))
        let lines = try script("plan")
        XCTAssertTrue(lines.contains { $0.contains("--report tenantctl-report.json") })
        XCTAssertTrue(lines.contains { $0.contains("--out plan.json") && $0.contains("|| status=$?") }, "exit status 2 is not a failure")
        XCTAssertEqual(lines.last, "test \"$status\" -ne 1", "only exit status 1 fails the job")
        XCTAssertNotNil(pipeline["validate"])
        XCTAssertNotNil(pipeline["apply"])
    }

    /// `tenantctl …` invocations: the words after `tenantctl` up to a shell operator.
    static func invocations(_ line: String) -> [[String]] {
        var result: [[String]] = []
        let words = line.split(whereSeparator: { $0 == " " }).map(String.init)
        var index = 0
        while index < words.count {
            if words[index] == "tenantctl" {
                var command: [String] = []
                index += 1
                while index < words.count, !["|", "||", "&&", ";", ">", "2>&1"].contains(words[index]), !words[index].hasSuffix(";") {
                    command.append(words[index])
                    index += 1
                }
                if index < words.count, words[index].hasSuffix(";") { command.append(String(words[index].dropLast())) }
                result.append(command)
            }
            index += 1
        }
        return result
    }

    func testEveryCommandAndFlagExists() throws {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        let pipeline = try load()
        var commands: [[String]] = []
        for (_, job) in pipeline {
            for line in ((job as? [String: Any])?["script"] as? [String]) ?? [] { commands += Self.invocations(line) }
        }
        XCTAssertGreaterThanOrEqual(commands.count, 6, "\(commands)")
        // Commented alternatives name commands too.
        XCTAssertTrue(text.contains("tenantctl observe --out snapshot.json"))
        commands.append(["observe", "--out", "snapshot.json"])
        commands.append(["plan", "--observed", "snapshot.json"])
        let binary = try ProductBinary.locate("tenantctl")
        for command in commands {
            let path = Array(command.prefix { !$0.hasPrefix("-") && !$0.hasPrefix("$") && !$0.hasPrefix("\"") })
            let help = try ChildProcess.run(binary, path + ["--help"], environment: ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"])
            XCTAssertEqual(help.status, 0, "tenantctl \(path.joined(separator: " ")) --help: \(help)")
            for flag in command where flag.hasPrefix("--") {
                let name = String(flag.prefix { $0 != "=" })
                XCTAssertTrue(help.stdout.contains(name), "tenantctl \(path.joined(separator: " ")) has no \(name)")
            }
        }
    }
}
