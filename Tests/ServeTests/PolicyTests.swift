import Foundation
import GitTestSupport
import XCTest

/// What the daemon may apply: `sync: manual` never, a suspended tenant not until resumed.
final class PolicyTests: ServeCase {
    func testAManualTenantIsPlannedAndNeverApplied() throws {
        try repository.write("tenants/corp.yaml", ServeFleet.tenant("corp", offer: "grand-compte", extra: "  policy: {sync: manual}\n"))
        _ = try repository.commit("corp is applied by hand")
        let server = try serve(["--drift-interval", "2"])
        try eventually("two sweeps", timeout: 300) { server.lines("run").count >= 2 }
        XCTAssertEqual(try models(), ["k8s:acme-production"], "corp is never applied")
        XCTAssertTrue(server.lines("left for a person").contains { $0.contains("environment=corp/production") }, server.log)
        let page = try server.get("/").body
        XCTAssertTrue(page.contains("planned (sync: manual)"), page)
        XCTAssertTrue(page.contains("<article class=\"card\" id=\"env-corp/production\">"), page)
        XCTAssertTrue(page.contains("<dt>sync</dt><dd><span class=\"warn\">manual</span></dd>"), page)
    }

    func testASuspendedTenantWaitsForResume() throws {
        XCTAssertEqual(try tenantctl("suspend", "corp", "--reason", "migration").status, 0)
        let plan = try tenantctl("plan", "--repo", repository.path)
        XCTAssertTrue(plan.stdout.contains("suspended: corp (migration)"), plan.stdout)
        let apply = try tenantctl("apply", "--repo", repository.path, "--auto-approve", "--settle", "0.1")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertTrue(apply.stderr.contains("[corp] suspended — "), apply.stderr)
        XCTAssertEqual(try models(), ["k8s:acme-production"], "apply leaves a suspended tenant alone")

        let server = try serve()
        try eventually("the first run") { !server.lines("run").isEmpty }
        XCTAssertEqual(try models(), ["k8s:acme-production"], "serve leaves it alone too")
        let page = try server.get("/").body
        XCTAssertTrue(page.contains("suspended: "), page)

        XCTAssertEqual(try tenantctl("resume", "corp").status, 0)
        server.signal(SIGHUP)  // a reload looks at every tenant, as a drift sweep would
        try eventually("corp applied after resume", timeout: 300) { try models().contains("cloud:corp-production") }
        XCTAssertTrue(try tenantctl("resume", "corp").stdout.contains("was not suspended"))
    }
}
