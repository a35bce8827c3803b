import Foundation

/// `GET /`: a minimal read-only page of every tenant environment, rendered on the server (no
/// script, no build step). Everything that comes from git or the world is escaped.
public enum StatusPage {
    public static func render(title: String, commit: String?, lastLook: Date?, lastError: String?, environments: [EnvironmentStatus]) -> String {
        let e = HTMLText.escape
        var html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}.failed{color:#b00}.suspended{color:#a60}</style>
        </head><body>
        <h1>\(e(title))</h1>
        <p>Commit <code>\(e(commit.map { String($0.prefix(12)) } ?? "none yet"))</code>; last look \(e(lastLook.map(timestamp) ?? "not yet")).</p>

        """
        if let lastError { html += "<p class=\"failed\">Last look failed: \(e(lastError))</p>\n" }
        html += "<table><thead><tr><th>environment</th><th>tenant</th><th>sync</th><th>suspended</th><th>last run</th><th>outcome</th><th>pending</th><th>when</th></tr></thead><tbody>\n"
        for status in environments {
            let outcomeClass = status.lastOutcome?.hasPrefix("failed") == true ? " class=\"failed\"" : ""
            html += "<tr><td>\(e(status.environment))</td><td>\(e(status.tenant ?? ""))</td><td>\(e(status.sync))</td>"
            html += "<td\(status.suspended ? " class=\"suspended\"" : "")>\(status.suspended ? "yes" : "no")</td>"
            html += "<td>\(status.lastRun.map { "run \($0)" } ?? "")</td><td\(outcomeClass)>\(e(status.lastOutcome ?? "not looked at yet"))</td>"
            html += "<td>\(status.pendingChanges)</td><td>\(e(status.lastLook.map(timestamp) ?? ""))</td></tr>\n"
        }
        html += "</tbody></table>\n</body></html>\n"
        return html
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
