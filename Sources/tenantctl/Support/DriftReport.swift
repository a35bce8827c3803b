import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Differences between git and the world, one per field, each naming where it is (controller,
/// model, application, unit, machine or relation, and an address), with a likely cause a person
/// can check.
struct DriftReport: Encodable {
    struct Item: Encodable {
        var environment: String
        var controller: String?
        var model: String?
        /// What differs: `application magento`, `unit magento/3`, `machine 5`, `model`…
        var target: String
        /// `juju:<controller>/<model>/<kind>/<name>`: stable across runs, for tooling.
        var address: String?
        var field: String
        var desired: String?
        var observed: String?
        var cause: String
    }

    struct Unobserved: Encodable {
        var environment: String
        var reason: String
    }

    var formatVersion = 2
    var commit: String?
    var items: [Item]
    var unobserved: [Unobserved]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case commit, items, unobserved
    }

    init(_ plan: Plan) {
        commit = plan.commit
        var items: [Item] = []
        // Checks and health gates are not differences.
        for action in plan.changes where action.effect != .wait && action.effect != .read {
            for reason in action.reasons {
                let (noun, name) = Self.subject(action.kind, target: action.target, field: reason.field)
                items.append(Item(environment: action.environment, controller: action.controller, model: action.model,
                                  target: name.isEmpty ? noun : "\(noun) \(name)",
                                  address: Self.address(action.controller, action.model, noun, name),
                                  field: Self.shortField(reason.field), desired: reason.desired, observed: reason.observed,
                                  cause: Self.cause(action.kind, reason)))
            }
        }
        for withheld in plan.withheld {
            let (noun, name) = Self.subject(withheld.kind, target: withheld.target, field: "")
            items.append(Item(environment: withheld.environment, controller: withheld.controller, model: withheld.model,
                              target: name.isEmpty ? noun : "\(noun) \(name)",
                              address: Self.address(withheld.controller, withheld.model, noun, name),
                              field: "present", desired: "no", observed: "yes",
                              cause: "in Juju but not in git; \(withheld.kind.rawValue) withheld: \(withheld.reason)"))
        }
        self.items = items
        unobserved = plan.skipped.map { Unobserved(environment: $0.environment, reason: $0.reason) }
    }

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

    func text() -> String {
        var lines: [String] = []
        for environment in Set(items.map(\.environment)).sorted() {
            let own = items.filter { $0.environment == environment }
            let place = own.first.flatMap { item in item.controller.flatMap { controller in item.model.map { "  (model \(controller):\($0))" } } } ?? ""
            lines.append(environment + place)
            for item in own {
                lines.append("  ~ \(item.target) \(item.field): desired \(item.desired ?? "(absent)"), observed \(item.observed ?? "(absent)")")
                lines.append("      likely cause: \(item.cause)")
            }
        }
        for line in PlanTextRenderer.skippedLines(Plan(skipped: unobserved.map { SkippedEnvironment(environment: $0.environment, reason: $0.reason) })) {
            lines.append(line.replacingOccurrences(of: "not planned", with: "not observed"))
        }
        let environments = Set(items.map(\.environment)).count
        lines.append(items.isEmpty && unobserved.isEmpty ? "No drift: the world matches the manifests."
                     : "Drift: \(items.count) field(s) in \(environments) environment(s)" + (unobserved.isEmpty ? "." : "; \(unobserved.count) environment(s) not observed."))
        return lines.joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        var lines = ["### tenantctl drift", ""]
        if items.isEmpty && unobserved.isEmpty { return (lines + ["No drift.", ""]).joined(separator: "\n") }
        lines += ["| environment | model | what | field | desired | observed | likely cause |", "|---|---|---|---|---|---|---|"]
        for item in items {
            let model = item.controller.flatMap { controller in item.model.map { "\(controller):\($0)" } } ?? ""
            let cells = [item.environment, model, item.target, item.field, item.desired ?? "(absent)", item.observed ?? "(absent)", item.cause]
                .map(PlanMarkdownRenderer.escape)
            lines.append("| `\(cells[0])` | `\(cells[1])` | `\(cells[2])` | `\(cells[3])` | \(cells[4]) | \(cells[5]) | \(cells[6]) |")
        }
        for entry in unobserved { lines.append("\n- `\(PlanMarkdownRenderer.escape(entry.environment))` not observed: \(PlanMarkdownRenderer.escape(entry.reason))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
