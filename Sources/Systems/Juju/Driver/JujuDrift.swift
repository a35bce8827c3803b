import JujuPlanning
import PlanModel
import Reconciler

/// Juju's differences in a person's words: what differs (`application magento`, `unit
/// magento/3`), in which model, and the likely cause (out of band, or a change in git not applied).
enum JujuDrift {
    /// What an action acts on, as a noun and a name.
    static func subject(_ kind: ChangeKind, target: String, field: String) -> (String, String) {
        switch kind {
        case .addModel, .destroyModel: return ("model", "")
        case .addMachine: return ("machines", target)
        case .removeMachine: return ("machine", target)
        case .removeUnit: return ("unit", target)
        case .integrate, .removeRelation: return ("relation", target)
        case .deploy: return ("application", field.hasPrefix("applications.") ? String(field.dropFirst("applications.".count)) : target)
        case .refresh, .scale, .config, .resetConfig, .expose, .removeApplication, .wait: return ("application", target)
        default: return (kind.rawValue, target)
        }
    }

    static func address(_ controller: String, _ model: String, _ noun: String, _ name: String) -> String {
        name.isEmpty || noun == "model" ? "juju:\(controller)/\(model)" : "juju:\(controller)/\(model)/\(noun)/\(name)"
    }

    /// `applications.magento` says nothing the target does not: `deployed`.
    static func shortField(_ field: String) -> String {
        field.hasPrefix("applications.") ? "deployed" : field
    }

    static func cause(_ kind: ChangeKind, _ reason: Reason) -> String {
        switch kind {
        case .addModel: return "the model does not exist: a new environment, or the model was destroyed out of band"
        case .addMachine: return "machines are missing: not added yet, or removed out of band (juju remove-machine)"
        case .deploy: return "the application is not deployed: new in git, or removed out of band (juju remove-application)"
        case .refresh: return "the charm differs: a change in git not applied yet, or a refresh out of band (juju refresh)"
        case .scale:
            let desired = Int(reason.desired ?? "") ?? 0, observed = Int(reason.observed ?? "") ?? 0
            return observed < desired ? "units are missing: a unit was removed out of band (juju remove-unit), or the count was raised in git"
                : "there are more units than desired: units added out of band (juju add-unit), or the count was lowered in git"
        case .removeUnit: return "there are more units than desired: units added out of band (juju add-unit), or the count was lowered in git"
        case .config: return "the configuration differs: changed out of band (juju config), or changed in git and not applied yet"
        case .resetConfig: return "an option is set in Juju that git does not declare: set out of band (juju config), or removed from git"
        case .expose: return "exposure differs: juju expose/unexpose out of band, or changed in git"
        case .integrate: return "a relation is missing: removed out of band (juju remove-relation), or new in git"
        case .removeRelation, .removeApplication, .removeMachine: return "present in Juju but not in git: added out of band, or removed from git"
        case .destroyModel: return "the model belongs to an environment no longer in git"
        case .wait: return "health"
        default: return "differs from git"
        }
    }
}

extension JujuSystem {
    public func describeDrift(of change: Change, reason: Reason) -> DriftDescription {
        let (noun, name) = JujuDrift.subject(change.kind, target: change.target, field: reason.field)
        var cause = JujuDrift.cause(change.kind, reason)
        if change.kind == .config, reason.desired?.contains(" version ") == true, reason.observed?.contains(" version ") == true {
            cause = "the secret has a newer version in Vault (rotated) than the one applied"
        }
        return DriftDescription(subject: name.isEmpty ? noun : "\(noun) \(name)",
                                address: JujuDrift.address(change.controller, change.model, noun, name),
                                field: JujuDrift.shortField(reason.field), cause: cause,
                                place: ["controller": change.controller, "model": change.model])
    }

    public func describeWithheld(_ withheld: WithheldChange) -> DriftDescription {
        let (noun, name) = JujuDrift.subject(withheld.kind, target: withheld.target, field: "")
        // A scale-down withheld (k8s) is an application in git with more units than it should
        // have, not something git lacks.
        let (field, what) = withheld.kind == .scale ? ("surplus units", "more units in Juju than in git") : ("present", "in Juju but not in git")
        return DriftDescription(subject: name.isEmpty ? noun : "\(noun) \(name)",
                                address: JujuDrift.address(withheld.controller, withheld.model, noun, name),
                                field: field, cause: "\(what); \(withheld.kind.rawValue) withheld: \(withheld.reason)",
                                place: ["controller": withheld.controller, "model": withheld.model])
    }
}
