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
    /// Tenants paused with `tenantctl suspend`: their drift is reported, not healed.
    var suspended: [String] = []

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case commit, items, unobserved, suspended
    }

    init(_ plan: Plan, systems: [any RegisteredSystem] = Systems.all) {
        commit = plan.commit
        var items: [Item] = []
        // Checks and health gates are not differences.
        for change in plan.changes where change.effect != .wait && change.effect != .read {
            guard let system = systems.first(where: { $0.name == change.address.system }) else { continue }
            for reason in change.reasons {
                let description = system.describeDrift(of: change, reason: reason)
                items.append(Item(environment: change.environment, controller: description.place["controller"], model: description.place["model"],
                                  target: description.subject, address: description.address, field: description.field,
                                  desired: reason.desired, observed: reason.observed, cause: description.cause))
            }
        }
        for withheld in plan.withheld {
            guard let system = systems.first(where: { $0.name == withheld.address.system }) else { continue }
            let description = system.describeWithheld(withheld)
            items.append(Item(environment: withheld.environment, controller: description.place["controller"], model: description.place["model"],
                              target: description.subject, address: description.address, field: description.field,
                              desired: "no", observed: "yes", cause: description.cause))
        }
        self.items = items
        unobserved = plan.skipped.map { Unobserved(environment: $0.environment, reason: $0.reason) }
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
        for tenant in suspended { lines.append("suspended: \(tenant) — its drift is not healed until tenantctl resume \(tenant)") }
        let environments = Set(items.map(\.environment)).count
        lines.append(items.isEmpty && unobserved.isEmpty ? "No drift: the world matches the manifests."
                     : "Drift: \(items.count) field(s) in \(environments) environment(s)" + (unobserved.isEmpty ? "." : "; \(unobserved.count) environment(s) not observed."))
        return lines.joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        var lines = ["### tenantctl drift", ""]
        let notes = suspended.map { "> suspended: \(PlanMarkdownRenderer.code($0)) — its drift is not healed until resumed" }
        if items.isEmpty && unobserved.isEmpty { return (lines + ["No drift.", ""] + notes.flatMap { [$0, ""] }).joined(separator: "\n") }
        lines += ["| environment | model | what | field | desired | observed | likely cause |", "|---|---|---|---|---|---|---|"]
        for item in items {
            let model = item.controller.flatMap { controller in item.model.map { "\(controller):\($0)" } } ?? ""
            let cells = [item.environment, model, item.target, item.field, item.desired ?? "(absent)", item.observed ?? "(absent)", item.cause]
            // Manifest and Juju text: inert, and out of GitLab's mentions (PlanMarkdownRenderer.code).
            let code = cells.map { PlanMarkdownRenderer.code($0, limit: 500) }
            lines.append("| " + code.joined(separator: " | ") + " |")
        }
        for entry in unobserved { lines.append("\n- \(PlanMarkdownRenderer.code(entry.environment)) not observed: \(PlanMarkdownRenderer.code(entry.reason, limit: 500))") }
        for note in notes { lines.append("\n" + note) }
        return lines.joined(separator: "\n") + "\n"
    }
}
