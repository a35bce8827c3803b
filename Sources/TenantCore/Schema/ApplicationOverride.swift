/// Changes an offer or a tenant makes to one application of its bundle. Every field is optional:
/// what is not set is inherited from the level below (bundle, then offer).
public struct ApplicationOverride: Sendable {
    public var name: Located<String>
    public var channel: Located<String>?
    public var revision: Located<Int>?
    public var units: Located<Int>?
    public var config: [String: Located<ConfigValue>]
    public var expose: Bool?
    public var constraints: String?
    public var base: String?
    public var trust: Bool?

    static let keys = ["channel", "revision", "units", "config", "expose", "constraints", "base", "trust"]

    private static func constraints(_ field: Field?) -> String? {
        guard let field, let text = field.nonEmptyString() else { return nil }
        if let problem = Constraints.problem(text.value) {
            field.error("'\(text.value)' is not a Juju constraint list: it \(problem)")
            return nil
        }
        return text.value
    }

    static func decode(name: Located<String>, field: Field) -> ApplicationOverride? {
        guard let map = field.mapping(allowed: keys, context: "application '\(name.value)'") else { return nil }
        let channelField = map.optional("channel")
        let channel = channelField?.nonEmptyString()
        if let channel, let problem = CharmChannel.problem(channel.value) {
            channelField?.error("'\(channel.value)' is not a charm channel: it \(problem)")
        }
        var revision: Located<Int>?
        if let field = map.optional("revision"), let value = field.int() {
            if value.value < 0 { field.error("expected a revision of 0 or more, got \(value.value)") }
            else if field.within(value, max: Bounds.revision, what: "a revision") { revision = value }
        }
        var units: Located<Int>?
        if let field = map.optional("units"), let value = field.nonNegativeInt(),
           field.within(value, max: Bounds.units, what: "a number of units") {
            units = value
        }
        let baseField = map.optional("base")
        let base = baseField?.nonEmptyString()
        if let base, let problem = CharmBase.problem(base.value) {
            baseField?.error("'\(base.value)' is not a base: it \(problem)")
        }
        return ApplicationOverride(
            name: name, channel: channel, revision: revision, units: units,
            config: map.optional("config")?.configMap() ?? [:],
            expose: map.optional("expose")?.bool()?.value,
            constraints: constraints(map.optional("constraints")),
            base: base?.value,
            trust: map.optional("trust")?.bool()?.value)
    }
}

/// A group of identical machines to add to an IaaS model.
public struct MachineGroup: Hashable, Sendable, Codable {
    public var count: Int
    public var constraints: String?
    public var base: String?

    public init(count: Int, constraints: String? = nil, base: String? = nil) {
        self.count = count
        self.constraints = constraints
        self.base = base
    }

    static func decode(_ field: Field) -> Located<MachineGroup>? {
        guard let map = field.mapping(allowed: ["count", "constraints", "base"], context: "a machine group") else { return nil }
        var count = 1
        if let countField = map.optional("count"), let value = countField.int() {
            if value.value < 1 { countField.error("expected a count of 1 or more, got \(value.value)") }
            else if countField.within(value, max: Bounds.machineCount, what: "a count") { count = value.value }
        }
        let constraintsField = map.optional("constraints")
        let constraints = constraintsField?.nonEmptyString()
        if let constraints, let problem = Constraints.problem(constraints.value) {
            constraintsField?.error("'\(constraints.value)' is not a Juju constraint list: it \(problem)")
        }
        let baseField = map.optional("base")
        let base = baseField?.nonEmptyString()
        if let base, let problem = CharmBase.problem(base.value) {
            baseField?.error("'\(base.value)' is not a base: it \(problem)")
        }
        return Located(MachineGroup(count: count, constraints: constraints?.value, base: base?.value), at: field.location)
    }
}

/// Per-environment sizing shared by offers and tenants.
public struct EnvironmentSizing: Sendable {
    public var ha: Located<Bool>?
    public var applications: [String: ApplicationOverride]
    public var machines: [Located<MachineGroup>]?
    public var location: SourceLocation

    static let keys = ["ha", "applications", "machines"]

    static func decode(_ map: MappingReader) -> EnvironmentSizing {
        var applications: [String: ApplicationOverride] = [:]
        for (name, field) in map.optional("applications")?.dictionary() ?? [] {
            if let override = ApplicationOverride.decode(name: name, field: field) {
                applications[name.value] = override
            }
        }
        let machines = map.optional("machines")?.sequence()?.compactMap(MachineGroup.decode)
        return EnvironmentSizing(ha: map.optional("ha")?.bool(), applications: applications, machines: machines,
                                 location: map.location)
    }
}
