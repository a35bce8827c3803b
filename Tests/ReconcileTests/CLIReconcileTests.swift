import Foundation
import GitTestSupport
import XCTest

/// plan, apply, drift, observe and history through the real binary against juju-sim.
final class CLIReconcileTests: ReconcileCase {
    func testPlanApplyConvergeThenDriftAndHeal() throws {
        let plan = try tenantctl("plan")
        XCTAssertEqual(plan.status, 2, "changes planned: \(plan)")
        XCTAssertTrue(plan.stdout.contains("+ juju.add-model model"), plan.stdout)
        XCTAssertTrue(plan.stdout.hasSuffix("Plan: 7 to create, 0 to update, 0 to delete, 1 to check, 3 health gates.\n"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("acme/production  (juju:k8s/acme-production, vault:file/tenants/shop)\n"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("  <= vault.check tenants/shop\n"), plan.stdout)

        let apply = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertTrue(apply.stdout.contains("Apply: 11 change(s) done in 3 environment(s). (run 1)"), apply.stdout)
        XCTAssertTrue(apply.stderr.contains("[corp/production] juju.add-machine group-0 done in"), apply.stderr)
        XCTAssertFalse(apply.stdout.contains("correct horse") || apply.stderr.contains("correct horse"), "no secret in the output")
        XCTAssertEqual(try census(), Self.converged)
        // Read from Juju, not from the planner: the channel, relation and the secret's value.
        for model in ["k8s:acme-production", "k8s:bravo-production", "cloud:corp-production"] {
            let view = try sim.view(model)
            XCTAssertEqual(view.applications["shop"]?.channel, "2.4/stable", "\(model)\n\(view)")
            XCTAssertEqual(view.applications["db"]?.channel, "8.0/stable", "\(model)\n\(view)")
            XCTAssertEqual(view.applications["shop"]?.relatedTo, ["db"], "\(model)\n\(view)")
            XCTAssertEqual(view.applications["shop"]?.exposed, false, "\(model)")
        }
        XCTAssertEqual(try sim.configSettings("k8s:acme-production", "shop")["admin-password"], "correct horse battery staple",
                       "the secret reached Juju, resolved")

        let replan = try tenantctl("plan")
        XCTAssertEqual(replan.status, 0, "\(replan)")
        XCTAssertEqual(replan.stdout, "No changes. The world matches the manifests.\n")

        // Someone removes a unit by hand.
        try sim.run("remove-unit", "-m", "cloud:corp-production", "shop/1")
        let drift = try tenantctl("drift")
        XCTAssertEqual(drift.status, 2, "\(drift)")
        XCTAssertTrue(drift.stdout.contains("corp/production  (model cloud:corp-production)\n  ~ application shop units: desired 2, observed 1\n      likely cause: units are missing: a unit was removed out of band (juju remove-unit)"), drift.stdout)
        let json = try tenantctl("drift", "--output", "json")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((report["items"] as? [[String: Any]])?.first?["field"] as? String, "units")
        XCTAssertEqual((report["items"] as? [[String: Any]])?.first?["address"] as? String, "juju:cloud/corp-production/application/shop")
        XCTAssertEqual((report["items"] as? [[String: Any]])?.first?["controller"] as? String, "cloud")
        XCTAssertEqual(report["format_version"] as? Int, 2)

        let heal = try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--quiet")
        XCTAssertEqual(heal.status, 0, "\(heal)")
        XCTAssertEqual(heal.stderr, "", "--quiet prints no progress")
        XCTAssertEqual(try tenantctl("drift").status, 0)
        XCTAssertEqual(try census()["cloud:corp-production"], "db=1,shop=2 machines=5")

        let history = try tenantctlWithoutRepo("history")
        XCTAssertEqual(history.status, 0)
        XCTAssertEqual(history.stdout.split(separator: "\n").count, 2, history.stdout)
        XCTAssertTrue(history.stdout.hasPrefix("run 2  apply  succeeded"), history.stdout)
        let detail = try tenantctlWithoutRepo("history", "--run", "2")
        XCTAssertTrue(detail.stdout.contains("succeeded   juju.scale juju:cloud/corp-production/application/shop (attempt 1"), detail.stdout)
    }

    func testASavedPlanIsRefusedOnceTheWorldOrTheCommitMoved() throws {
        let planFile = fixture.path("plan.json")
        XCTAssertEqual(try tenantctl("plan", "--out", planFile, "--output", "json").status, 2)
        // The world moves: someone creates one of the models by hand.
        try sim.run("add-model", "acme-production", "-c", "k8s")
        let stale = try tenantctl("apply", planFile)
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.hasPrefix("error: refusing the stale plan \(planFile): the world changed since it was made, in 1 scope(s) it acts on: juju:k8s/acme-production; plan again"), stale.stderr)
        // Nothing was applied, in any of the three models.
        XCTAssertEqual(try sim.view("k8s:acme-production"), SimModelView(applications: [:], machines: []))
        XCTAssertEqual(try modelNames("k8s"), ["acme-production"], "bravo's model was not created")
        XCTAssertEqual(try modelNames("cloud"), [], "corp's model was not created")

        XCTAssertEqual(try tenantctl("plan", "--out", planFile).status, 2)
        try repository.write("tenants/delta.yaml", ReconcileRepository.tenant("delta", offer: "pme"))
        _ = try repository.commit("Add delta")
        let moved = try tenantctl("apply", planFile)
        XCTAssertEqual(moved.status, 1)
        XCTAssertTrue(moved.stderr.contains("it was made at commit"), moved.stderr)

        try repository.remove("tenants/delta.yaml")
        _ = try repository.commit("Remove delta")
        XCTAssertEqual(try tenantctl("plan", "--out", planFile).status, 2)
        let fresh = try tenantctl("apply", planFile, "--settle", "0.2")
        XCTAssertEqual(fresh.status, 0, "\(fresh)")
        XCTAssertEqual(try census(), Self.converged)
    }

    /// One fingerprint per scope: a model created by hand elsewhere does not make a plan about
    /// acme's model stale; a change in acme's model does.
    func testASavedPlanIsStaleOnlyWhenAScopeItActsOnMoved() throws {
        let planFile = fixture.path("acme.json")
        XCTAssertEqual(try tenantctl("plan", "--tenant", "acme", "--out", planFile).status, 2)
        try sim.run("add-model", "someone-elses", "-c", "k8s")
        try sim.run("add-model", "side-project", "-c", "cloud")
        let applied = try tenantctl("apply", planFile, "--tenant", "acme", "--settle", "0.2")
        XCTAssertEqual(applied.status, 0, "models added on both controllers are not what acme's plan acts on: \(applied)")
        XCTAssertEqual(try sim.census("k8s:acme-production").units, ["db": 1, "shop": 2])

        XCTAssertEqual(try tenantctl("plan", "--tenant", "bravo", "--out", planFile).status, 2)
        try sim.run("add-model", "bravo-production", "-c", "k8s")
        let stale = try tenantctl("apply", planFile, "--tenant", "bravo")
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.contains("in 1 scope(s) it acts on: juju:k8s/bravo-production"), stale.stderr)
    }

