import TenantCore

/// A configuration value as Juju reports it, read into tenantctl's `ConfigValue`.
///
/// Unlike a manifest value, a string that reads `vault:…` stays a string here: what Juju holds
/// is data, and treating it as a reference would hide drift (or a secret pasted in clear).
struct ObservedConfigValue: Codable, Hashable, Sendable {
    var value: ConfigValue

    init(_ value: ConfigValue) { self.value = value }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) { value = .bool(flag) }
        else if let number = try? container.decode(Int.self) { value = .int(number) }
        else if let number = try? container.decode(Double.self) { value = .double(number) }
        else { value = .string(try container.decode(String.self)) }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case let .string(text): try container.encode(text)
        case let .int(number): try container.encode(number)
        case let .double(number): try container.encode(number)
        case let .bool(flag): try container.encode(flag)
        case let .secret(reference): try container.encode(reference.description)
        }
    }
}
