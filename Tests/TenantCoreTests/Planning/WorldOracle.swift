import JujuPlanning
import PlanModel
import TenantCore
import XCTest

/// Reads a simulated world against a desired state field by field, without the planner: a
/// planner that judged its own wrong values equal would still converge by its own measure.
enum WorldOracle {
    static func assert(_ observed: ObservedState, matches desired: DesiredState, deletedFrom managed: [String: String], prune: Bool,
                       round: Int, file: StaticString = #filePath, line: UInt = #line) {
        let wanted = Set(desired.environments.map { ObservedState.key(controller: $0.controller, model: $0.model) })
        for (key, owner) in managed where !wanted.contains(key) {
            let present = if case .present? = observed.models[key] { true } else { false }
            XCTAssertEqual(present, !prune, "round \(round): the model of deleted \(owner), with prune \(prune)", file: file, line: line)
        }
        for environment in desired.environments {
            let context = "round \(round): \(environment.id)"
            guard case let .present(model)? = observed.model(controller: environment.controller, name: environment.model) else {
                XCTFail("\(context): no model", file: file, line: line)
                continue
            }
            let names = Set(environment.applications.map(\.name))
            let extra = Set(model.applications.keys).subtracting(names)
            XCTAssertTrue(prune ? extra.isEmpty : true, "\(context): applications not in git remain: \(extra.sorted())", file: file, line: line)
            for application in environment.applications {
                assert(model.applications[application.name], matches: application, prune: prune, context: "\(context) \(application.name)",
                       file: file, line: line)
            }
            for pair in environment.relations where pair.count == 2 {
                let a = pair[0].split(separator: ":").map(String.init), b = pair[1].split(separator: ":").map(String.init)
                XCTAssertTrue(model.relations.contains { $0.application == a[0] && $0.endpoint == a[1] && $0.remoteApplication == b[0] },
                              "\(context): relation \(pair) missing", file: file, line: line)
            }
            let machines = environment.machines.reduce(0) { $0 + $1.count }
            XCTAssertGreaterThanOrEqual(model.machines.count, machines, "\(context): machines", file: file, line: line)
        }
    }

    private static func assert(_ observed: ObservedApplication?, matches desired: DesiredApplication, prune: Bool, context: String,
                               file: StaticString, line: UInt) {
        guard let observed else { return XCTFail("\(context): not deployed", file: file, line: line) }
        XCTAssertEqual(observed.charm, desired.charm, context, file: file, line: line)
        XCTAssertEqual(observed.channel, desired.channel, "\(context) channel", file: file, line: line)
        if let revision = desired.revision { XCTAssertEqual(observed.revision, revision, "\(context) revision", file: file, line: line) }
        XCTAssertEqual(observed.exposed, desired.expose, "\(context) exposed", file: file, line: line)
        if let units = desired.units {
            // Without prune, surplus units stay (withheld), missing ones never do.
            if prune { XCTAssertEqual(observed.unitCount, units, "\(context) units", file: file, line: line) }
            else { XCTAssertGreaterThanOrEqual(observed.unitCount, units, "\(context) units", file: file, line: line) }
        }
        for (key, value) in desired.config {
            if let reference = value.vaultReference {
                XCTAssertEqual(observed.appliedSecrets[key], reference.description, "\(context) secret \(key)", file: file, line: line)
            } else {
                XCTAssertEqual(observed.config[key], value, "\(context) config \(key)", file: file, line: line)
            }
        }
    }
}
