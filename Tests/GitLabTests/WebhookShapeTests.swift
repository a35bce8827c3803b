import Foundation
import GitTestSupport
import XCTest

/// gitlab-sim's webhooks have every field of GitLab's documented push and merge request payloads,
/// with the same JSON types (Fixtures/webhook-shapes, see SOURCES.md), and travel with GitLab's
/// headers, through `send-webhook` and the admin API.
final class WebhookShapeTests: XCTestCase {
    static func expectedShape(_ name: String) throws -> [(path: String, type: String)] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/webhook-shapes/\(name)", withExtension: "keys"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            let parts = $0.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// Every key path of `value` with its JSON type; an array's elements under `[]` (all of them).
    static func shape(_ value: JSONValue, _ path: String = "", into result: inout [String: Set<String>]) {
        let type: String
        switch value {
        case .null: type = "null"
        case .bool: type = "boolean"
        case .number: type = "number"
        case .string: type = "string"
        case .array(let array):
            type = "array"
            for element in array { shape(element, path + "[]", into: &result) }
        case .object(let object):
            type = "object"
            for (key, child) in object { shape(child, path.isEmpty ? key : path + "." + key, into: &result) }
        }
        if !path.isEmpty { result[path, default: []].insert(type) }
    }

    func assertShape(_ payload: Data, matches name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var found: [String: Set<String>] = [:]
        Self.shape(try JSONDecoder().decode(JSONValue.self, from: payload), into: &found)
        for (path, type) in try Self.expectedShape(name) {
            guard let types = found[path] else {
                // The elements of an array that is empty here cannot be compared.
                if let brackets = path.range(of: "[]", options: .backwards) {
                    let array = String(path[..<brackets.lowerBound])
                    if found[array] == ["array"], !found.keys.contains(where: { $0.hasPrefix(array + "[]") }) { continue }
                }
                XCTFail("\(name): gitlab-sim's payload has no \(path)", file: file, line: line)
                continue
            }
            // A documented null says nothing of the type a real value has.
            if type != "null" {
                XCTAssertTrue(types.isSubset(of: [type, "null"]), "\(name): \(path) is \(types.sorted()), GitLab documents \(type)", file: file, line: line)
            }
        }
    }

    func print(_ event: String, _ extra: [String] = []) throws -> Data {
        let binary = try ProductBinary.locate("gitlab-sim")
        let result = try ChildProcess.run(binary, ["send-webhook", "--event", event, "--print"] + extra)
        XCTAssertEqual(result.status, 0, result.description)
        return Data(result.stdout.utf8)
    }

    func testThePushPayloadHasTheDocumentedShape() throws {
        let payload = try print("push", ["--ref", "refs/heads/main", "--before", String(repeating: "a", count: 40),
                                         "--after", String(repeating: "b", count: 40), "--modified", "tenants/acme.yaml,offers/pme.yaml"])
        try assertShape(payload, matches: "push")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        XCTAssertEqual(object["object_kind"] as? String, "push")
        XCTAssertEqual(object["after"] as? String, String(repeating: "b", count: 40))
        let commits = try XCTUnwrap(object["commits"] as? [[String: Any]])
        XCTAssertEqual(commits.first?["modified"] as? [String], ["tenants/acme.yaml", "offers/pme.yaml"])
    }

    func testTheMergeRequestPayloadHasTheDocumentedShape() throws {
        let payload = try print("merge_request", ["--iid", "7", "--action", "update", "--source-branch", "tls", "--target-branch", "main"])
        try assertShape(payload, matches: "merge_request")
        let attributes = try XCTUnwrap((try JSONSerialization.jsonObject(with: payload) as? [String: Any])?["object_attributes"] as? [String: Any])
        XCTAssertEqual(attributes["iid"] as? Int, 7)
        XCTAssertEqual(attributes["action"] as? String, "update")
        XCTAssertEqual(attributes["source_branch"] as? String, "tls")
    }

    func testWebhooksAreSentWithGitLabsHeadersThroughBothWays() throws {
        let directory = NSTemporaryDirectory() + "webhook-receiver-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = try XCTUnwrap(Bundle.module.url(forResource: "webhook_receiver", withExtension: "py", subdirectory: "Scripts"))
        let receiver = Process()
        receiver.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        receiver.arguments = ["python3", script.path, directory + "/port", directory + "/requests", "hook-secret"]
        try receiver.run()
        defer { GitLabSimProcess.stop(receiver) }
        var port: String?
        let deadline = Date().addingTimeInterval(20)
        while port == nil, Date() < deadline {
            port = try? String(contentsOfFile: directory + "/port", encoding: .utf8)
            if port == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        let url = "http://127.0.0.1:\(try XCTUnwrap(port))/hooks/gitlab"
        try "hook-secret\n".write(toFile: directory + "/token", atomically: true, encoding: .utf8)

        let binary = try ProductBinary.locate("gitlab-sim")
        let sent = try ChildProcess.run(binary, ["send-webhook", "--url", url, "--event", "push", "--token-file", directory + "/token"])
        XCTAssertEqual(sent.status, 0, sent.description)
        XCTAssertEqual(sent.stdout, "Push Hook sent to \(url): HTTP 200\n")
        let refused = try ChildProcess.run(binary, ["send-webhook", "--url", url, "--event", "push"])
        XCTAssertEqual(refused.status, 1, "no token: the receiver's 401 is a failure")

        let sim = try GitLabSimProcess()
        let answer = try XCTUnwrap(try sim.admin("POST", "/webhooks", #"{"url": "\#(url)", "token": "hook-secret", "event": "merge_request", "iid": 3}"#) as? [String: Any])
        XCTAssertEqual(answer["status"] as? Int, 200)

        let lines = try String(contentsOfFile: directory + "/requests", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        let requests = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let headers = requests.map { ($0["headers"] as? [String: String]) ?? [:] }
        XCTAssertEqual(headers.map { $0["X-Gitlab-Event"] }, ["Push Hook", "Push Hook", "Merge Request Hook"])
        XCTAssertEqual(headers.map { $0["X-Gitlab-Token"] }, ["hook-secret", nil, "hook-secret"])
        XCTAssertEqual(headers[0]["Content-Type"], "application/json")
        XCTAssertNotNil(headers[0]["X-Gitlab-Event-UUID"])
        try assertShape(Data(((requests[2]["body"] as? String) ?? "").utf8), matches: "merge_request")
    }
}

/// Any JSON value, with booleans told apart from numbers (JSONDecoder refuses `1` as a Bool).
enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}
