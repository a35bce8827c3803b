import PlanModel

/// The kinds of change Juju plans. The raw values are the stable names in plan files and journals.
extension ChangeKind {
    public static let addModel = ChangeKind("juju.add-model")
    public static let addMachine = ChangeKind("juju.add-machine")
    public static let deploy = ChangeKind("juju.deploy")
    public static let refresh = ChangeKind("juju.refresh")
    public static let scale = ChangeKind("juju.scale")
    public static let config = ChangeKind("juju.config")
    public static let expose = ChangeKind("juju.expose")
    public static let integrate = ChangeKind("juju.integrate")
    public static let wait = ChangeKind("juju.wait")
    public static let removeRelation = ChangeKind("juju.remove-relation")
    public static let removeUnit = ChangeKind("juju.remove-unit")
    public static let removeApplication = ChangeKind("juju.remove-application")
    public static let removeMachine = ChangeKind("juju.remove-machine")
    /// Options set in Juju that git does not declare go back to the charm's defaults.
    public static let resetConfig = ChangeKind("juju.reset-config")
    public static let destroyModel = ChangeKind("juju.destroy-model")
}

/// What Juju's kinds do to the world, and where they act.
public enum JujuKinds {
    public static func effect(of kind: ChangeKind) -> Effect {
        switch kind {
        case .addModel, .addMachine, .deploy, .integrate: return .create
        case .wait: return .wait
        case .removeRelation, .removeUnit, .removeApplication, .removeMachine, .resetConfig, .destroyModel: return .delete
        default: return .update
        }
    }

    /// The address of a change: the model is the scope, the resource is typed by the kind
    /// (`application/magento`, `unit/magento/3`, `relation/…`, `machine/3`).
    public static func address(controller: String, model: String, kind: ChangeKind, target: String) -> ChangeAddress {
        let resource: String
        switch kind {
        case .addModel, .destroyModel: resource = "model"
        case .addMachine: resource = "machines/\(target)"
        case .deploy: resource = "bundle"
        case .wait: resource = "health"
        case .removeUnit: resource = "unit/\(target)"
        case .integrate, .removeRelation: resource = "relation/\(target)"
        case .removeMachine: resource = "machine/\(target)"
        default: resource = "application/\(target)"
        }
        return ChangeAddress(system: JujuPlanner.systemName, scope: scope(controller: controller, model: model), resource: resource)
    }

    /// `<controller>/<model>`: neither name can hold a slash.
    public static func scope(controller: String, model: String) -> String { "\(controller)/\(model)" }

    /// The controller and model a Juju change acts in.
    public static func model(of change: Change) -> (controller: String, model: String) {
        let parts = change.address.scope.split(separator: "/", maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
}

extension Change {
    /// The Juju controller of a Juju change.
    public var controller: String { JujuKinds.model(of: self).controller }
    /// The Juju model of a Juju change.
    public var model: String { JujuKinds.model(of: self).model }
}

extension WithheldChange {
    public var controller: String { address.scope.split(separator: "/", maxSplits: 1).first.map(String.init) ?? "" }
    public var model: String { address.scope.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
}
