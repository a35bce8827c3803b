/// The plan as a GitLab merge-request note: a summary table, then one collapsible section per
/// tenant environment with its changes and reasons.
public enum PlanMarkdownRenderer {
    /// Marks the note so that later runs update it instead of adding another.
    public static let marker = "<!-- tenantctl-plan -->"

    public static func render(_ plan: Plan) -> String {
        var lines = [marker, "### tenantctl plan", ""]
        if let commit = plan.commit { lines.append("Commit `\(commit.prefix(12))`" + (plan.fingerprints.isEmpty ? "" : ", \(plan.fingerprints.count) observed scope(s)")); lines.append("") }
        let summary = plan.summary
        lines += ["| create | update | delete | checks | health gates |", "|---:|---:|---:|---:|---:|",
                  "| \(summary.create) | \(summary.update) | \(summary.delete) | \(summary.read) | \(summary.wait) |", ""]
        if plan.isEmpty { lines += [plan.withheld.isEmpty ? "No changes." : "Nothing to apply, but \(WithheldCounts(plan.withheld).phrase) withheld (below).", ""] }
        for group in PlanGroup.groups(plan) {
            let counts = PlanSummary(group.changes)
            let manual = plan.manualEnvironments.contains(group.environment) ? " — <b>sync: manual</b>, applied only by a person" : ""
            lines.append("<details><summary><code>\(escape(group.environment))</code>: +\(counts.create) ~\(counts.update) -\(counts.delete)\(manual)</summary>")
            lines.append("")
            lines.append("| | change | target | reasons |")
            lines.append("|---|---|---|---|")
            for change in group.changes {
                let reasons = change.reasons.map { escape($0.rendered) }.joined(separator: "<br>")
                lines.append("| \(change.effect.symbol) | `\(change.kind.rawValue)` | `\(escape(change.target))` | \(reasons) |")
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
        if !plan.notes.isEmpty {
            lines.append("**Notes**")
            lines.append("")
            for note in plan.notes { lines.append("- `\(escape(note.environment))`: \(escape(note.text))") }
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
