import TenantCore

/// One key of `juju config --format=json`: `{value?, default?, source, type, description}`.
public struct ConfigSetting: Codable, Hashable, Sendable {
    /// Absent when the option has no value and no default.
    public var value: ConfigValue?
    public var defaultValue: ConfigValue?
    /// `user` (set explicitly), `default` (the charm's default) or `unset`.
    public var source: String?
    /// The charm's declared type: `string`, `int`, `float`, `boolean`, `secret`.
    public var type: String?
    public var description: String?

    public init(value: ConfigValue?, source: String? = "user", type: String? = nil) {
        self.value = value
        self.source = source
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case value, source, type, description
        case defaultValue = "default"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = container.object(.value, as: ObservedConfigValue.self)?.value
        defaultValue = container.object(.defaultValue, as: ObservedConfigValue.self)?.value
        source = container.string(.source)
        type = container.string(.type)
        description = container.string(.description)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(value.map(ObservedConfigValue.init), forKey: .value)
        try container.encodeIfPresent(defaultValue.map(ObservedConfigValue.init), forKey: .defaultValue)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(description, forKey: .description)
    }
}
