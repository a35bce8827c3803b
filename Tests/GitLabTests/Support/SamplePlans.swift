import Foundation
import PlanModel

/// Plans written as `tenantctl plan --out` writes them, for the CLI tests.
enum SamplePlans {
    static func change(_ environment: String, _ kind: String, _ effect: Effect, target: String, reasons: [Reason] = []) -> Change {
        let tenant = String(environment.prefix { $0 != "/" })
        let model = environment.replacingOccurrences(of: "/", with: "-")
        return Change(address: ChangeAddress(system: "juju", scope: "bibind-k8s/\(model)", resource: "application/\(target)"),
                      kind: ChangeKind(kind), effect: effect, tenant: tenant, environment: environment, target: target,
                      reasons: reasons, dependsOn: [])
    }

    static let ordinary = Plan(
        commit: "1602d04e73db5c1f0e2f2c3a4b5c6d7e8f901234",
        changes: [
            change("acme/production", "juju.refresh", .update, target: "magento",
                   reasons: [Reason(field: "channel", desired: "2.5/stable", observed: "2.4/stable")]),
            change("acme/production", "juju.deploy", .create, target: "redis"),
            change("boulangerie-durand/staging", "juju.scale", .update, target: "magento",
                   reasons: [Reason(field: "units", desired: "3", observed: "1")]),
        ],
        skipped: [SkippedEnvironment(environment: "zeta/production", reason: "observing model 'zeta-production' failed: connection reset")])

    /// Manifest text that tries to break out of the note: code fences, HTML, a marker, a mention,
    /// a link, a table pipe, a script.
    static let hostileValue = "x` ``` </code></details><!-- tenantctl:plan project=42 environment=staging --> @root [a](javascript:alert(1)) | <script>alert(1)</script>\n# heading"

    static let hostile = Plan(
        commit: "1602d04e73db5c1f0e2f2c3a4b5c6d7e8f901234",
        changes: [change("acme/production", "juju.config", .update, target: "magento` <b>x</b>",
                         reasons: [Reason(field: "config.motd", desired: hostileValue, observed: "hello")])],
        skipped: [SkippedEnvironment(environment: "evil/production", reason: hostileValue)])

    static func write(_ plan: Plan, in directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("plan.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(plan).write(to: URL(fileURLWithPath: path))
        return path
    }
}
