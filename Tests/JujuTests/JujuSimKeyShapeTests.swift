import Foundation
import XCTest

/// juju-sim writes no key that real Juju 3.x status output lacks, at any level: its output is
/// checked against the keys found in the real 3.x captures, not against its own decoder.
final class JujuSimKeyShapeTests: XCTestCase {
    typealias Object = [String: Any]

    /// Keys per level (model, machine, application, unit, subordinate unit, SAAS, status).
    struct KeySets {
        /// Every key seen at a level, and the keys every object of that level had.
        var levels: [String: Set<String>] = [:]
        var always: [String: Set<String>] = [:]

        mutating func collect(_ status: Object) {
            add("top", status)
            add("model", status["model"] as? Object)
            for machine in (status["machines"] as? Object)?.values ?? [:].values { collectMachine(machine as? Object) }
            for case let app as Object in (status["applications"] as? Object)?.values ?? [:].values {
                add("application", app)
                let relations = (app["relations"] as? Object)?.values.compactMap { $0 as? [Any] } ?? []
                for case let target as Object in relations.joined() { add("relation", target) }
                for case let unit as Object in (app["units"] as? Object)?.values ?? [:].values {
                    add("unit", unit)
                    addStatuses(unit)
                    for case let sub as Object in (unit["subordinates"] as? Object)?.values ?? [:].values {
                        add("subordinate", sub)
                        addStatuses(sub)
                    }
                }
            }
            for case let saas as Object in (status["application-endpoints"] as? Object)?.values ?? [:].values { add("saas", saas) }
        }

        mutating func collectMachine(_ machine: Object?) {
            add("machine", machine)
            addStatuses(machine)
            for container in (machine?["containers"] as? Object)?.values ?? [:].values { collectMachine(container as? Object) }
        }

        mutating func addStatuses(_ object: Object?) {
            for key in ["juju-status", "workload-status", "machine-status"] { add("status", object?[key] as? Object) }
        }

        mutating func add(_ level: String, _ object: Object?) {
            guard let object else { return }
            levels[level, default: []].formUnion(object.keys)
            always[level] = always[level].map { $0.intersection(object.keys) } ?? Set(object.keys)
        }

        mutating func merge(_ other: KeySets) {
            for (level, keys) in other.levels { levels[level, default: []].formUnion(keys) }
            for (level, keys) in other.always { always[level] = always[level].map { $0.intersection(keys) } ?? keys }
        }
    }

    func keys(ofJSON data: Data) throws -> KeySets {
        var sets = KeySets()
        sets.collect(try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? Object))
        return sets
    }

    func testSimulatedStatusUsesOnlyRealJuju3Keys() throws {
        var real = KeySets()
        for file in try Fixtures.statusFiles() where !file.contains("2.9") {
            real.merge(try keys(ofJSON: try Fixtures.statusJSON(file)))
        }
        let sim = try JujuSim()
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("bootstrap", "microk8s", "k8s")
        try sim.ok("add-model", "shop", "-c", "lxd")
        try sim.ok("add-model", "shop", "-c", "k8s")
        try sim.ok("deploy", "-m", "lxd:shop", try sim.write("iaas.yaml", SimBundles.iaas))
        try sim.ok("deploy", "-m", "k8s:shop", "--trust", try sim.write("k8s.yaml", SimBundles.kubernetes))
        var seen: Set<String> = []
        for model in ["lxd:shop", "k8s:shop"] {
            let simulated = try keys(ofJSON: Data(try sim.ok("status", "-m", model, "--format=json").stdout.utf8))
            for (level, keys) in simulated.levels {
                XCTAssertEqual(keys.subtracting(real.levels[level] ?? []), [], "\(model): keys at \(level) that Juju 3 never wrote")
            }
            for (level, keys) in simulated.always {
                // `leader` is on the leader only; every application of the captures has one unit.
                let required = (real.always[level] ?? []).subtracting(["leader"])
                XCTAssertEqual(required.subtracting(keys), [], "\(model): keys Juju 3 always writes at \(level)")
            }
            seen.formUnion(simulated.levels.keys)
        }
        XCTAssertEqual(seen, ["top", "model", "machine", "application", "relation", "unit", "subordinate", "saas", "status"])
    }
}
