/// The plan as a GitLab merge-request note: a summary table, then one collapsible section per
/// tenant environment with its actions and reasons.
public enum PlanMarkdownRenderer {
    /// Marks the note so that later runs update it instead of adding another.
    public static let marker = "<!-- tenantctl-plan -->"

    public static func render(_ plan: Plan) -> String {
        var lines = [marker, "### tenantctl plan", ""]
        if let commit = plan.commit { lines.append("Commit `\(commit.prefix(12))`" + (plan.observedFingerprint.map { ", observed state `\($0.prefix(12))`" } ?? "")); lines.append("") }
        let summary = plan.summary
        lines += ["| create | update | delete | health gates |", "|---:|---:|---:|---:|",
                  "| \(summary.create) | \(summary.update) | \(summary.delete) | \(summary.check) |", ""]
        if plan.isEmpty { lines += [plan.withheld.isEmpty ? "No changes." : "Nothing to apply, but removals are withheld (below).", ""] }
        for group in PlanGroup.groups(plan) {
            let counts = PlanSummary(group.actions)
            let manual = plan.manualEnvironments.contains(group.environment) ? " — <b>sync: manual</b>, applied only by a person" : ""
            lines.append("<details><summary><code>\(escape(group.environment))</code>: +\(counts.create) ~\(counts.update) -\(counts.delete)\(manual)</summary>")
            lines.append("")
            lines.append("| | action | target | reasons |")
            lines.append("|---|---|---|---|")
            for action in group.actions {
                let reasons = action.reasons.map { escape($0.rendered) }.joined(separator: "<br>")
                lines.append("| \(action.kind.effect.symbol) | `\(action.kind.rawValue)` | `\(escape(action.target))` | \(reasons) |")
            }
            lines.append("")
            lines.append("</details>")
            lines.append("")
        }
        if !plan.skipped.isEmpty || !plan.withheld.isEmpty {
            lines.append("**Not planned**")
            lines.append("")
            for skipped in plan.skipped { lines.append("- `\(escape(skipped.environment))`: \(escape(skipped.reason))") }
            for withheld in plan.withheld {
                lines.append("- `\(escape(withheld.environment))`: `\(withheld.kind.rawValue)` `\(escape(withheld.target))` withheld: \(escape(withheld.reason))")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Table cells must not break the table or inject HTML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
