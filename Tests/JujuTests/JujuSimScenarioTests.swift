import Foundation
import Juju
import XCTest

/// A tenant's life against juju-sim, as tenantctl and an operator would drive it.
final class JujuSimScenarioTests: XCTestCase {
    func testAgentsConvergeOverSimulatedTime() throws {
        let sim = try JujuSim(settle: 2)
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("add-model", "shop")
        try sim.ok("deploy", "-m", "lxd:shop", try sim.write("iaas.yaml", SimBundles.iaas))
        let early = try sim.status("lxd:shop")
        let unit = try XCTUnwrap(early.applications["magento"]?.units["magento/0"])
        XCTAssertEqual(unit.jujuStatus?.current, "allocating")
        XCTAssertEqual(unit.workloadStatus, StatusInfo(current: "waiting", message: "waiting for machine", since: unit.workloadStatus?.since))
        XCTAssertEqual(early.machines["1"]?.jujuStatus?.current, "pending")
        XCTAssertEqual(early.machines["1"]?.instanceID, "pending")
        XCTAssertNil(unit.publicAddress)

        let installing = try sim.waitForStatus("lxd:shop") { $0.applications["magento"]?.units["magento/0"]?.jujuStatus?.current != "allocating" }
        XCTAssertEqual(installing.applications["magento"]?.units["magento/0"]?.jujuStatus?.current, "executing")
        XCTAssertEqual(installing.applications["magento"]?.units["magento/0"]?.workloadStatus?.current, "maintenance")
        XCTAssertEqual(installing.machines["1"]?.jujuStatus?.current, "started")
        XCTAssertEqual(installing.machines["1"]?.isStarted, true)

        let settled = try sim.waitForStatus("lxd:shop") { status in
            status.applications.keys.allSatisfy { status.units(of: $0).values.allSatisfy(\.health.isHealthy) }
        }
        for name in settled.applications.keys {
            XCTAssertFalse(settled.units(of: name).isEmpty, name)
            for (unitName, unit) in settled.units(of: name) {
                XCTAssertEqual(unit.jujuStatus?.current, "idle", unitName)
                XCTAssertEqual(unit.jujuStatus?.version, "3.6.4", unitName)
                XCTAssertEqual(unit.workloadStatus?.current, "active", unitName)
            }
        }
        XCTAssertEqual(settled.applications["magento"]?.applicationStatus?.current, "active")
        XCTAssertNotNil(settled.applications["magento"]?.units["magento/0"]?.publicAddress)
    }

