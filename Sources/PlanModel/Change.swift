/// One step of a plan: a stable id, where it acts, what it does, why, and what must be done first.
public struct Change: Sendable, Codable, Equatable {
    /// `<kind> <address>`: the same change always gets the same id, so journals, re-runs and
    /// `depends_on` recognise it.
    public var id: String
    public var address: ChangeAddress
    public var kind: ChangeKind
    public var effect: Effect
    public var tenant: String?
    /// The environment id (`acme/production`, or `mutualise@shared/production`).
    public var environment: String
    /// What the change acts on, in its system's words (an application, a unit, `bundle`…): what
    /// renderings show beside the kind.
    public var target: String
    public var reasons: [Reason]
    /// Ids of the changes that must be done before this one starts; they may belong to other
    /// systems and other environments.
    public var dependsOn: [String]
    /// What the driver needs beyond the address (counts, channels, config keys…); never a secret.
    public var parameters: [String: ChangeParameter]

    public init(address: ChangeAddress, kind: ChangeKind, effect: Effect, tenant: String?, environment: String, target: String,
                reasons: [Reason], dependsOn: [String], parameters: [String: ChangeParameter] = [:]) {
        self.id = Self.id(kind: kind, address: address)
        self.address = address
        self.kind = kind
        self.effect = effect
        self.tenant = tenant
        self.environment = environment
        self.target = target
        self.reasons = reasons
        self.dependsOn = dependsOn
        self.parameters = parameters
    }

    public static func id(kind: ChangeKind, address: ChangeAddress) -> String { "\(kind.rawValue) \(address)" }

    private enum CodingKeys: String, CodingKey {
        case id, address, kind, effect, tenant, environment, target, reasons
        case dependsOn = "depends_on"
        case parameters
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try container.decode(ChangeAddress.self, forKey: .address)
        kind = try container.decode(ChangeKind.self, forKey: .kind)
        id = try container.decode(String.self, forKey: .id)
        // The id is derived: one that does not match its address was edited.
        guard id == Self.id(kind: kind, address: address) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container,
                debugDescription: "change id '\(id)' does not match its kind and address ('\(Self.id(kind: kind, address: address))')")
        }
        effect = try container.decode(Effect.self, forKey: .effect)
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant)
        environment = try container.decode(String.self, forKey: .environment)
        target = try container.decode(String.self, forKey: .target)
        reasons = try container.decode([Reason].self, forKey: .reasons)
        dependsOn = try container.decode([String].self, forKey: .dependsOn)
        parameters = try container.decodeIfPresent([String: ChangeParameter].self, forKey: .parameters) ?? [:]
    }
}

/// Why a change is planned: one field, desired against observed.
public struct Reason: Sendable, Codable, Equatable, CustomStringConvertible {
    public var field: String
    public var desired: String?
    public var observed: String?

    public init(field: String, desired: String?, observed: String?) {
        self.field = field
        self.desired = desired
        self.observed = observed
    }

    public var description: String {
        "\(field): \(observed ?? "(none)") -> \(desired ?? "(none)")"
    }
}

/// A parameter value of a change.
public enum ChangeParameter: Sendable, Codable, Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case strings([String])

    public var description: String {
        switch self {
        case let .string(value): return value
        case let .int(value): return String(value)
        case let .strings(values): return values.joined(separator: ",")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .strings(values): try container.encode(values)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode([String].self) { self = .strings(value) }
        else { self = .string(try container.decode(String.self)) }
    }
}
