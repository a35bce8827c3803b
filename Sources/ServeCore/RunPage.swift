import Foundation

/// `GET /runs/<id>`: one run — its status, commit and summary, then its plan change by change,
/// grouped by environment, each with why (field by field), how it went, its attempts and its
/// error (redacted by its driver before it was journaled). Every value is escaped.
public enum RunPage {
    public static func render(title: String, run: RunView, changes: [RunChangeView]) -> String {
        let e = HTMLText.escape
        let heading = "<a href=\"../\">\(e(title))</a> · Run #\(run.id)"
        let meta = "\(DashboardLayout.badge(run.status, .ofStatus(run.status))) \(e(run.command))"
            + (run.commit.map { " · commit <code>\(e(String($0.prefix(12))))</code>" } ?? "")
        var body = "<dl class=\"card\">\n"
        body += "<dt>status</dt><dd>\(DashboardLayout.badge(run.status, .ofStatus(run.status)))</dd>\n"
        body += "<dt>command</dt><dd>\(e(run.command))</dd>\n"
        body += "<dt>commit</dt><dd><code>\(e(run.commit ?? "none"))</code></dd>\n"
        body += "<dt>started</dt><dd>\(e(DashboardLayout.timestamp(run.startedAt)))</dd>\n"
        if let finished = run.finishedAt {
            body += "<dt>finished</dt><dd>\(e(DashboardLayout.timestamp(finished))) (\(e(DashboardLayout.duration(from: run.startedAt, to: finished))))</dd>\n"
        }
        body += "<dt>summary</dt><dd>\(e(run.summary.isEmpty ? "—" : run.summary))</dd>\n</dl>\n"
        let done = changes.filter { $0.outcome == "succeeded" }.count
        body += "<h2>Plan: \(changes.count) change(s), \(done) done</h2>\n"
        if changes.isEmpty { body += "<p class=\"muted\">No change was journaled for this run.</p>\n" }
        var order: [String] = []
        var byEnvironment: [String: [RunChangeView]] = [:]
        for change in changes {
            if byEnvironment[change.environment] == nil { order.append(change.environment) }
            byEnvironment[change.environment, default: []].append(change)
        }
        for environment in order {
            let list = byEnvironment[environment] ?? []
            body += "<section><h2 id=\"\(e("env-" + environment))\">\(e(environment))</h2>\n<ul class=\"list\">\n"
            for change in list { body += "<li>" + line(change) + "</li>\n" }
            body += "</ul></section>\n"
        }
        return DashboardLayout.page(title: "Run #\(run.id) · \(title)", heading: heading, meta: meta, body: body)
    }

    private static func line(_ change: RunChangeView) -> String {
        let e = HTMLText.escape
        let outcome = change.outcome ?? "not started"
        var html = "<div class=\"line\">\(DashboardLayout.badge(outcome, change.outcome.map(DashboardLayout.Tone.ofStatus) ?? .muted))"
        html += " <code>\(e(change.kind))</code> <strong>\(e(change.target))</strong>"
        html += " <span class=\"muted\">\(e(change.effect))\(change.attempts > 1 ? " · \(change.attempts) attempts" : "")</span></div>"
        html += "<div class=\"muted\"><code>\(e(change.actionID))</code></div>"
        if !change.reasons.isEmpty {
            html += "<ul class=\"reasons\">" + change.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        if let error = change.error, !error.isEmpty { html += "<p class=\"error\">\(e(error))</p>" }
        return html
    }
}
