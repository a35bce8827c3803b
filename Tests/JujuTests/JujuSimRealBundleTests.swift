import Foundation
import Juju
import XCTest

/// Published and exported bundles (Fixtures/juju-bundles) deploy on juju-sim as on Juju, and
/// deploying them again, or deploying the model's own export back, changes nothing.
final class JujuSimRealBundleTests: XCTestCase {
    func testRealBundlesDeployIdempotently() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "openstack", "machines")
        try sim.ok("bootstrap", "microk8s", "k8s")
        let directory = Fixtures.directory.appendingPathComponent("juju-bundles")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(files.count, 4)
        for (index, file) in files.enumerated() {
            let text = try String(contentsOfFile: directory.appendingPathComponent(file).path, encoding: .utf8)
            // Where the simulated snap can read it, as tenantctl puts its bundles.
            let path = try sim.write(file, text)
            let trust = text.contains("trust: true") ? ["--trust"] : []
            let controller = text.contains("bundle: kubernetes") ? "k8s" : "machines"
            let model = "\(controller):b\(index)"
            try sim.ok("add-model", "b\(index)", "-c", controller)
            try sim.ok(["deploy", "-m", model, path] + trust)
            let status = try sim.status(model)
            let bundle = try ExportedBundle.parse(yaml: text)
            XCTAssertEqual(Set(status.applications.keys), Set(bundle.applications.keys), file)
            for (name, application) in bundle.applications {
                if let units = application.units { XCTAssertEqual(status.unitCount(of: name), units, "\(file): \(name)") }
                if let revision = application.revision { XCTAssertEqual(status.applications[name]?.charmRevision, revision, "\(file): \(name)") }
            }
            XCTAssertEqual(status.relationPairs.count, Set(bundle.relations.map { $0.map { String($0.split(separator: ":")[0]) }.sorted() }).count, file)
            XCTAssertTrue(try sim.ok(["deploy", "-m", model, path] + trust).stderr.contains("No changes to apply."), file)
            let exported = try sim.write("export-\(index).yaml", try sim.ok("export-bundle", "-m", model).stdout)
            XCTAssertTrue(try sim.ok(["deploy", "-m", model, exported] + trust).stderr.contains("No changes to apply."), file)
        }
    }
}
