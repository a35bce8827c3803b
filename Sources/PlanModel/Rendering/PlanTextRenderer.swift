/// The plan for terminals, in the manner of `terraform plan`: `+` create, `~` update, `-` delete,
/// grouped by tenant environment, with the reasons, and a summary line. Colour only when asked
/// (the CLI asks when standard output is a terminal).
public struct PlanTextRenderer {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ plan: Plan) -> String {
        var lines: [String] = []
        for group in PlanGroup.groups(plan) {
            let manual = plan.manualEnvironments.contains(group.environment)
                ? "  [sync: manual — applied only by a person: tenantctl apply --tenant \(group.tenant ?? group.environment)]" : ""
            lines.append(paint("\(group.environment)", .bold) + "  (\(group.scopes.joined(separator: ", ")))" + manual)
            for change in group.changes {
                let effect = change.effect
                lines.append("  " + paint("\(effect.symbol) \(change.kind.rawValue) \(change.target)", effect.style))
                for reason in change.reasons {
                    lines.append("      \(reason.rendered)")
                }
            }
            lines.append("")
        }
        for line in Self.skippedLines(plan) { lines.append(paint(line, .yellow)) }
        for withheld in plan.withheld {
            lines.append(paint("! \(withheld.environment): \(withheld.kind.rawValue) \(withheld.target) withheld: \(withheld.reason)", .yellow))
        }
        for note in plan.notes { lines.append("i \(note.environment): \(note.text)") }
        if !plan.skipped.isEmpty || !plan.withheld.isEmpty || !plan.notes.isEmpty { lines.append("") }
        lines.append(summaryLine(plan))
        return lines.joined(separator: "\n") + "\n"
    }

    public func summaryLine(_ plan: Plan) -> String {
        let summary = plan.summary
        if plan.isEmpty, !plan.withheld.isEmpty {
            return WithheldCounts(plan.withheld).nothingToApplyLine
        }
        if plan.isEmpty, !plan.skipped.isEmpty {
            // Not having looked is never "no changes".
            return "Nothing planned: \(plan.skipped.count) environment(s) could not be observed (above)."
        }
        if plan.isEmpty {
            return "No changes. The world matches the manifests."
        }
        let reads = summary.read > 0 ? ", \(summary.read) to check" : ""
        return "Plan: \(summary.create) to create, \(summary.update) to update, \(summary.delete) to delete\(reads), \(summary.wait) health gates."
    }

    /// `! env: not planned: reason`, or one line for several environments that share a reason.
    public static func skippedLines(_ plan: Plan) -> [String] {
        plan.skippedByReason.map { group in
            group.environments.count == 1 ? "! \(group.environments[0]): not planned: \(group.reason)"
                : "! \(group.environments.count) environments not planned (\(Self.names(group.environments))): \(group.reason)"
        }
    }

    /// The first few names, then how many more: one line stays one line at 10,000 tenants.
    static func names(_ environments: [String], shown: Int = 5) -> String {
        let listed = environments.prefix(shown).joined(separator: ", ")
        return environments.count > shown ? "\(listed) and \(environments.count - shown) more" : listed
    }

    enum Style: String {
        case green = "32", yellow = "33", red = "31", bold = "1", plain = "0"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        guard color, style != .plain else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }
}

extension Effect {
    var style: PlanTextRenderer.Style {
        switch self {
        case .create: return .green
        case .update: return .yellow
        case .delete: return .red
        case .read, .wait: return .plain
        }
    }
}
