/// A charm configuration value as written in a bundle, offer or tenant.
///
/// Vault references stay references all the way to the executor: the planner compares them by
/// reference, never by value.
public enum ConfigValue: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case secret(VaultReference)

    public var description: String {
        switch self {
        case let .string(value): return value
        case let .int(value): return String(value)
        case let .double(value): return String(value)
        case let .bool(value): return String(value)
        case let .secret(reference): return reference.description
        }
    }

    public var vaultReference: VaultReference? {
        if case let .secret(reference) = self { return reference }
        return nil
    }
}

extension ConfigValue: Codable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .secret(reference): try container.encode(reference.description)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Int.self) { self = .int(value); return }
        if let value = try? container.decode(Double.self) { self = .double(value); return }
        let text = try container.decode(String.self)
        if case let .success(reference) = VaultReference.parse(text) { self = .secret(reference) } else { self = .string(text) }
    }
}