    func testOperatorChangesAndRedeployAreSeen() throws {
        let sim = try JujuSim(settle: 2)
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("add-model", "shop")
        let bundle = try sim.write("iaas.yaml", SimBundles.iaas)
        try sim.ok("deploy", "-m", "lxd:shop", bundle)

        // Deploying the same bundle again changes nothing: no duplicate machine or unit.
        let again = try sim.ok("deploy", "-m", "lxd:shop", bundle)
        XCTAssertTrue(again.stderr.contains("No changes to apply."), again.stderr)
        var status = try sim.status("lxd:shop")
        XCTAssertEqual(status.allMachines.count, 4)
        XCTAssertEqual(status.unitCount(of: "magento"), 2)

        // Someone removes a unit by hand: its machine and its subordinate go with it.
        let removed = try sim.ok("remove-unit", "-m", "lxd:shop", "magento/1", "--no-prompt")
        XCTAssertEqual(removed.stdout, "will remove unit magento/1\n")
        status = try sim.status("lxd:shop")
        XCTAssertEqual(Array(status.applications["magento"]!.units.keys), ["magento/0"])
        XCTAssertNil(status.machines["2"])
        XCTAssertEqual(Array(status.units(of: "nrpe").keys), ["nrpe/0"])

        // The bundle heals it with a new unit on a new machine; unit numbers are never reused.
        try sim.ok("deploy", "-m", "lxd:shop", bundle)
        status = try sim.status("lxd:shop")
        XCTAssertEqual(Set(status.applications["magento"]!.units.keys), ["magento/0", "magento/2"])
        XCTAssertEqual(status.applications["magento"]?.units["magento/2"]?.machine, "3")
        XCTAssertEqual(status.units(of: "nrpe").count, 2)

        // add-unit with -n and --to, add-machine with constraints and base.
        try sim.ok("add-machine", "-m", "lxd:shop", "-n", "2", "--constraints", "cores=4 mem=8G", "--base", "ubuntu@24.04")
        try sim.ok("add-unit", "-m", "lxd:shop", "magento", "--to", "4")
        try sim.ok("add-unit", "-m", "lxd:shop", "magento", "-n", "2")
        status = try sim.status("lxd:shop")
        XCTAssertEqual(status.machines["4"]?.base?.channel, "24.04")
        XCTAssertEqual(status.machines["4"]?.constraints, "arch=amd64 cores=4 mem=8192M")
        XCTAssertEqual(status.unitCount(of: "magento"), 5)
        XCTAssertEqual(status.applications["magento"]?.units["magento/3"]?.machine, "4")
        XCTAssertEqual(status.units(of: "nrpe").count, 5)
        XCTAssertNotNil(status.machines["5"], "an empty machine stays")

        // Refresh a settled unit: it runs the upgrade-charm hook, then settles again.
        _ = try sim.waitForStatus("lxd:shop") { $0.applications["magento"]?.units["magento/0"]?.health == .healthy }
        try sim.ok("refresh", "-m", "lxd:shop", "magento", "--channel", "2.5/stable", "--revision", "61")
        status = try sim.status("lxd:shop")
        XCTAssertEqual(status.applications["magento"]?.units["magento/0"]?.jujuStatus?.message, "running upgrade-charm hook")
        XCTAssertEqual(status.applications["magento"]?.charmChannel, "2.5/stable")
        XCTAssertEqual(status.applications["magento"]?.charmRevision, 61)
        let upToDate = try sim.ok("refresh", "-m", "lxd:shop", "magento", "--channel", "2.5/stable", "--revision", "61")
        XCTAssertEqual(upToDate.stderr, "charm \"bibind-magento\", revision 61: already up-to-date\n")
        _ = try sim.waitForStatus("lxd:shop") { $0.applications["magento"]?.units["magento/0"]?.health == .healthy }

        // Config: set by key=value (a config-changed hook runs) and --file, read back typed, reset.
        try sim.ok("config", "-m", "lxd:shop", "magento", "locale=de_DE", "workers=8")
        XCTAssertEqual(try sim.status("lxd:shop").applications["magento"]?.units["magento/0"]?.jujuStatus?.message,
                       "running config-changed hook")
        let file = try sim.write("magento-config.yaml", "magento:\n  admin-password: s3cret\n  max-upload: 64\n")
        try sim.ok("config", "-m", "lxd:shop", "magento", "--file", file)
        try sim.ok("config", "-m", "lxd:shop", "magento", "--reset", "debug")
        let config = try ApplicationConfig.decode(json: Data(try sim.ok("config", "-m", "lxd:shop", "magento", "--format=json").stdout.utf8))
        XCTAssertEqual(config.userOptions, ["locale": .string("de_DE"), "workers": .int(8), "admin-password": .string("s3cret"),
                                            "max-upload": .int(64)])
        XCTAssertEqual(try sim.ok("config", "-m", "lxd:shop", "magento", "locale").stdout, "de_DE\n")

        // Relations, application and machine removal.
        try sim.ok("remove-relation", "-m", "lxd:shop", "magento", "nrpe")
        XCTAssertTrue(try sim.status("lxd:shop").units(of: "nrpe").isEmpty)
        try sim.ok("integrate", "-m", "lxd:shop", "nrpe", "haproxy")
        XCTAssertEqual(try sim.status("lxd:shop").applications["nrpe"]?.subordinateTo, ["haproxy"])
        let removal = try sim.ok("remove-application", "-m", "lxd:shop", "redis", "--no-prompt")
        XCTAssertEqual(removal.stdout, "will remove application redis\n- will remove unit redis/0\n- will remove machine 0/lxd/0\n")
        try sim.ok("remove-machine", "-m", "lxd:shop", "5")
        status = try sim.status("lxd:shop")
        XCTAssertNil(status.applications["redis"])
        XCTAssertNil(status.machines["5"])
        XCTAssertTrue(status.machines["0"]?.containers.isEmpty ?? false)
        XCTAssertNil(status.applications["magento"]?.relations["redis"])

        // export-bundle reflects all of it, and deploying it back changes nothing.
        let exported = try sim.ok("export-bundle", "-m", "lxd:shop").stdout
        let bundleBack = try ExportedBundle.parse(yaml: exported)
        XCTAssertEqual(bundleBack.applications["magento"]?.revision, 61)
        XCTAssertEqual(bundleBack.applications["magento"]?.units, 5)
        XCTAssertEqual(bundleBack.applications["magento"]?.options["admin-password"], .string("s3cret"))
        let redeploy = try sim.ok("deploy", "-m", "lxd:shop", try sim.write("exported.yaml", exported))
        XCTAssertTrue(redeploy.stderr.contains("No changes to apply."), redeploy.stderr)

        try sim.ok("destroy-model", "lxd:shop", "--no-prompt", "--destroy-storage")
        let gone = try sim.run(["status", "-m", "lxd:shop", "--format=json"])
        XCTAssertEqual(gone.exitCode, 1)
        XCTAssertEqual(gone.stderr, "ERROR model lxd:admin/shop not found\n")
        XCTAssertEqual(JujuCLIError(exitCode: gone.exitCode, stderr: gone.stderr), .modelNotFound)
    }

