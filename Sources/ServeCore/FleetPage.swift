import Foundation

/// `GET /`: every tenant and environment with its offer, controller, model, sync policy,
/// suspension, health, drift, last run and outcome, then the latest runs. Server-rendered, no
/// script; every value from git, the world or the journal is escaped.
public enum FleetPage {
    public static func render(title: String, snapshot: FleetSnapshot, lastRuns: [String: RunView], recentRuns: [RunView]) -> String {
        let e = HTMLText.escape
        let environments = snapshot.environments
        var meta = "commit <code>\(e(snapshot.commit.map { String($0.prefix(12)) } ?? "none read yet"))</code>"
        meta += " · last look \(e(snapshot.lastLook.map(DashboardLayout.timestamp) ?? "not yet"))"
        var body = ""
        if let error = snapshot.lastError { body += "<p class=\"notice\">Last look: \(e(error))</p>\n" }
        let tenants = Set(environments.compactMap(\.tenant))
        let failing = environments.filter { DashboardLayout.Tone.ofOutcome($0.lastOutcome) == .bad }.count
        let drifting = environments.filter { ($0.drift ?? 0) > 0 }.count
        let suspended = Set(environments.filter(\.suspended).compactMap(\.tenant)).count
        body += "<ul class=\"summary\"><li>\(tenants.count) tenant(s)</li><li>\(environments.count) environment(s)</li>"
        body += "<li class=\"\(failing > 0 ? "bad" : "ok")\">\(failing) failing</li><li class=\"\(drifting > 0 ? "warn" : "ok")\">\(drifting) drifting</li>"
        body += "<li class=\"\(suspended > 0 ? "warn" : "muted")\">\(suspended) suspended</li></ul>\n"
        if environments.isEmpty { body += "<p class=\"muted\">No environment yet: the first look has not read the repository.</p>\n" }
        // On a phone the fleet is a long scroll: what needs a person comes first, linked to its card.
        let attention = environments.filter { [.bad, .warn].contains(DashboardLayout.Tone.ofOutcome($0.lastOutcome)) }
        if !attention.isEmpty {
            body += "<h2>Needs attention</h2>\n<ul class=\"list\">\n"
            for status in attention {
                let tone = DashboardLayout.Tone.ofOutcome(status.lastOutcome)
                body += "<li><div class=\"line\"><a href=\"\(e("#env-" + status.environment))\">\(e(status.environment))</a> "
                body += DashboardLayout.badge(word(tone), tone) + "</div>"
                body += "<div class=\"\(tone.rawValue)\">\(e(status.lastOutcome ?? ""))</div></li>\n"
            }
            body += "</ul>\n"
        }
        var groups: [(tenant: String?, environments: [EnvironmentStatus])] = []
        for status in environments {
            if let last = groups.last, last.tenant == status.tenant { groups[groups.count - 1].environments.append(status) }
            else { groups.append((status.tenant, [status])) }
        }
        for group in groups {
            let name = group.tenant ?? "shared models"
            body += "<section id=\"\(e(anchor(group.tenant)))\"><h2>\(e(name))"
            if let first = group.environments.first, first.suspended { body += " " + DashboardLayout.badge("suspended", .warn) }
            body += "</h2>\n<div class=\"grid\">\n"
            for status in group.environments { body += card(status, lastRun: lastRuns[status.environment]) }
            body += "</div></section>\n"
        }
        body += "<h2>Latest runs</h2>\n"
        if recentRuns.isEmpty { body += "<p class=\"muted\">No run journaled yet.</p>\n" }
        else {
            body += "<ul class=\"list\">\n"
            for run in recentRuns { body += "<li>" + runLine(run) + "</li>\n" }
            body += "</ul>\n"
        }
        return DashboardLayout.page(title: title, heading: "<a href=\"./\">\(e(title))</a>", meta: meta, body: body)
    }

    /// The anchor of a tenant's section (`tenant-acme`): commit statuses may link to it.
    public static func anchor(_ tenant: String?) -> String { "tenant-" + (tenant ?? "shared") }

    private static func card(_ status: EnvironmentStatus, lastRun: RunView?) -> String {
        let e = HTMLText.escape
        let tone = DashboardLayout.Tone.ofOutcome(status.lastOutcome)
        var html = "<article class=\"card\" id=\"\(e("env-" + status.environment))\"><h3><span>\(e(status.environment))</span>"
        html += DashboardLayout.badge(word(tone), tone) + "</h3><dl>\n"
        func row(_ term: String, _ value: String) { html += "<dt>\(term)</dt><dd>\(value)</dd>\n" }
        row("offer", e(status.offer))
        row("controller", e(status.controller))
        row("model", "<code>\(e(status.model))</code>")
        row("sync", status.sync == "manual" ? "<span class=\"warn\">manual</span>" : e(status.sync))
        if status.suspended {
            let reason = status.suspendedReason.flatMap { $0.isEmpty ? nil : $0 }
            row("suspended", "<span class=\"warn\">yes</span>" + (reason.map { " — " + e($0) } ?? ""))
        } else {
            row("suspended", "no")
        }
        let healthTone: DashboardLayout.Tone = status.healthy.map { $0 ? .ok : .bad } ?? .muted
        row("health", "<span class=\"\(healthTone.rawValue)\">\(e(status.health ?? "not observed yet"))</span>")
        row("drift", status.drift.map { $0 == 0 ? "<span class=\"ok\">none</span>" : "<span class=\"warn\">\($0) difference(s)</span>" }
            ?? "<span class=\"muted\">not observed yet</span>")
        row("outcome", "<span class=\"\(tone.rawValue)\">\(e(status.lastOutcome ?? "not looked at yet"))</span>")
        if let lastRun {
            row("last run", "<a href=\"runs/\(lastRun.id)\">#\(lastRun.id)</a> " + DashboardLayout.badge(lastRun.status, .ofStatus(lastRun.status))
                + " <span class=\"muted\">\(e(lastRun.command)), \(e(DashboardLayout.timestamp(lastRun.startedAt)))</span>")
        } else if let run = status.lastRun {
            row("last run", "<a href=\"runs/\(run)\">#\(run)</a>")
        } else {
            row("last run", "<span class=\"muted\">none</span>")
        }
        if let look = status.lastLook { row("looked", e(DashboardLayout.timestamp(look))) }
        html += "</dl></article>\n"
        return html
    }

    /// The one word of an environment's badge.
    static func word(_ tone: DashboardLayout.Tone) -> String {
        switch tone {
        case .ok: "ok"
        case .warn: "held"
        case .bad: "failing"
        default: "waiting"
        }
    }

    /// `#12 succeeded serve 2026-… abc123 summary`, for the list of runs.
    static func runLine(_ run: RunView) -> String {
        let e = HTMLText.escape
        var html = "<div class=\"line\"><a href=\"runs/\(run.id)\">Run #\(run.id)</a> " + DashboardLayout.badge(run.status, .ofStatus(run.status))
        html += " <span class=\"muted\">\(e(run.command)) · \(e(DashboardLayout.timestamp(run.startedAt)))"
        if let commit = run.commit { html += " · <code>\(e(String(commit.prefix(12))))</code>" }
        html += "</span></div>"
        if !run.summary.isEmpty { html += "<div class=\"muted\">\(e(run.summary))</div>" }
        return html
    }
}
