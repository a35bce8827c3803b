/// What an action does. The raw values are the stable names used in plan files and journals.
public enum ActionKind: String, Sendable, Codable, CaseIterable {
    case addModel = "juju.add-model"
    case addMachine = "juju.add-machine"
    case deploy = "juju.deploy"
    case refresh = "juju.refresh"
    case scale = "juju.scale"
    case config = "juju.config"
    case expose = "juju.expose"
    case integrate = "juju.integrate"
    case wait = "juju.wait"
    case removeRelation = "juju.remove-relation"
    case removeUnit = "juju.remove-unit"
    case removeApplication = "juju.remove-application"
    case removeMachine = "juju.remove-machine"
    /// Options set in Juju that git does not declare go back to the charm's defaults.
    case resetConfig = "juju.reset-config"
    case destroyModel = "juju.destroy-model"

    /// How the action changes the world, for `+ ~ -` rendering and summary counts.
    public var effect: Effect {
        switch self {
        case .addModel, .addMachine, .deploy, .integrate: return .create
        case .refresh, .scale, .config, .expose: return .update
        case .wait: return .check
        case .removeRelation, .removeUnit, .removeApplication, .removeMachine, .resetConfig, .destroyModel: return .delete
        }
    }

    public enum Effect: String, Sendable, Codable {
        case create, update, delete
        /// Changes nothing (health gates).
        case check
    }
}
