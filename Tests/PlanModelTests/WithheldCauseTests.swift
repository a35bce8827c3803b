import Foundation
import PlanModel
import TenantCore
import XCTest

/// Withheld entries by cause (removals, conflicts, blocked changes): the summaries name each,
/// the plan file keeps them, and a change that only follows withheld ones goes with them.
final class WithheldCauseTests: XCTestCase {
    func change(_ name: String, effect: Effect = .create, kind: String = "test.make", after: [Change] = []) -> Change {
        Change(address: ChangeAddress(system: "test", scope: "acme/production", resource: name), kind: ChangeKind(kind), effect: effect,
               tenant: "acme", environment: "acme/production", target: name, reasons: [], dependsOn: after.map(\.id))
    }

    func withheld(_ name: String, _ cause: WithheldCause) -> WithheldChange {
        WithheldChange(environment: "acme/production", address: ChangeAddress(system: "test", scope: "acme/production", resource: name),
                       kind: ChangeKind("test.make"), target: name, reason: "because", cause: cause)
    }

    func testTheSummaryNamesEachCause() {
        let renderer = PlanTextRenderer(color: false)
        XCTAssertEqual(renderer.summaryLine(Plan(withheld: [withheld("a", .removal)])),
                       "Nothing to apply, but 1 removal(s) withheld (above): the world does not match the manifests.")
        XCTAssertEqual(renderer.summaryLine(Plan(withheld: [withheld("a", .conflict), withheld("b", .conflict)])),
                       "Nothing to apply, but 2 conflict(s) withheld (above): the world does not match the manifests.")
        XCTAssertEqual(renderer.summaryLine(Plan(withheld: [withheld("a", .removal), withheld("b", .conflict), withheld("c", .blocked)])),
                       "Nothing to apply, but 1 removal(s), 1 conflict(s) and 1 blocked change(s) withheld (above): the world does not match the manifests.")
        XCTAssertTrue(PlanMarkdownRenderer.render(Plan(withheld: [withheld("a", .conflict)])).contains("Nothing to apply, but 1 conflict(s) withheld (below)."))
    }

    func testThePlanFileKeepsTheCauseAndReadsOldEntriesAsRemovals() throws {
        let plan = Plan(withheld: [withheld("a", .removal), withheld("b", .conflict)])
        let data = try JSONEncoder().encode(plan)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "\"cause\"").count - 1, 1, "written for a conflict only: \(text)")
        XCTAssertEqual(try JSONDecoder().decode(Plan.self, from: data).withheld.map(\.cause), [.removal, .conflict])
    }

    /// A follower (DNS's zone publication) of removals prune withheld goes too; one that still
    /// follows a planned change stays, waiting for it only.
    func testAFollowerOfWithheldChangesOnlyGoesWithThem() {
        struct Follower: SystemPlanning {
            let changes: [Change]
            var system: String { "test" }
            var followingKinds: Set<ChangeKind> { [ChangeKind("test.publish")] }
            func plan(_ input: SystemPlanInput) -> SystemPlan { SystemPlan(changes: changes) }
        }
        let remove = change("old", effect: .delete, kind: "test.remove")
        let publish = change("publish", effect: .update, kind: "test.publish", after: [remove])
        let desired = DesiredState(environments: [])
        let held = PlanComposer.plan(desired: desired, observed: ObservedWorld(), systems: [Follower(changes: [remove, publish])])
        XCTAssertEqual(held.changes, [], "nothing left to publish")
        XCTAssertEqual(held.withheld.map(\.target), ["old"])

        let write = change("new")
        let both = change("publish", effect: .update, kind: "test.publish", after: [write, remove])
        let kept = PlanComposer.plan(desired: desired, observed: ObservedWorld(), systems: [Follower(changes: [write, remove, both])])
        XCTAssertEqual(kept.changes.map(\.target), ["new", "publish"])
        XCTAssertEqual(kept.changes.last?.dependsOn, [write.id])
    }
}
