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

    /// Stored with its type: a float `1.0` written as bare JSON would read back as the int `1`,
    /// and a redeploy would then see a change that did not happen.
    private enum CodingKeys: String, CodingKey { case type, value }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "boolean": self = .bool(try container.decode(Bool.self, forKey: .value))
        case "int": self = .int(try container.decode(Int.self, forKey: .value))
        case "float": self = .double(try container.decode(Double.self, forKey: .value))
        default: self = .string(try container.decode(String.self, forKey: .value))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case let .string(value): try container.encode(value, forKey: .value)
        case let .int(value): try container.encode(value, forKey: .value)
        case let .double(value): try container.encode(value, forKey: .value)
        case let .bool(value): try container.encode(value, forKey: .value)
        }
    }
}
