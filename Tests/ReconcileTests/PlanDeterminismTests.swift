import Foundation
import GitTestSupport
import XCTest

/// The same snapshot and commit give the same plan, byte for byte, in every process.
///
/// Swift seeds its hash function per process (unless SWIFT_DETERMINISTIC_HASHING is set), so a
/// planner that walks a dictionary in its own order plans differently from one run to the next:
/// repeating `plan()` inside one test process would never show it, separate processes do.
final class PlanDeterminismTests: ReconcileCase {
    /// Applications with several options each: config, removals and health gates all have
    /// something to order.
    static let wideBundle = """
    bundle: kubernetes
    applications:
      shop: {charm: bibind-magento-k8s, channel: 2.4/stable, scale: 1, options: {admin-password: "vault:tenants/shop#password", site-name: shop, theme: luma, locale: fr_FR, currency: EUR, timezone: Europe/Paris}}
      db: {charm: mysql-k8s, channel: 8.0/stable, scale: 1, options: {profile: production, max-connections: "200", binlog: "on", charset: utf8mb4}}
      cache: {charm: redis-k8s, channel: 7/stable, scale: 1, options: {maxmemory: 256mb, policy: allkeys-lru, persistence: "off"}}
    relations:
      - [shop:database, db:database]
      - [shop:cache, cache:redis]

    """

    func testPlansFromOneSnapshotAreIdenticalAcrossProcesses() throws {
        try repository.write("bundles/shop.yaml", Self.wideBundle)
        _ = try repository.commit("A wider bundle")
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--quiet").status, 0)

        // Drift in every model: every option changed by hand, applications nobody asked for.
        for tenant in ["acme", "bravo"] {
            let model = "k8s:\(tenant)-production"
            try sim.run("config", "-m", model, "shop", "site-name=x", "theme=x", "locale=x", "currency=x", "timezone=x")
            try sim.run("config", "-m", model, "db", "profile=x", "max-connections=1", "binlog=off", "charset=x")
            try sim.run("config", "-m", model, "cache", "maxmemory=1", "policy=x", "persistence=on")
            for extra in ["zeta", "kappa", "omega", "alpha"] { try sim.run("deploy", "-m", model, "\(extra)-k8s", extra) }
        }
        let snapshot = fixture.path("snapshot.json")
        let observe = try tenantctl("observe", "--out", snapshot)
        XCTAssertEqual(observe.status, 0, "\(observe)")

        var plans: [String] = []
        for _ in 0..<4 {
            var seeded = environment
            seeded["SWIFT_DETERMINISTIC_HASHING"] = nil
            let result = try ChildProcess.run(try ProductBinary.locate("tenantctl"),
                                              ["plan", "--observed", snapshot, "--output", "json", "--repo", repository.path],
                                              environment: seeded, timeout: 120)
            XCTAssertEqual(result.status, 2, "changes planned: \(result)")
            plans.append(result.stdout)
        }
        XCTAssertTrue(plans[0].contains("\"juju.config\""), plans[0])
        XCTAssertTrue(plans[0].contains("\"juju.remove-application\""), plans[0])
        for (index, plan) in plans.enumerated().dropFirst() {
            XCTAssertEqual(plan, plans[0], "the plan of process \(index + 1) differs from the first")
        }
    }
}