    func testApplyWithoutATerminalOrApprovalIsRefused() throws {
        let result = try tenantctl("apply")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("error: no terminal to confirm on: use --auto-approve, or apply a saved plan"), result.stderr)
        XCTAssertEqual(try sim.run("models", "-c", "k8s", "--format=json").contains("acme-production"), false)
    }

    func testOfflinePlanFromASnapshotAndTamperRefusal() throws {
        let snapshot = fixture.path("snapshot.json")
        let observe = try tenantctl("observe", "--out", snapshot)
        XCTAssertEqual(observe.status, 0, "\(observe)")
        XCTAssertEqual(observe.stdout, "observed 3 model(s) on 2 controller(s); wrote \(snapshot)\n")
        // Offline: Juju unreachable (a binary that does not exist).
        let offline = try tenantctl("plan", "--observed", snapshot, "--output", "json", extra: ["TENANTCTL_JUJU_BIN": "/nonexistent/juju"])
        XCTAssertEqual(offline.status, 2, "\(offline)")
        let live = try tenantctl("plan", "--output", "json")
        let offlinePlan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(offline.stdout.utf8)) as? [String: Any])
        let livePlan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(live.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(offlinePlan["fingerprints"] as? [String: String], livePlan["fingerprints"] as? [String: String])
        XCTAssertEqual((offlinePlan["fingerprints"] as? [String: String])?.keys.sorted(),
                       ["juju:cloud", "juju:cloud/corp-production", "juju:k8s", "juju:k8s/acme-production", "juju:k8s/bravo-production",
                        "vault:file/tenants/shop"])
        XCTAssertEqual((offlinePlan["changes"] as? [Any])?.count, 11)

        let recorded = try String(contentsOfFile: snapshot, encoding: .utf8)
        let text = recorded.replacingOccurrences(of: "\"state\" : \"absent\"", with: "\"state\" : \"failed\", \"error\" : \"x\"")
        XCTAssertNotEqual(text, recorded)
        try text.write(toFile: snapshot, atomically: true, encoding: .utf8)
        let tampered = try tenantctl("plan", "--observed", snapshot)
        XCTAssertEqual(tampered.status, 1)
        XCTAssertEqual(tampered.stderr, "error: the snapshot \(snapshot) cannot be used: it does not match its check digest: it was modified after it was recorded; observe again\n")

        // A snapshot of the previous format (no check line, fingerprints only) is refused by its version.
        let lines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[1].hasPrefix("  \"check\" : \"sha256:"), String(lines[1]))
        let older = (lines[0..<1] + lines[2...]).joined(separator: "\n")
            .replacingOccurrences(of: "\"format_version\" : 3", with: "\"format_version\" : 2")
        try older.write(toFile: snapshot, atomically: true, encoding: .utf8)
        let refused = try tenantctl("plan", "--observed", snapshot)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "error: the snapshot \(snapshot) cannot be used: it has format_version 2; this tenantctl reads 3 (observe again)\n")
    }

    func testPlanFormatsForMergeRequests() throws {
        let markdown = try tenantctl("plan", "--output", "markdown")
        XCTAssertEqual(markdown.status, 2)
        XCTAssertTrue(markdown.stdout.hasPrefix("<!-- tenantctl-plan -->\n### tenantctl plan\n"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("<details><summary><code>corp/production</code>: +3 ~0 -0</summary>"), markdown.stdout)
        let gitlab = try tenantctl("plan", "--output", "gitlab")
        XCTAssertEqual(gitlab.stdout, "{\n  \"create\" : 7,\n  \"delete\" : 0,\n  \"update\" : 0\n}\n")
    }

    func testATenantDeletedFromGitLosesItsModelOnlyWithinTheLimit() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--quiet").status, 0)
        try sim.run("add-model", "hand-made", "-c", "k8s")
        try repository.remove("tenants/bravo.yaml")
        _ = try repository.commit("bravo leaves")

        let withheld = try tenantctl("plan")
        XCTAssertEqual(withheld.status, 2, "nothing is planned by default, but a withheld removal is a difference: \(withheld)")
        XCTAssertTrue(withheld.stdout.hasSuffix("Nothing to apply, but 1 removal(s) withheld (above): the world does not match the manifests.\n"), withheld.stdout)
        XCTAssertTrue(withheld.stdout.contains("! bravo/production: juju.destroy-model model withheld: 1 models would be destroyed, more than --max-model-removals 0"), withheld.stdout)

        let destroy = try tenantctl("apply", "--auto-approve", "--max-deletions", "1", "--quiet")
        XCTAssertEqual(destroy.status, 0, "\(destroy)")
        let models = try sim.run("models", "-c", "k8s", "--format=json")
        XCTAssertFalse(models.contains("bravo-production"), models)
        XCTAssertTrue(models.contains("acme-production"))
        XCTAssertTrue(models.contains("hand-made"), "a model tenantctl did not create is never touched")
    }

    func testAnUnknownJujuBinaryIsOneClearError() throws {
        let result = try tenantctl("plan", extra: ["TENANTCTL_JUJU_BIN": "/nonexistent/juju"])
        XCTAssertEqual(result.status, 1, "an unreachable Juju is an error, and never leads to deletions: \(result)")
        XCTAssertTrue(result.stdout.hasPrefix("! 3 environments not planned (acme/production, bravo/production, corp/production): cannot list Juju controllers: cannot find the program '/nonexistent/juju'"), result.stdout)
        XCTAssertEqual(result.stdout.components(separatedBy: "cannot find the program").count, 2, "said once: \(result.stdout)")
        XCTAssertTrue(result.stdout.hasSuffix("Nothing planned: 3 environment(s) could not be observed (above).\n"), "never 'No changes' after a failed observation: \(result.stdout)")
    }

    /// The models of a juju-sim controller, by short name.
    private func modelNames(_ controller: String) throws -> [String] {
        let text = try sim.run("models", "-c", controller, "--format=json")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let models = document["models"] as? [[String: Any]] ?? []
        return models.compactMap { $0["short-name"] as? String ?? ($0["name"] as? String)?.split(separator: "/").last.map(String.init) }
            .filter { $0 != "controller" }.sorted()
    }
}
