import Foundation
import Juju
import TenantCore
import XCTest

/// `juju models`, `juju controllers`, `juju config` and `juju export-bundle` readers.
final class ListingDecoderTests: XCTestCase {
    /// Field names and shapes of Juju 3.6's `ModelSummarySet` (cmd/juju/controller/listmodels.go).
    func testModelsJSON() throws {
        let json = """
        {"models":[{"name":"admin/controller","short-name":"controller","model-uuid":"u1","model-type":"iaas",
          "controller-uuid":"c1","controller-name":"lxd","is-controller":true,"owner":"admin","cloud":"localhost",
          "region":"localhost","type":"lxd","life":"alive","status":{"current":"available","since":"1 minute ago"},
          "access":"admin","last-connection":"just now","agent-version":"3.6.4"},
         {"name":"admin/acme-prod","short-name":"acme-prod","model-uuid":"u2","model-type":"caas","controller-uuid":"c1",
          "controller-name":"lxd","is-controller":false,"owner":"admin","cloud":"microk8s","type":"kubernetes","life":"alive",
          "status":{"current":"available"},"access":"admin","last-connection":"never connected","unknown":1}],
         "current-model":"acme-prod"}
        """
        let list = try ModelList.decode(json: Data(json.utf8))
        XCTAssertEqual(list.currentModel, "acme-prod")
        XCTAssertEqual(list.workloadModelNames, ["acme-prod"])
        let model = try XCTUnwrap(list.model(named: "admin/acme-prod"))
        XCTAssertEqual(model.modelType, .caas)
        XCTAssertEqual(model.providerType, "kubernetes")
        XCTAssertEqual(list.model(named: "controller")?.isController, true)
        XCTAssertEqual(try ModelList.decode(json: Data(#"{"models":[]}"#.utf8)).models, [])
        XCTAssertThrowsError(try ModelList.decode(json: Data(#"{"controllers":{}}"#.utf8)))
    }

    /// Juju's `ControllerSet` (listcontrollersconverters.go): the uuid is `uuid` in JSON.
    func testControllersJSON() throws {
        let json = """
        {"controllers":{"bibind-ovh":{"current-model":"acme-prod","user":"admin","access":"superuser",
          "recent-server":"10.0.0.2:17070","uuid":"c1","api-endpoints":["10.0.0.2:17070"],"ca-cert":"x","cloud":"ovh",
          "region":"GRA11","agent-version":"3.6.4","model-count":3,"machine-count":12,
          "controller-machines":{"active":1,"total":1}}},"current-controller":"bibind-ovh"}
        """
        let list = try ControllerList.decode(json: Data(json.utf8))
        XCTAssertEqual(list.currentController, "bibind-ovh")
        XCTAssertEqual(list.controllers["bibind-ovh"]?.region, "GRA11")
        XCTAssertEqual(list.controllers["bibind-ovh"]?.modelCount, 3)
        XCTAssertEqual(list.controllers["bibind-ovh"]?.apiEndpoints, ["10.0.0.2:17070"])
        let empty = try ControllerList.decode(json: Data(#"{"controllers":null,"current-controller":""}"#.utf8))
        XCTAssertTrue(empty.controllers.isEmpty)
        XCTAssertNil(empty.currentController)
    }

    /// `juju config app --format=json` as jubilant's tests record it, plus Juju's `source`.
    func testApplicationConfigJSON() throws {
        let json = """
        {"application":"app1","charm":"app1","application-config":{"trust":{"value":false,"type":"bool","source":"default"}},
         "settings":{"booly":{"value":true,"type":"boolean","source":"user"},"inty":{"value":42,"type":"int","source":"user"},
          "floaty":{"value":7.5,"type":"float","source":"user"},"stry":{"value":"vault:x#y","type":"string","source":"user"},
          "unset":{"type":"string","source":"unset"},"dflt":{"value":"a","default":"a","type":"string","source":"default"}}}
        """
        let config = try ApplicationConfig.decode(json: Data(json.utf8))
        XCTAssertEqual(config.applicationConfig["trust"]?.value, .bool(false))
        XCTAssertEqual(config.userOptions, ["booly": .bool(true), "inty": .int(42), "floaty": .double(7.5),
                                            "stry": .string("vault:x#y")], "observed values are data, never references")
        XCTAssertNil(config.settings["unset"]?.value)
        XCTAssertEqual(config.settings["dflt"]?.defaultValue, .string("a"))
    }

    func testExportedMachineBundleWithSAAS() throws {
        let bundle = try ExportedBundle.parse(yaml: try Fixtures.text("juju-bundles/juju-doctor-grafana-agent-vm-saas-exported-bundle.yaml"))
        XCTAssertFalse(bundle.isKubernetes)
        XCTAssertEqual(bundle.defaultBase, "ubuntu@22.04/stable")
        XCTAssertEqual(bundle.saas["loki"], "k8s-nov08:admin/obc-502.loki")
        XCTAssertEqual(bundle.applications["zookeeper"]?.revision, 149)
        XCTAssertEqual(bundle.applications["zookeeper"]?.units, 1)
        XCTAssertEqual(bundle.applications["zookeeper"]?.to, ["1"])
        XCTAssertEqual(bundle.applications["agent"]?.options, ["classic_snap": .bool(false)])
        XCTAssertEqual(bundle.applications["agent"]?.trust, true)
        XCTAssertNil(bundle.applications["agent"]?.units, "subordinates have no unit count")
        XCTAssertEqual(bundle.machines["2"]?.constraints, "arch=amd64")
        XCTAssertEqual(bundle.relations.count, 7)
        XCTAssertTrue(bundle.relations.contains(["agent:logging-consumer", "loki:logging"]))
    }

    func testExportedKubernetesBundleWithOverlayDocument() throws {
        let bundle = try ExportedBundle.parse(yaml: try Fixtures.text("juju-bundles/juju-doctor-cos-lite-exported-bundle.yaml"))
        XCTAssertTrue(bundle.isKubernetes)
        XCTAssertEqual(bundle.applications.count, 6)
        XCTAssertEqual(bundle.applications["alertmanager"]?.units, 1, "`scale` reads as the unit count")
        XCTAssertEqual(bundle.applications["catalogue"]?.options["title"], .string("Canonical Observability Stack"))
        XCTAssertEqual(bundle.applicationOptions["traefik"], [:])
        XCTAssertTrue(bundle.applications.values.allSatisfy { $0.channel == "latest/stable" })
    }

    func testInvalidYAMLIsReportedWithoutItsContent() {
        let broken = "applications:\n  magento:\n    options: {admin-password: hunter2\n---\n: :\n"
        XCTAssertThrowsError(try ExportedBundle.parse(yaml: broken)) { error in
            XCTAssertEqual("\(error)", "cannot read YAML output: not valid YAML")
        }
        XCTAssertThrowsError(try ExportedBundle.parse(yaml: "bundle: kubernetes\n---\n[unclosed\n"), "a bad overlay is not skipped")
    }

    func testYAMLConversionKeepsQuotedNumbersAsText() throws {
        let data = try YAMLJSON.data(fromYAML: "a: \"22.04\"\nb: 22\nc: 1.5\nd: true\ne: ~\nf: 2025-01-09\n\"0\": x\n")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["a"] as? String, "22.04")
        XCTAssertEqual(object["b"] as? Int, 22)
        XCTAssertEqual(object["c"] as? Double, 1.5)
        XCTAssertEqual(object["d"] as? Bool, true)
        XCTAssertTrue(object["e"] is NSNull)
        XCTAssertEqual(object["f"] as? String, "2025-01-09", "timestamps stay text")
        XCTAssertEqual(object["0"] as? String, "x")
    }
}
