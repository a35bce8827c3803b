/// The plan as a GitLab merge-request note: a summary table, then one collapsible section per
/// tenant environment with its changes and reasons.
public enum PlanMarkdownRenderer {
    /// Marks the note so that later runs update it instead of adding another.
    public static let marker = "<!-- tenantctl-plan -->"

    /// - Parameter marker: the first line; GitLab's sticky note puts its own, scoped one instead (nil).
    public static func render(_ plan: Plan, marker: String? = Self.marker) -> String {
        var lines = (marker.map { [$0] } ?? []) + ["### tenantctl plan", ""]
        if let commit = plan.commit { lines.append("Commit `\(commit.prefix(12))`" + (plan.fingerprints.isEmpty ? "" : ", \(plan.fingerprints.count) observed scope(s)")); lines.append("") }
        let summary = plan.summary
        lines += ["| create | update | delete | checks | health gates |", "|---:|---:|---:|---:|---:|",
                  "| \(summary.create) | \(summary.update) | \(summary.delete) | \(summary.read) | \(summary.wait) |", ""]
        if plan.isEmpty { lines += [plan.withheld.isEmpty ? "No changes." : "Nothing to apply, but \(WithheldCounts(plan.withheld).phrase) withheld (below).", ""] }
        for group in PlanGroup.groups(plan) {
            let counts = PlanSummary(group.changes)
            let manual = plan.manualEnvironments.contains(group.environment) ? " — <b>sync: manual</b>, applied only by a person" : ""
            lines.append("<details><summary>\(code(group.environment)): +\(counts.create) ~\(counts.update) -\(counts.delete)\(manual)</summary>")
            lines.append("")
            lines.append("| | change | target | reasons |")
            lines.append("|---|---|---|---|")
            for change in group.changes {
                let reasons = change.reasons.map { code($0.rendered, limit: 500) }.joined(separator: "<br>")
                lines.append("| \(change.effect.symbol) | `\(change.kind.rawValue)` | \(code(change.target)) | \(reasons) |")
            }
            lines.append("")
            lines.append("</details>")
            lines.append("")
        }
        if !plan.skipped.isEmpty || !plan.withheld.isEmpty {
            lines.append("**Not planned**")
            lines.append("")
            for skipped in plan.skipped { lines.append("- \(code(skipped.environment)): \(code(skipped.reason, limit: 500))") }
            for withheld in plan.withheld {
                lines.append("- \(code(withheld.environment)): `\(withheld.kind.rawValue)` \(code(withheld.target)) withheld: \(code(withheld.reason, limit: 500))")
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

    /// Manifest-derived text (tenant names, targets, configuration values, error messages) as
    /// inert Markdown: every character that Markdown, GitLab Flavored Markdown or HTML could read
    /// as syntax — `` ` `` `*` `_` `[` `<` `|` `#` `@` `!` `~` `$` `:` and the rest of ASCII's
    /// punctuation, and every non-ASCII character (bidirectional overrides, look-alikes) — becomes
    /// a numeric character reference, which renders as the character itself and is never parsed.
    /// So no value can open a code block, a link, an image, a mention or an HTML comment (such as
    /// a note marker), or break a table. Line breaks become spaces; at most `limit` characters.
    public static func escape(_ text: String, limit: Int = 500) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { out += "&#8230;"; break }
            count += 1
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x20, 0x2C, 0x2D, 0x2E, 0x2F, 0x3D:
                out.unicodeScalars.append(scalar)
            case 0..<0x20, 0x7F:
                out += " "
            default:
                out += "&#\(scalar.value);"
            }
        }
        return out
    }

    /// Manifest-derived text shown as code: an HTML `<code>` element around `escape`d text
    /// (a backtick code span would show the character references as they are written).
    /// GitLab decodes the references before it looks for mentions (`@user`), references
    /// (`#12`, `!3`) and emoji, but looks for none inside `<code>`: every manifest-derived value
    /// of a note goes through here, never `escape` alone.
    public static func code(_ text: String, limit: Int = 200) -> String {
        "<code>" + escape(text, limit: limit) + "</code>"
    }
}
