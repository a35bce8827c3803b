import Yams

/// Bundle fields tenantctl passes through to Juju without interpreting them (storage, resources,
/// bindings, annotations…): kept as data so the effective bundle written for `juju deploy` holds
/// them unchanged.
public indirect enum RawValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([RawValue])
    case map([String: RawValue])

    init(_ node: Node) {
        switch node {
        case let .scalar(scalar):
            switch node.tagName {
            case .null: self = .null
            case .bool: self = node.bool.map(RawValue.bool) ?? .string(scalar.string)
            case .int: self = node.int.map(RawValue.int) ?? .string(scalar.string)
            case .float: self = node.float.map(RawValue.double) ?? .string(scalar.string)
            default: self = .string(scalar.string)
            }
        case let .sequence(items):
            self = .list(items.map(RawValue.init))
        case let .mapping(mapping):
            var result: [String: RawValue] = [:]
            for (key, value) in mapping { result[key.string ?? ""] = RawValue(value) }
            self = .map(result)
        case .alias:
            self = .null
        }
    }
}

extension RawValue: Codable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .list(values): try container.encode(values)
        case let .map(values): try container.encode(values)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([RawValue].self) { self = .list(value) }
        else { self = .map(try container.decode([String: RawValue].self)) }
    }
}
