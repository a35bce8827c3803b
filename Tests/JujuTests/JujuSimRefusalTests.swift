import Foundation
import Juju
import XCTest

/// juju-sim refuses what a real Juju 3.6 refuses, in Juju's words and exit status: a stand-in that
/// accepts more than Juju would let tenantctl ship command forms that break on a real controller.
final class JujuSimRefusalTests: XCTestCase {
    static let trusted = """
    bundle: kubernetes
    applications:
      shop: {charm: bibind-magento-k8s, channel: 2.4/stable, scale: 1, trust: true}
      db: {charm: mysql-k8s, channel: 8.0/stable, scale: 1}
      cert: {charm: self-signed-certificates, channel: latest/stable, scale: 1, trust: true}
    """

    static let plain = """
    bundle: kubernetes
    applications:
      db: {charm: mysql-k8s, channel: 8.0/stable, scale: 1}
    """

    func k8sModel(_ extra: [String: String] = [:]) throws -> JujuSim {
        let sim = try JujuSim(extra: extra)
        try sim.ok("bootstrap", "microk8s", "k8s")
        try sim.ok("add-model", "shop")
        return sim
    }

    func testFilesTheConfinedSnapCannotSeeDoNotExist() throws {
        let sim = try k8sModel()
        // Outside $HOME: the snap has a private /tmp.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("juju-sim-outside-\(UUID().uuidString).yaml")
        try Data(Self.plain.utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let refused = try sim.run(["deploy", "-m", "k8s:shop", outside.path])
        XCTAssertEqual(refused.exitCode, 1)
        XCTAssertEqual(refused.stderr, "ERROR no charm or bundle found at \"\(outside.path)\"\n")
        // In a hidden folder of $HOME.
        let hidden = sim.home.appendingPathComponent(".cache/tenantctl")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        let hiddenBundle = hidden.appendingPathComponent("bundle.yaml").path
        try Data(Self.plain.utf8).write(to: URL(fileURLWithPath: hiddenBundle))
        XCTAssertEqual(try sim.run(["deploy", "-m", "k8s:shop", hiddenBundle]).exitCode, 1)
        let config = hidden.appendingPathComponent("config.yaml").path
        try Data("db: {profile: testing}\n".utf8).write(to: URL(fileURLWithPath: config))
        XCTAssertEqual(try sim.status("k8s:shop").applications.count, 0, "nothing was deployed from files the snap cannot see")

        // Under a non-hidden folder of $HOME (where tenantctl puts them): read.
        let visible = sim.home.appendingPathComponent("snap/juju/common/tenantctl")
        try FileManager.default.createDirectory(at: visible, withIntermediateDirectories: true)
        let visibleBundle = visible.appendingPathComponent("bundle.yaml").path
        try Data(Self.plain.utf8).write(to: URL(fileURLWithPath: visibleBundle))
        try sim.ok("deploy", "-m", "k8s:shop", visibleBundle)
        let hiddenConfig = try sim.run(["config", "-m", "k8s:shop", "db", "--file", config])
        XCTAssertEqual(hiddenConfig.exitCode, 1)
        XCTAssertEqual(hiddenConfig.stderr, "ERROR open \(config): no such file or directory\n")

        // JUJU_SIM_SNAP=0 simulates a juju installed otherwise: every file is there.
        let unconfined = try sim.run(["config", "-m", "k8s:shop", "db", "--file", config], extra: ["JUJU_SIM_SNAP": "0"])
        XCTAssertEqual(unconfined.exitCode, 0, unconfined.stderr)
        XCTAssertEqual(try sim.ok("config", "-m", "k8s:shop", "db", "profile").stdout, "testing\n")
    }

    func testATrustedBundleNeedsTrust() throws {
        let sim = try k8sModel()
        let bundle = try sim.write("trusted.yaml", Self.trusted)
        let refused = try sim.run(["deploy", "-m", "k8s:shop", bundle])
        XCTAssertEqual(refused.exitCode, 1)
        XCTAssertEqual(refused.stderr, """
            ERROR Bundle cannot be deployed without trusting applications with your cloud credentials.
            Please repeat the deploy command with the --trust argument if you consent to trust the following application(s):
              - cert
              - shop

            """)
        XCTAssertEqual(try sim.status("k8s:shop").applications.count, 0, "nothing deployed")
        try sim.ok("deploy", "-m", "k8s:shop", "--trust", bundle)
        XCTAssertEqual(Set(try sim.status("k8s:shop").applications.keys), ["cert", "db", "shop"])
        // A bundle without trusted applications needs no consent.
        try sim.ok("add-model", "plain")
        try sim.ok("deploy", "-m", "k8s:plain", try sim.write("plain.yaml", Self.plain))
    }

    func testSwitchWithRevisionIsRefusedAndSwitchAloneReplacesTheCharm() throws {
        let sim = try k8sModel()
        try sim.ok("deploy", "-m", "k8s:shop", try sim.write("plain.yaml", Self.plain))
        let refused = try sim.run(["refresh", "-m", "k8s:shop", "db", "--switch", "percona-k8s", "--channel", "8.0/edge", "--revision", "12"])
        XCTAssertEqual(refused.exitCode, 2, "Juju refuses it in the command's Init: a usage error")
        XCTAssertEqual(refused.stderr, "ERROR --switch and --revision are mutually exclusive\n")
        XCTAssertEqual(try sim.status("k8s:shop").applications["db"]?.charmName, "mysql-k8s")

        try sim.ok("refresh", "-m", "k8s:shop", "db", "--switch", "percona-k8s", "--channel", "8.0/edge")
        try sim.ok("refresh", "-m", "k8s:shop", "db", "--revision", "12", "--channel", "8.0/edge")
        let db = try XCTUnwrap(try sim.status("k8s:shop").applications["db"])
        XCTAssertEqual(db.charmName, "percona-k8s")
        XCTAssertEqual(db.charmRevision, 12)
        XCTAssertEqual(db.charmChannel, "8.0/edge")
    }

    func testABundleRevisionWithoutAChannelIsRefused() throws {
        let sim = try k8sModel()
        let bundle = try sim.write("pinned.yaml", """
            bundle: kubernetes
            applications:
              db: {charm: mysql-k8s, revision: 99, scale: 1}
              cache: {charm: redis-k8s, revision: 7, scale: 1}
            """)
        let refused = try sim.run(["deploy", "-m", "k8s:shop", bundle])
        XCTAssertEqual(refused.exitCode, 1)
        XCTAssertTrue(refused.stderr.hasPrefix("ERROR cannot deploy bundle: application \""), refused.stderr)
        XCTAssertTrue(refused.stderr.hasSuffix("\" with a revision requires a channel for future upgrades, please use channel (and 1 more errors)\n"), refused.stderr)
        XCTAssertEqual(try sim.status("k8s:shop").applications.count, 0)
    }

    func testExportBundleOfAModelWithoutApplicationsFails() throws {
        let sim = try k8sModel()
        let empty = try sim.run(["export-bundle", "-m", "k8s:shop"])
        XCTAssertEqual(empty.exitCode, 1)
        XCTAssertEqual(empty.stderr, "ERROR nothing to export as there are no applications\n")
        XCTAssertEqual(empty.stdout, "")
        try sim.ok("deploy", "-m", "k8s:shop", try sim.write("plain.yaml", Self.plain))
        XCTAssertTrue(try sim.ok("export-bundle", "-m", "k8s:shop").stdout.contains("mysql-k8s"))
    }

    func testDestroyModelKeepsTheModelDyingAndOutlivesAKilledCall() throws {
        let sim = try k8sModel(["JUJU_SIM_DESTROY_SECONDS": "600"])
        let running = try sim.start(["destroy-model", "k8s:shop", "--no-prompt"])
        var life: String?
        for _ in 0..<200 where life != "dying" {
            Thread.sleep(forTimeInterval: 0.05)
            life = try models(sim).first { $0.shortName == "shop" }?.life
        }
        XCTAssertEqual(life, "dying", "listed as dying while destroy-model waits")
        XCTAssertTrue(running.process.isRunning, "destroy-model waits until the model is gone")
        running.process.terminate()
        running.process.waitUntilExit()
        let after = try models(sim).first { $0.shortName == "shop" }
        XCTAssertEqual(after?.life, "dying", "killing the client does not stop the destruction")
        XCTAssertEqual(after?.status?.current, "destroying")

        // A short destruction: the call returns once the model is gone.
        let quick = try k8sModel(["JUJU_SIM_DESTROY_SECONDS": "0.3"])
        let destroyed = try quick.ok("destroy-model", "k8s:shop", "--no-prompt")
        XCTAssertTrue(destroyed.stderr.hasSuffix("Model destroyed.\n"), destroyed.stderr)
        XCTAssertNil(try models(quick).first { $0.shortName == "shop" })
    }

    func testAddModelTakesTheCloudRegionAndCredential() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "openstack/GRA11", "ovh")
        try sim.ok("add-model", "shop", "openstack/SBG5", "-c", "ovh", "--credential", "tenants", "--no-switch")
        let shop = try XCTUnwrap(try models(sim, controller: "ovh").first { $0.shortName == "shop" })
        XCTAssertEqual(shop.cloud, "openstack")
        XCTAssertEqual(shop.region, "SBG5")
        let listing = try sim.ok("models", "-c", "ovh", "--format=json").stdout
        XCTAssertTrue(listing.contains("\"credential\":{\"name\":\"tenants\""), listing)
        XCTAssertFalse(listing.contains("\"current-model\":\"shop\""), "--no-switch leaves the current model alone: \(listing)")
        try sim.ok("add-model", "switched", "-c", "ovh")
        XCTAssertTrue(try sim.ok("models", "-c", "ovh", "--format=json").stdout.contains("\"current-model\":\"switched\""),
                      "without --no-switch the new model becomes the current one")
        let unknown = try sim.run(["add-model", "other", "aws/eu-west-3", "-c", "ovh"])
        XCTAssertEqual(unknown.exitCode, 1)
        XCTAssertTrue(unknown.stderr.hasPrefix("ERROR cloud \"aws\" not found"), unknown.stderr)
    }

    private func models(_ sim: JujuSim, controller: String = "k8s") throws -> [ModelSummary] {
        try ModelList.decode(json: Data(try sim.ok("models", "-c", controller, "--format=json").stdout.utf8)).models
    }
}