    func testKubernetesScaling() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "microk8s", "k8s")
        try sim.ok("add-model", "shop")
        try sim.ok("deploy", "-m", "k8s:shop", "--trust", try sim.write("k8s.yaml", SimBundles.kubernetes))
        try sim.ok("scale-application", "-m", "k8s:shop", "magento", "4")
        XCTAssertEqual(try sim.status("k8s:shop").applications["magento"]?.scale, 4)
        try sim.ok("scale-application", "-m", "k8s:shop", "magento", "1")
        try sim.ok("add-unit", "-m", "k8s:shop", "magento", "-n", "2")
        let status = try sim.status("k8s:shop")
        XCTAssertEqual(Set(status.applications["magento"]!.units.keys), ["magento/0", "magento/1", "magento/2"],
                       "pod ordinals are reused after a scale down")
        try sim.ok("remove-unit", "-m", "k8s:shop", "magento", "--num-units", "2")
        XCTAssertEqual(try sim.status("k8s:shop").applications["magento"]?.scale, 1)

        let named = try sim.run(["remove-unit", "-m", "k8s:shop", "magento/0"])
        XCTAssertEqual(named.exitCode, 1)
        XCTAssertTrue(named.stderr.hasPrefix("ERROR k8s models do not support removing named units."))
        let machine = try sim.run(["add-machine", "-m", "k8s:shop"])
        XCTAssertEqual(machine.stderr, "ERROR Juju command \"add-machine\" not supported on k8s models\n")
        // A single charm deploy with --config, on Kubernetes.
        try sim.ok("deploy", "-m", "k8s:shop", "redis-k8s", "redis", "--channel", "latest/edge", "-n", "3", "--config", "mode=cluster")
        let redis = try XCTUnwrap(try sim.status("k8s:shop").applications["redis"])
        XCTAssertEqual(redis.charm, "redis-k8s")
        XCTAssertEqual(redis.charmChannel, "latest/edge")
        XCTAssertEqual(redis.scale, 3)
    }

    func testJujuErrorsAndExitCodes() throws {
        let sim = try JujuSim()
        let noController = try sim.run(["status", "--format=json"])
        XCTAssertEqual(noController.exitCode, 1)
        XCTAssertTrue(noController.stderr.hasPrefix("ERROR No controllers registered."))
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("add-model", "shop")
        try sim.ok("deploy", "-m", "lxd:shop", "ubuntu", "-n", "2")

        func expect(_ arguments: [String], _ code: Int32, _ stderr: String, line: UInt = #line) throws {
            let result = try sim.run(arguments)
            XCTAssertEqual(result.exitCode, code, line: line)
            XCTAssertEqual(result.stderr, stderr, line: line)
        }
        try expect(["frobnicate"], 2, "ERROR unrecognized command: juju frobnicate\n")
        try expect(["status", "--frob"], 2, "ERROR option provided but not defined: --frob\n")
        try expect(["status", "-m", "nope:shop"], 1, "ERROR controller nope not found\n")
        try expect(["add-model", "shop"], 1, "ERROR failed to create new model: model \"shop\" for admin already exists\n")
        try expect(["bootstrap", "localhost", "lxd"], 1, "ERROR controller \"lxd\" already exists\n")
        try expect(["deploy", "-m", "lxd:shop", "ubuntu"], 1, "ERROR cannot add application \"ubuntu\": application already exists\n")
        try expect(["deploy", "-m", "lxd:shop", "mysql", "--revision", "3"], 1,
                   "ERROR specifying a revision requires a channel for future upgrades. Please use --channel\n")
        try expect(["config", "-m", "lxd:shop", "nope", "--format=json"], 1, "ERROR application \"nope\" not found\n")
        try expect(["refresh", "-m", "lxd:shop", "nope"], 1, "ERROR application \"nope\" not found\n")
        try expect(["remove-unit", "-m", "lxd:shop", "ubuntu/7"], 1, "ERROR removing unit ubuntu/7 failed: unit \"ubuntu/7\" not found\n")
        try expect(["remove-machine", "-m", "lxd:shop", "0"], 1,
                   "ERROR removing machine 0 failed: machine 0 has unit \"ubuntu/0\" assigned\n")
        try expect(["scale-application", "-m", "lxd:shop", "ubuntu", "3"], 1,
                   "ERROR Juju command \"scale-application\" only supported on k8s container models\n")
        try expect(["integrate", "-m", "lxd:shop", "ubuntu"], 2, "ERROR an integration must involve two applications\n")
        try sim.ok("deploy", "-m", "lxd:shop", "nrpe")
        try sim.ok("integrate", "-m", "lxd:shop", "ubuntu", "nrpe")
        try expect(["integrate", "-m", "lxd:shop", "nrpe", "ubuntu"], 1,
                   "ERROR cannot add relation \"nrpe:juju-info ubuntu:juju-info\": relation nrpe:juju-info ubuntu:juju-info already exists\n")
        let exists = try sim.run(["integrate", "-m", "lxd:shop", "nrpe", "ubuntu"])
        XCTAssertEqual(JujuCLIError(exitCode: exists.exitCode, stderr: exists.stderr), .alreadyExists)
        XCTAssertEqual(try sim.run(["--help"]).exitCode, 0)
        XCTAssertTrue(try sim.run(["--help"]).stdout.contains("test double"))
    }
}
