import TenantCore

/// One application of an exported bundle.
public struct ExportedApplication: Codable, Hashable, Sendable {
    public var charm: String
    public var channel: String?
    public var revision: Int?
    /// `num_units` (machines) or `scale` (Kubernetes); nil for subordinates.
    public var units: Int?
    /// Placement directives: machine ids of the bundle (`"1"`), `lxd:0`…
    public var to: [String]
    /// The options set on the application (charm defaults are not exported).
    public var options: [String: ConfigValue]
    public var expose: Bool
    public var trust: Bool
    public var constraints: String?
    public var base: String?
    public var series: String?

    public init(charm: String, channel: String? = nil, revision: Int? = nil, units: Int? = nil, to: [String] = [],
                options: [String: ConfigValue] = [:], expose: Bool = false, trust: Bool = false,
                constraints: String? = nil, base: String? = nil) {
        self.charm = charm
        self.channel = channel
        self.revision = revision
        self.units = units
        self.to = to
        self.options = options
        self.expose = expose
        self.trust = trust
        self.constraints = constraints
        self.base = base
    }

    enum CodingKeys: String, CodingKey {
        case charm, channel, revision, scale, to, options, expose, trust, constraints, base, series
        case numUnits = "num_units"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        charm = container.string(.charm) ?? ""
        channel = container.string(.channel)
        revision = container.int(.revision)
        units = container.int(.numUnits) ?? container.int(.scale)
        // `to:` is a list, but a single directive may be written as a scalar.
        let list = container.strings(.to)
        to = list.isEmpty ? (container.string(.to).map { [$0] } ?? []) : list
        options = container.map(.options, of: ObservedConfigValue.self).mapValues(\.value)
        expose = container.bool(.expose) ?? false
        trust = container.bool(.trust) ?? false
        constraints = container.string(.constraints)
        base = container.string(.base)
        series = container.string(.series)
    }

    /// Encodes the unit count as `num_units` whatever the model type: Juju reads it for
    /// Kubernetes bundles too, and an application does not know its bundle's type.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(charm, forKey: .charm)
        try container.encodeIfPresent(channel, forKey: .channel)
        try container.encodeIfPresent(revision, forKey: .revision)
        try container.encodeIfPresent(units, forKey: .numUnits)
        if !to.isEmpty { try container.encode(to, forKey: .to) }
        if !options.isEmpty { try container.encode(options.mapValues(ObservedConfigValue.init), forKey: .options) }
        if expose { try container.encode(true, forKey: .expose) }
        if trust { try container.encode(true, forKey: .trust) }
        try container.encodeIfPresent(constraints, forKey: .constraints)
        try container.encodeIfPresent(base, forKey: .base)
        try container.encodeIfPresent(series, forKey: .series)
    }

    /// Applies an overlay document's entry for the same application.
    mutating func merge(overlay: ExportedApplication) {
        if !overlay.charm.isEmpty { charm = overlay.charm }
        channel = overlay.channel ?? channel
        revision = overlay.revision ?? revision
        units = overlay.units ?? units
        if !overlay.to.isEmpty { to = overlay.to }
        options.merge(overlay.options) { _, new in new }
        expose = expose || overlay.expose
        trust = trust || overlay.trust
        constraints = overlay.constraints ?? constraints
        base = overlay.base ?? base
    }
}
