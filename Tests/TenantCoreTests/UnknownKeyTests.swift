import TenantCore
import XCTest
import Yams

/// A typo must never be silently ignored: an unknown key is reported at every nesting level of
/// every kind of manifest. The test walks each file of the valid repository, adds an unknown key
/// to one mapping at a time, and expects an error naming exactly that field.
final class UnknownKeyTests: XCTestCase {
    /// Mappings whose keys are names chosen by the user (applications, options, environments…),
    /// where any key is valid; their values are still walked.
    static let freeFormParents: Set<String> = [
        "applications", "config", "options", "labels", "annotations", "environments", "sharedModels", "machines", "saas",
    ]

    func testUnknownKeysAreReportedAtEveryLevel() throws {
        var checked = 0
        for (path, text) in TestRepository.files where path.hasSuffix(".yaml") {
            let root = try XCTUnwrap(try Yams.compose(yaml: text), path)
            for fieldPath in Self.closedMappings(root, path: "") {
                let mutated = Self.inserting(key: "zzunknown", into: root, at: fieldPath, current: "")
                let yaml = try Yams.serialize(node: mutated)
                let result = TestRepository.build([path: yaml])
                let expected = fieldPath.isEmpty ? "zzunknown" : "\(fieldPath).zzunknown"
                let hits = result.diagnostics.filter { $0.field == expected && $0.message.contains("unknown key 'zzunknown'") }
                XCTAssertEqual(hits.count, 1, "\(path): no unknown-key error for \(expected); got \(result.diagnostics.map(\.description))")
                XCTAssertEqual(hits.first?.location.file, path)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 40, "the walk must reach many mappings")
    }

    /// Paths of every mapping with a closed set of keys.
    static func closedMappings(_ node: Node, path: String) -> [String] {
        switch node {
        case let .mapping(mapping):
            let last = path.split(separator: ".").last.map(String.init) ?? ""
            let isFree = freeFormParents.contains(last)
            var result = isFree ? [] : [path]
            for (key, value) in mapping {
                guard let name = key.string, name != "<<" else { continue }
                result += closedMappings(value, path: path.isEmpty ? name : "\(path).\(name)")
            }
            return result
        case let .sequence(items):
            return items.enumerated().flatMap { closedMappings($0.element, path: "\(path)[\($0.offset)]") }
        default:
            return []
        }
    }

    static func inserting(key: String, into node: Node, at target: String, current: String) -> Node {
        switch node {
        case var .mapping(mapping):
            if current == target {
                mapping[Node(key)] = Node("1", Tag(.int))
                return .mapping(mapping)
            }
            var pairs: [(Node, Node)] = []
            for (childKey, value) in mapping {
                let name = childKey.string ?? ""
                pairs.append((childKey, inserting(key: key, into: value, at: target, current: current.isEmpty ? name : "\(current).\(name)")))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case let .sequence(items):
            let mapped = items.enumerated().map { inserting(key: key, into: $0.element, at: target, current: "\(current)[\($0.offset)]") }
            return .sequence(Node.Sequence(mapped, items.tag, items.style, items.mark))
        default:
            return node
        }
    }
}
