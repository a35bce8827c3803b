import Foundation
import Juju
import XCTest

/// juju-sim's output reads with the decoder tenantctl uses on real Juju, in the 3.6 shapes.
final class JujuSimStatusShapeTests: XCTestCase {
    func testStatusOfBothModelTypesDecodesInThe36Shape() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("bootstrap", "microk8s", "k8s")
        try sim.ok("add-model", "shop", "-c", "lxd")
        try sim.ok("add-model", "shop", "-c", "k8s")
        try sim.ok("deploy", "-m", "lxd:shop", try sim.write("iaas.yaml", SimBundles.iaas))
        try sim.ok("deploy", "-m", "k8s:shop", "--trust", try sim.write("k8s.yaml", SimBundles.kubernetes))

        let iaas = try sim.status("lxd:shop")
        XCTAssertEqual(iaas.model, ModelInfo(name: "shop", type: .iaas, controller: "lxd", cloud: "localhost", region: "localhost",
                                             version: "3.6.4", modelStatus: iaas.model.modelStatus, sla: "unsupported"))
        XCTAssertEqual(iaas.model.modelStatus?.current, "available")
        XCTAssertEqual(Set(iaas.machines.keys), ["0", "1", "2"])
        XCTAssertEqual(Array(iaas.machines["0"]!.containers.keys), ["0/lxd/0"])
        XCTAssertEqual(iaas.machines["1"]?.constraints, "arch=amd64 cores=4 mem=8192M root-disk=51200M")
        XCTAssertEqual(iaas.machines["1"]?.base, JujuBase(name: "ubuntu", channel: "22.04"))
        XCTAssertEqual(iaas.applications["redis"]?.units["redis/0"]?.machine, "0/lxd/0")
        let magento = try XCTUnwrap(iaas.applications["magento"])
        XCTAssertEqual(magento.charmRevision, 57)
        XCTAssertEqual(magento.charmChannel, "2.4/stable")
        XCTAssertEqual(magento.charmOrigin, "charmhub")
        XCTAssertNil(magento.scale, "IaaS applications have no scale")
        XCTAssertEqual(magento.units["magento/0"]?.machine, "1")
        XCTAssertEqual(magento.units["magento/0"]?.leader, true)
        XCTAssertEqual(magento.units["magento/1"]?.leader, false)
        XCTAssertEqual(magento.relations["haproxy-route"],
                       [JujuStatus.RelationTarget(relatedApplication: "haproxy", interface: "haproxy-route", scope: "global")])
        XCTAssertTrue(magento.relations.values.joined().allSatisfy(\.isObjectShape), "3.x relation objects")
        XCTAssertEqual(iaas.applications["haproxy"]?.exposed, true)
        XCTAssertNil(iaas.applications["haproxy"]?.relations["certificates"]?.first?.scope, "no scope towards SAAS")
        XCTAssertEqual(iaas.applicationEndpoints["certificates"]?.url, "pki:admin/pki.self-signed-certificates")
        XCTAssertEqual(iaas.applicationEndpoints["certificates"]?.relations["certificates"]?.map(\.relatedApplication), ["haproxy"])
        // The subordinate: no units of its own, one unit under each principal unit.
        XCTAssertEqual(iaas.applications["nrpe"]?.subordinateTo, ["magento"])
        XCTAssertTrue(iaas.applications["nrpe"]?.units.isEmpty ?? false)
        XCTAssertEqual(Set(iaas.units(of: "nrpe").keys), ["nrpe/0", "nrpe/1"])
        XCTAssertEqual(iaas.applications["nrpe"]?.relations["juju-info"]?.first?.scope, "container")

        let k8s = try sim.status("k8s:shop")
        XCTAssertEqual(k8s.model.type, .caas)
        XCTAssertEqual(k8s.model.cloud, "microk8s")
        XCTAssertTrue(k8s.machines.isEmpty)
        let k8sMagento = try XCTUnwrap(k8s.applications["magento"])
        XCTAssertEqual(k8sMagento.scale, 2)
        XCTAssertEqual(k8sMagento.units.count, 2)
        XCTAssertNotNil(k8sMagento.address)
        XCTAssertEqual(k8sMagento.units["magento/1"]?.providerID, "magento-1")
        XCTAssertNil(k8sMagento.units["magento/1"]?.machine)
        XCTAssertEqual(k8s.relationPairs, [["magento", "mysql"]])
    }

    func testYAMLStatusDecodesLikeJSON() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("add-model", "shop")
        try sim.ok("deploy", "-m", "lxd:shop", try sim.write("iaas.yaml", SimBundles.iaas))
        let yaml = try sim.ok("status", "-m", "lxd:shop", "--format=yaml").stdout
        let json = try sim.status("lxd:shop")
        var fromYAML = try JujuStatus.decode(yaml: yaml)
        fromYAML.controllerTimestamp = json.controllerTimestamp
        XCTAssertEqual(fromYAML.applications, json.applications)
        XCTAssertEqual(fromYAML.machines, json.machines)
        XCTAssertTrue(yaml.contains("channel: \"22.04\""), "numbers-looking strings are quoted as Juju's YAML does")
    }

    func testModelsControllersConfigAndExportBundleDecode() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("bootstrap", "microk8s", "k8s")
        try sim.ok("add-model", "shop", "-c", "k8s")
        let controllers = try ControllerList.decode(json: Data(try sim.ok("controllers", "--format=json").stdout.utf8))
        XCTAssertEqual(Set(controllers.controllers.keys), ["lxd", "k8s"])
        XCTAssertEqual(controllers.currentController, "k8s")
        XCTAssertEqual(controllers.controllers["k8s"]?.cloud, "microk8s")
        let models = try ModelList.decode(json: Data(try sim.ok("models", "-c", "k8s", "--format=json").stdout.utf8))
        XCTAssertEqual(models.workloadModelNames, ["shop"])
        XCTAssertEqual(models.model(named: "shop")?.modelType, .caas)
        XCTAssertEqual(models.model(named: "controller")?.isController, true)
        XCTAssertEqual(models.currentModel, "shop")

        try sim.ok("deploy", "-m", "k8s:shop", "--trust", try sim.write("k8s.yaml", SimBundles.kubernetes))
        let config = try ApplicationConfig.decode(json: Data(try sim.ok("config", "-m", "k8s:shop", "magento", "--format=json").stdout.utf8))
        XCTAssertEqual(config.userOptions, ["locale": .string("fr_FR")])
        XCTAssertEqual(config.applicationConfig["trust"]?.value, .bool(true))
        let bundle = try ExportedBundle.parse(yaml: try sim.ok("export-bundle", "-m", "k8s:shop").stdout)
        XCTAssertTrue(bundle.isKubernetes)
        XCTAssertEqual(bundle.applications["magento"]?.units, 2)
        XCTAssertEqual(bundle.applications["magento"]?.revision, 57)
        XCTAssertEqual(bundle.applications["magento"]?.options, ["locale": .string("fr_FR")])
        XCTAssertEqual(bundle.relations, [["magento:database", "mysql:database"]])
    }
}
