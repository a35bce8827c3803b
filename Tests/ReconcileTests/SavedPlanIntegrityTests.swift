import Foundation
import GitTestSupport
import XCTest

/// `apply plan.json` applies only what planning the same commit against the current world gives:
/// an edited file cannot smuggle in a change the manifests or the policies do not allow.
final class SavedPlanIntegrityTests: ReconcileCase {
    func editPlan(_ path: String, _ edit: (inout [[String: Any]]) throws -> Void) throws {
        var plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var actions = try XCTUnwrap(plan["changes"] as? [[String: Any]])
        try edit(&actions)
        plan["changes"] = actions
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: path))
    }

    func testADestroyModelAddedToASavedPlanIsRefused() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        let planFile = fixture.path("plan.json")
        XCTAssertEqual(try tenantctl("plan", "--out", planFile).status, 0)
        try editPlan(planFile) { actions in
            actions.append([
                "id": "juju.destroy-model juju:k8s/acme-production/model", "kind": "juju.destroy-model", "effect": "delete",
                "address": ["system": "juju", "scope": "k8s/acme-production", "resource": "model"], "tenant": "acme",
                "environment": "acme/production", "target": "model",
                "reasons": [], "depends_on": [], "parameters": [:] as [String: Any],
            ])
        }
        let refused = try tenantctl("apply", planFile, "--max-model-removals", "5")
        XCTAssertEqual(refused.status, 1, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("it holds juju.destroy-model juju:k8s/acme-production/model, which planning does not give"), refused.stderr)
        XCTAssertEqual(try census(), Self.converged, "the model is still there")
    }

    func testAnEditedParameterIsRefusedAndNothingIsApplied() throws {
        let planFile = fixture.path("plan.json")
        XCTAssertEqual(try tenantctl("plan", "--out", planFile).status, 2)
        try editPlan(planFile) { actions in
            let index = try XCTUnwrap(actions.firstIndex { $0["kind"] as? String == "juju.add-machine" })
            actions[index]["parameters"] = ["count": 20, "constraints": "cores=4 mem=8G"]
        }
        let refused = try tenantctl("apply", planFile)
        XCTAssertEqual(refused.status, 1, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("juju.add-machine juju:cloud/corp-production/machines/group-0 differs: parameters"), refused.stderr)
        XCTAssertEqual(try sim.run("models", "-c", "cloud", "--format=json").contains("corp-production"), false, "nothing applied")

        // Removing an action is refused too: a plan is applied whole or not at all.
        XCTAssertEqual(try tenantctl("plan", "--out", planFile).status, 2)
        try editPlan(planFile) { actions in actions.removeAll { $0["kind"] as? String == "juju.wait" } }
        let partial = try tenantctl("apply", planFile)
        XCTAssertEqual(partial.status, 1)
        XCTAssertTrue(partial.stderr.contains("it lacks ") && partial.stderr.contains("/health, which planning gives"), partial.stderr)
    }

    func testAPlanMadeWithOtherOptionsIsRefusedAndTheSameOptionsApplyIt() throws {
        let planFile = fixture.path("plan.json")
        XCTAssertEqual(try tenantctl("plan", "--out", planFile, "--tenant", "acme").status, 2)
        let other = try tenantctl("apply", planFile)
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.stderr.contains("made with other options (--tenant, --max-model-removals, --max-removals)"), other.stderr)
        let same = try tenantctl("apply", planFile, "--tenant", "acme", "--settle", "0.2")
        XCTAssertEqual(same.status, 0, "\(same)")
        XCTAssertEqual(try sim.census("k8s:acme-production").units, ["db": 1, "shop": 2])
    }
}
