import Foundation
import Yams

/// Converts YAML (Juju's `--format=yaml`, exported bundles) to JSON with the same tree, so one
/// Codable decoder reads both formats.
///
/// Scalars keep the type YAML's core schema gives them (quoted `"22.04"` stays a string, plain
/// `3` is an integer), which is how Juju's Go YAML writer meant them. Timestamps stay text:
/// Juju's `since` must not become a date in someone's time zone.
public enum YAMLJSON {
    public static func data(fromYAML text: String) throws -> Data {
        guard let node = try parse({ try Yams.compose(yaml: text) }) else {
            throw JujuDecodingError(document: "YAML", message: "the document is empty")
        }
        return try JSONSerialization.data(withJSONObject: object(from: node), options: [.fragmentsAllowed, .sortedKeys])
    }

    /// Every document of a multi-document YAML file (a bundle with an overlay), as JSON.
    public static func documents(fromYAML text: String) throws -> [Data] {
        try parse { () throws -> [Node] in
            // The sequence stops at the first bad document and keeps the error aside.
            var sequence = try Yams.compose_all(yaml: text)
            var nodes: [Node] = []
            while let node = sequence.next() { nodes.append(node) }
            if let error = sequence.error { throw error }
            return nodes
        }.map {
            try JSONSerialization.data(withJSONObject: object(from: $0), options: [.fragmentsAllowed, .sortedKeys])
        }
    }

    /// Yams quotes the offending line in its errors; exported bundles hold configuration
    /// values (secrets among them), so only the fact is reported.
    private static func parse<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch is YamlError {
            throw JujuDecodingError(document: "YAML", message: "not valid YAML")
        }
    }

    static func object(from node: Node) -> Any {
        switch node {
        case let .scalar(scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: return NSNull()
            case Tag.Name.bool.rawValue: return node.bool.map { $0 as Any } ?? scalar.string
            case Tag.Name.int.rawValue: return node.int.map { $0 as Any } ?? scalar.string
            case Tag.Name.float.rawValue:
                // JSON has no NaN or infinity; keep such values as the text YAML had.
                if let value = node.float, value.isFinite { return value }
                return scalar.string
            default: return scalar.string
            }
        case let .sequence(sequence):
            return sequence.map(object(from:))
        case let .mapping(mapping):
            var result: [String: Any] = [:]
            for (key, value) in mapping {
                result[key.string ?? key.scalar?.string ?? ""] = object(from: value)
            }
            return result
        case .alias:
            // Yams resolves aliases while composing; an unresolved one carries no value.
            return NSNull()
        }
    }
}
