import Foundation

/// A JSON tree with ordered object keys, so juju-sim prints keys in the order Juju does
/// (model, machines, applications…; charm before units) and output is stable across runs.
indirect enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.compact == rhs.compact }

    /// Juju prints JSON on one line.
    var compact: String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .null: text += "null"
        case let .bool(value): text += value ? "true" : "false"
        case let .int(value): text += String(value)
        case let .double(value): text += value.isFinite ? String(value) : "null"
        case let .string(value): Self.quote(value, into: &text)
        case let .array(items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.write(to: &text)
            }
            text += "]"
        case let .object(pairs):
            text += "{"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { text += "," }
                Self.quote(key, into: &text)
                text += ":"
                value.write(to: &text)
            }
            text += "}"
        }
    }

    private static func quote(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            // Go's encoding/json escapes these for HTML safety; juju's JSON output has them so.
            case "<": text += "\\u003c"
            case ">": text += "\\u003e"
            case "&": text += "\\u0026"
            default:
                if scalar.value < 0x20 { text += String(format: "\\u%04x", scalar.value) }
                else { text.unicodeScalars.append(scalar) }
            }
        }
        text += "\""
    }
}

/// Builds objects that leave out absent values, like Go's `omitempty`.
struct JSONObject {
    private(set) var pairs: [(String, JSONValue)] = []

    mutating func set(_ key: String, _ value: JSONValue?) {
        if let value { pairs.append((key, value)) }
    }

    mutating func set(_ key: String, _ value: String?) { set(key, value.map(JSONValue.string)) }

    var value: JSONValue { .object(pairs) }
}
