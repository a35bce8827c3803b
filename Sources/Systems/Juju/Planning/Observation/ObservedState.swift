import PlanModel
import TenantCore

/// What the world looked like when a plan was computed: the input of the pure planner, recorded
/// in snapshots (`tenantctl observe`) so that CI can plan without access to Juju.
public struct ObservedState: Codable, Sendable, Equatable {
    /// Per controller: whether Juju knows it, and the models it has.
    public var controllers: [String: ObservedController]
    /// Per model, keyed `<controller>/<model>`.
    public var models: [String: ModelObservation]

    public init(controllers: [String: ObservedController] = [:], models: [String: ModelObservation] = [:]) {
        self.controllers = controllers
        self.models = models
    }

    public static func key(controller: String, model: String) -> String { "\(controller)/\(model)" }

    public func model(controller: String, name: String) -> ModelObservation? {
        models[Self.key(controller: controller, model: name)]
    }
}

extension ObservedState: IngressAddresses {
    /// The address DNS records of `environment` pointing at `application` take (Juju's, in
    /// its model): nil when the model or application is not there, or has no address yet.
    public func ingressAddress(of application: String, in environment: DesiredEnvironment) -> String? {
        guard case let .present(model)? = model(controller: environment.controller, name: environment.model) else { return nil }
        return model.applications[application]?.address
    }
}

public struct ObservedController: Codable, Sendable, Equatable {
    /// False when Juju does not know this controller (not bootstrapped, or a typo in the fleet).
    public var known: Bool
    public var models: [String]
    /// Why the controller could not be listed, when it could not.
    public var error: String?

    public init(known: Bool, models: [String] = [], error: String? = nil) {
        self.known = known
        self.models = models
        self.error = error
    }
}

/// One model as observed: missing (the plan creates it), present, or unknown because observing it
/// failed (the plan does nothing there, and certainly deletes nothing).
public enum ModelObservation: Sendable, Equatable {
    case absent
    case present(ObservedModel)
    case failed(String)
}

extension ModelObservation: Codable {
    private enum CodingKeys: String, CodingKey { case state, model, error }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .absent:
            try container.encode("absent", forKey: .state)
        case let .present(model):
            try container.encode("present", forKey: .state)
            try container.encode(model, forKey: .model)
        case let .failed(error):
            try container.encode("failed", forKey: .state)
            try container.encode(error, forKey: .error)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .state) {
        case "absent": self = .absent
        case "present": self = .present(try container.decode(ObservedModel.self, forKey: .model))
        case "failed": self = .failed(try container.decode(String.self, forKey: .error))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .state, in: container, debugDescription: "unknown model state '\(other)'")
        }
    }
}

extension ObservedState: SystemObservation {}
