import Foundation
import JujuPlanning
import PlanModel
import TenantCore
import XCTest

final class PlanRenderingTests: XCTestCase {
    typealias F = PlanFixtures

    var plan: Plan {
        let before = F.environment(applications: [F.application("magento", channel: "2.4/stable", units: 1), F.application("legacy")])
        var world = SimulatedWorld(observed: F.observed(["ctl/acme-production": .absent]), desired: DesiredState(environments: [before]))
        world.apply(JujuPlan.plan(desired: DesiredState(environments: [before]), observed: world.observed))
        let after = F.environment(applications: [F.application("magento", channel: "2.5/stable", units: 3), F.application("redis")], prune: true)
        let failed = F.environment("zeta/production", applications: [F.application("x")])
        var observed = world.observed
        observed.models["ctl/zeta-production"] = .failed("connection reset")
        return JujuPlan.plan(desired: DesiredState(environments: [after, failed]), observed: observed, commit: "0123456789abcdef0123", fingerprints: ["juju:ctl/acme-production": "f1f2f3f4f5f6f7f8"])
    }

    func testTextRendering() {
        XCTAssertEqual(PlanTextRenderer(color: false).render(plan), """
        acme/production  (juju:ctl/acme-production)
          + juju.deploy bundle
              applications.redis: + redis stable x1
          ~ juju.refresh magento
              channel: 2.4/stable -> 2.5/stable
          ~ juju.scale magento
              units: 1 -> 3
          - juju.remove-application legacy
              applications.legacy: - legacy
          ? juju.wait applications
              health.magento: + active/idle
              health.redis: + active/idle

        ! zeta/production: not planned: observing model 'zeta-production' failed: connection reset

        Plan: 1 to create, 2 to update, 1 to delete, 1 health gates.

        """)
    }

    func testColourOnlyWhenAsked() {
        XCTAssertFalse(PlanTextRenderer(color: false).render(plan).contains("\u{1B}["))
        XCTAssertTrue(PlanTextRenderer(color: true).render(plan).contains("\u{1B}[32m+ juju.deploy bundle\u{1B}[0m"))
    }

    func testEmptyPlanSaysSo() {
        XCTAssertEqual(PlanTextRenderer(color: false).render(Plan()), "No changes. The world matches the manifests.\n")
    }

    func testMarkdownNote() {
        let markdown = PlanMarkdownRenderer.render(plan)
        XCTAssertTrue(markdown.hasPrefix("<!-- tenantctl-plan -->\n### tenantctl plan\n\nCommit `0123456789ab`, 1 observed scope(s)"))
        XCTAssertTrue(markdown.contains("| 1 | 2 | 1 | 0 | 1 |"))
        XCTAssertTrue(markdown.contains("<details><summary><code>acme/production</code>: +1 ~2 -1</summary>"))
        XCTAssertTrue(markdown.contains("| ~ | `juju.refresh` | <code>magento</code> | <code>channel&#58; 2.4/stable -&#62; 2.5/stable</code> |"))
        XCTAssertTrue(markdown.contains("- <code>zeta/production</code>: <code>observing model &#39;zeta-production&#39; failed&#58; connection reset</code>"))
        XCTAssertEqual(PlanMarkdownRenderer.escape("a|b<script>"), "a&#124;b&#60;script&#62;")
    }

    func testGitLabTerraformReport() throws {
        let json = try JSONEncoder().encode(GitLabTerraformReport(plan))
        let decoded = try JSONSerialization.jsonObject(with: json) as? [String: Int]
        XCTAssertEqual(decoded, ["create": 1, "update": 2, "delete": 1])
    }

    func testJSONRoundTripAndVersionCheck() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(plan)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["format_version"] as? Int, 2)
        XCTAssertEqual(object["commit"] as? String, "0123456789abcdef0123")
        XCTAssertEqual((object["summary"] as? [String: Int])?["update"], 2)
        XCTAssertEqual(object["fingerprints"] as? [String: String], ["juju:ctl/acme-production": "f1f2f3f4f5f6f7f8"])
        let first = try XCTUnwrap((object["changes"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(first.keys), ["id", "address", "kind", "effect", "tenant", "environment", "target", "reasons", "depends_on", "parameters"])
        XCTAssertEqual(first["address"] as? [String: String], ["system": "juju", "scope": "ctl/acme-production", "resource": "bundle"])
        XCTAssertEqual(try JSONDecoder().decode(Plan.self, from: data), plan)

        let future = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":3")
        XCTAssertThrowsError(try JSONDecoder().decode(Plan.self, from: Data(future.utf8))) { error in
            XCTAssertTrue("\(error)".contains("plan format_version 3 is not supported: this tenantctl reads format_version 2 (it was written by a later tenantctl)"), "\(error)")
        }
        // A plan of the Juju-only format: refused by its version, before any field is read.
        let juju = #"{"format_version":1,"actions":[{"id":"acme/production/juju.add-model/model","kind":"juju.add-model"}],"observed_fingerprint":"ab"}"#
        XCTAssertThrowsError(try JSONDecoder().decode(Plan.self, from: Data(juju.utf8))) { error in
            XCTAssertTrue("\(error)".contains("plan format_version 1 is not supported: this tenantctl reads format_version 2 (it was written by an earlier tenantctl, whose plans were Juju-only; plan again with this one)"), "\(error)")
        }
    }

    func testObservedStateRoundTrips() throws {
        let observed = F.observed(["ctl/a": .absent, "ctl/b": .failed("timeout"),
                                   "ctl/c": .present(ObservedModel(name: "c", kind: .iaas, applications: ["x": ObservedApplication(charm: "x", units: [F.unit("x/0")])]))])
        let data = try JSONEncoder().encode(observed)
        XCTAssertEqual(try JSONDecoder().decode(ObservedState.self, from: data), observed)
    }
}
