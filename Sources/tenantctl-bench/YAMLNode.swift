/// A YAML value as the bench's small reader sees it: enough to learn the names the example
/// repository declares (offers, bundles' applications, zones), not a general YAML model.
indirect enum YAMLNode: Sendable {
    case null
    case scalar(String)
    case sequence([YAMLNode])
    /// Entries in file order.
    case mapping([MappingEntry])

    struct MappingEntry: Sendable {
        var key: String
        var value: YAMLNode
    }

    subscript(key: String) -> YAMLNode? {
        guard case let .mapping(entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// Keys of a mapping in file order; empty for anything else.
    var keys: [String] {
        guard case let .mapping(entries) = self else { return [] }
        return entries.map(\.key)
    }

    var entries: [MappingEntry] {
        guard case let .mapping(entries) = self else { return [] }
        return entries
    }

    var items: [YAMLNode] {
        guard case let .sequence(items) = self else { return [] }
        return items
    }

    var string: String? {
        guard case let .scalar(text) = self else { return nil }
        return text
    }

    var int: Int? { string.flatMap { Int($0) } }

    var bool: Bool? {
        switch string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
