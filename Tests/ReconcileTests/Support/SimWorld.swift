import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import XCTest

/// What juju-sim holds for one model, read from `status` and `config` directly: the check of
/// convergence that does not go through the observer or the planner.
struct SimModelView: Equatable, CustomStringConvertible {
    struct Application: Equatable {
        var charm: String
        var channel: String
        var revision: Int?
        var exposed: Bool
        var units: [String]
        var config: [String: String]
        /// Applications this one is related to, sorted.
        var relatedTo: [String]
    }

    var applications: [String: Application]
    var machines: [String]

    var description: String {
        let apps = applications.keys.sorted().map { name in
            let app = applications[name]!
            return "\(name): \(app.charm) \(app.channel) rev \(app.revision.map(String.init) ?? "-") exposed=\(app.exposed) units=\(app.units) config=\(app.config.sorted { $0.key < $1.key }) related=\(app.relatedTo)"
        }
        return (apps + ["machines: \(machines)"]).joined(separator: "\n")
    }
}

extension SimulatedJuju {
    func view(_ model: String) throws -> SimModelView {
        let status = try status(model)
        var applications: [String: SimModelView.Application] = [:]
        for (name, block) in status["applications"] as? [String: [String: Any]] ?? [:] {
            let settings = try configSettings(model, name)
            let relations = block["relations"] as? [String: [Any]] ?? [:]
            let related = Set(relations.values.flatMap { $0 }.compactMap { item -> String? in
                (item as? [String: Any])?["related-application"] as? String ?? item as? String
            })
            applications[name] = SimModelView.Application(
                charm: block["charm"] as? String ?? "", channel: block["charm-channel"] as? String ?? "",
                revision: block["charm-rev"] as? Int, exposed: block["exposed"] as? Bool ?? false,
                units: ((block["units"] as? [String: Any])?.keys.map { $0 } ?? []).sorted(by: Self.unitOrder),
                config: settings, relatedTo: related.subtracting([name]).sorted())
        }
        let machines = ((status["machines"] as? [String: Any])?.keys.map { $0 } ?? []).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        return SimModelView(applications: applications, machines: machines)
    }

    /// Option values as `juju config <app> --format=json` shows them, as text.
    func configSettings(_ model: String, _ application: String) throws -> [String: String] {
        let text = try run("config", "-m", model, application, "--format=json")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var result: [String: String] = [:]
        for (key, entry) in document["settings"] as? [String: [String: Any]] ?? [:] {
            switch entry["value"] {
            case let value as String: result[key] = value
            case let value as Bool where entry["type"] as? String == "boolean": result[key] = String(value)
            case let value?: result[key] = "\(value)"
            case nil: break
            }
        }
        return result
    }

    private static func unitOrder(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.split(separator: "/"), b.split(separator: "/"))
        return x[0] != y[0] ? x[0] < y[0] : (Int(x.last ?? "") ?? 0) < (Int(y.last ?? "") ?? 0)
    }
}

/// Checks one model against its desired environment field by field, as Juju shows it: the charm,
/// channel, pinned revision, exposure, unit count and every plain option of each application, the
/// relations, and (on a machine cloud) the machine count: the machine groups plus one machine per
/// unit, since no unit is placed (surplus machines are removed under prune). `countMachines:
/// false` for a world where machines are kept on purpose.
func XCTAssertModel(_ view: SimModelView, matches environment: DesiredEnvironment, countMachines: Bool = true,
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(view.applications.keys.sorted(), environment.applications.map(\.name).sorted(), "\(view)", file: file, line: line)
    var units = 0
    for desired in environment.applications {
        guard let observed = view.applications[desired.name] else { continue }
        XCTAssertEqual(observed.charm, desired.charm, "\(desired.name)", file: file, line: line)
        if let channel = desired.channel {
            XCTAssertEqual(observed.channel, channel, "\(desired.name)", file: file, line: line)
        }
        if let revision = desired.revision {
            XCTAssertEqual(observed.revision, revision, "\(desired.name)", file: file, line: line)
        }
        XCTAssertEqual(observed.exposed, desired.expose, "\(desired.name) exposed", file: file, line: line)
        if let count = desired.units {
            XCTAssertEqual(observed.units.count, count, "\(desired.name) units: \(observed.units)", file: file, line: line)
            units += count
        }
        for (key, value) in desired.config where value.vaultReference == nil {
            XCTAssertEqual(observed.config[key], value.description, "\(desired.name) config \(key)", file: file, line: line)
        }
    }
    for pair in environment.relations where pair.count == 2 {
        let a = String(pair[0].split(separator: ":")[0]), b = String(pair[1].split(separator: ":")[0])
        XCTAssertTrue(view.applications[a]?.relatedTo.contains(b) == true, "\(a) is not related to \(b)\n\(view)", file: file, line: line)
    }
    if countMachines, environment.controllerKind == .iaas {
        let groups = environment.machines.reduce(0) { $0 + $1.count }
        XCTAssertEqual(view.machines.count, groups + units, "machines: \(view.machines)", file: file, line: line)
    }
}
