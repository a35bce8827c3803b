/// Empty collections and defaults are left out of rendered output (they are noise in `render`
/// and plan files) and read back as empty.
extension DesiredApplication {
    private enum CodingKeys: String, CodingKey {
        case name, charm, channel, revision, units, config, expose, constraints, base, series, trust, to, passthrough
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(charm, forKey: .charm)
        try container.encodeIfPresent(channel, forKey: .channel)
        try container.encodeIfPresent(revision, forKey: .revision)
        try container.encodeIfPresent(units, forKey: .units)
        if !config.isEmpty { try container.encode(config, forKey: .config) }
        if expose { try container.encode(expose, forKey: .expose) }
        try container.encodeIfPresent(constraints, forKey: .constraints)
        try container.encodeIfPresent(base, forKey: .base)
        try container.encodeIfPresent(series, forKey: .series)
        if trust { try container.encode(trust, forKey: .trust) }
        if !to.isEmpty { try container.encode(to, forKey: .to) }
        if !passthrough.isEmpty { try container.encode(passthrough, forKey: .passthrough) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            charm: try container.decode(String.self, forKey: .charm),
            channel: try container.decodeIfPresent(String.self, forKey: .channel),
            revision: try container.decodeIfPresent(Int.self, forKey: .revision),
            units: try container.decodeIfPresent(Int.self, forKey: .units),
            config: try container.decodeIfPresent([String: ConfigValue].self, forKey: .config) ?? [:],
            expose: try container.decodeIfPresent(Bool.self, forKey: .expose) ?? false,
            constraints: try container.decodeIfPresent(String.self, forKey: .constraints),
            base: try container.decodeIfPresent(String.self, forKey: .base),
            series: try container.decodeIfPresent(String.self, forKey: .series),
            trust: try container.decodeIfPresent(Bool.self, forKey: .trust) ?? false,
            to: try container.decodeIfPresent([String].self, forKey: .to) ?? [],
            passthrough: try container.decodeIfPresent([String: RawValue].self, forKey: .passthrough) ?? [:])
    }
}
