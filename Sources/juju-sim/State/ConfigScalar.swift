/// A charm option value as Juju stores it: typed, because `juju config --format=json` reports
/// the type and a YAML `--file` keeps it.
enum ConfigScalar: Codable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    /// Juju's option type names.
    var typeName: String {
        switch self {
        case .string: return "string"
        case .int: return "int"
        case .double: return "float"
        case .bool: return "boolean"
        }
    }

    var json: JSONValue {
        switch self {
        case let .string(value): return .string(value)
        case let .int(value): return .int(value)
        case let .double(value): return .double(value)
        case let .bool(value): return .bool(value)
        }
    }

    var text: String {
        switch self {
        case let .string(value): return value
        case let .int(value): return String(value)
        case let .double(value): return String(value)
        case let .bool(value): return String(value)
        }
    }

    /// A `key=value` argument, typed like the value it replaces (Juju types it by the charm's
    /// schema, which juju-sim does not have; the previous value is the best evidence).
    static func parse(_ text: String, like previous: ConfigScalar?) -> ConfigScalar {
        switch previous {
        case .int?: if let value = Int(text) { return .int(value) }
        case .double?: if let value = Double(text) { return .double(value) }
        case .bool?: if let value = Bool(text) { return .bool(value) }
        default: break
        }
        return .string(text)
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else { self = .string(try container.decode(String.self)) }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        }
    }
}
