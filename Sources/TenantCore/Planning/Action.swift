/// One step of a plan: stable id, what it does, where, why, and what must happen first.
public struct Action: Sendable, Codable, Equatable {
    /// `<environment id>/<kind>/<target>`, e.g. `acme/production/juju.refresh/magento`: the same
    /// change always gets the same id, so journals and re-runs can recognise it.
    public var id: String
    public var kind: ActionKind
    public var tenant: String?
    /// The environment id (`acme/production`, or `mutualise@shared/production`).
    public var environment: String
    public var controller: String
    public var model: String
    /// What the action acts on: an application, a unit, a relation, `model`, `bundle`…
    public var target: String
    public var reasons: [Reason]
    public var dependsOn: [String]
    /// What the executor needs beyond the target (counts, channels, config keys…); never a secret.
    public var parameters: [String: ActionParameter]

    public init(id: String, kind: ActionKind, tenant: String?, environment: String, controller: String, model: String,
                target: String, reasons: [Reason], dependsOn: [String], parameters: [String: ActionParameter] = [:]) {
        self.id = id
        self.kind = kind
        self.tenant = tenant
        self.environment = environment
        self.controller = controller
        self.model = model
        self.target = target
        self.reasons = reasons
        self.dependsOn = dependsOn
        self.parameters = parameters
    }

    private enum CodingKeys: String, CodingKey {
        case id, kind, tenant, environment, controller, model, target, reasons
        case dependsOn = "depends_on"
        case parameters
    }
}

/// Why an action is planned: one field, desired against observed.
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

/// A parameter value of an action.
public enum ActionParameter: Sendable, Codable, Equatable, CustomStringConvertible {
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
