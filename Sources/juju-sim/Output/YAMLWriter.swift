import Yams

/// Writes a `JSONValue` as YAML, the way Juju's Go YAML writer does: keys in order, and
/// strings that YAML would read as something else (`"22.04"`, `"1"`, `""`) quoted.
enum YAMLWriter {
    static func text(_ value: JSONValue) throws -> String {
        try Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true)
    }

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case let .bool(flag): return Node(flag ? "true" : "false", Tag(.bool))
        case let .int(number): return Node(String(number), Tag(.int))
        case let .double(number): return Node(String(number), Tag(.float))
        case let .string(text):
            let plain = Node(text)
            let needsQuotes = text.isEmpty || plain.tag.description != Tag.Name.str.rawValue
            return Node(text, Tag(.str), needsQuotes ? .doubleQuoted : .any)
        case let .array(items):
            return Node(items.map(node), Tag(.seq), .block)
        case let .object(pairs):
            return Node(pairs.map { (Node($0.0, Tag(.str), Self.keyStyle($0.0)), node($0.1)) }, Tag(.map), .block)
        }
    }

    private static func keyStyle(_ key: String) -> Node.Scalar.Style {
        key.isEmpty || Node(key).tag.description != Tag.Name.str.rawValue ? .doubleQuoted : .any
    }
}
