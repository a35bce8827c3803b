import Foundation
import Juju
import XCTest

/// Juju adds and drops fields across versions; the decoder must not care.
final class DecoderToleranceTests: XCTestCase {
    func decode(_ json: String) throws -> JujuStatus { try JujuStatus.decode(json: Data(json.utf8)) }

    func testUnknownFieldsAreIgnoredEverywhere() throws {
        let status = try decode("""
        {"model": {"name": "m", "type": "caas", "controller": "c", "cloud": "k", "version": "4.0.1", "future": {"x": 1}},
         "machines": {}, "branches": {"b": {}}, "brand-new-top-level": [1, 2],
         "applications": {"a": {"charm": "a", "charm-rev": 3, "exposed": false, "new-field": "x",
            "units": {"a/0": {"workload-status": {"current": "active", "reason": "r"}, "juju-status": {"current": "idle"},
                              "hyperdrive": true}}}}}
        """)
        XCTAssertEqual(status.model.version, "4.0.1")
        XCTAssertEqual(status.applications["a"]?.units["a/0"]?.health, .healthy)
        // Juju 4.0 drops `since`.
        XCTAssertNil(status.applications["a"]?.units["a/0"]?.jujuStatus?.since)
    }

    func testMissingOptionalFieldsHaveDefaults() throws {
        let status = try decode("""
        {"model": {"name": "m"}, "applications": {"a": {"charm": "ch:amd64/focal/nova-compute-671"}}}
        """)
        XCTAssertEqual(status.model.type, .iaas)
        XCTAssertTrue(status.machines.isEmpty)
        let app = try XCTUnwrap(status.applications["a"])
        XCTAssertEqual(app.charmName, "nova-compute")
        XCTAssertFalse(app.exposed)
        XCTAssertNil(app.charmRevision)
        XCTAssertTrue(app.units.isEmpty)
        XCTAssertFalse(app.isSubordinate)
    }

    func testStatusErrorReplacesAnEntity() throws {
        let status = try decode("""
        {"model": {"name": "m", "type": "iaas"}, "machines": {"0": {"status-error": "cannot get machine"}},
         "applications": {"a": {"status-error": "boom"},
                          "b": {"charm": "b", "units": {"b/0": {"status-error": "unit went away"}}}}}
        """)
        XCTAssertEqual(status.machines["0"]?.statusError, "cannot get machine")
        XCTAssertEqual(status.applications["a"]?.statusError, "boom")
        XCTAssertEqual(status.applications["b"]?.units["b/0"]?.health, .failed("status error: unit went away"))
    }

    func testOneMalformedEntryDoesNotLoseTheOthers() throws {
        let status = try decode("""
        {"model": {"name": "m"}, "applications": {"good": {"charm": "good"}, "odd": "not an object",
         "mixed": {"charm": "m", "relations": {"db": ["x", {"related-application": "y", "interface": "pgsql"}, 7]}}}}
        """)
        XCTAssertEqual(Set(status.applications.keys), ["good", "mixed"])
        XCTAssertEqual(status.applications["mixed"]?.relations["db"]?.map(\.relatedApplication), ["x", "y"])
        XCTAssertEqual(status.applications["mixed"]?.relations["db"]?.last?.interface, "pgsql")
    }

    func testNumbersWhereTextIsExpectedAreRead() throws {
        // A YAML capture converted to JSON can turn an unquoted value into a number.
        let status = try decode("""
        {"model": {"name": "m", "version": 3.6}, "applications": {"a": {"charm": "a", "charm-rev": "12", "version": 24.04}}}
        """)
        XCTAssertEqual(status.model.version, "3.6")
        XCTAssertEqual(status.applications["a"]?.charmRevision, 12)
        XCTAssertEqual(status.applications["a"]?.workloadVersion, "24.04")
    }

    func testADocumentThatIsNotAStatusIsRefused() {
        XCTAssertThrowsError(try decode(#"{"applications": {}}"#)) { error in
            XCTAssertEqual((error as? JujuDecodingError)?.description, "cannot read juju status output: missing 'model' at the top level")
        }
        XCTAssertThrowsError(try decode("ERROR model c:admin/m not found"))
    }

    func testUnitHealthRules() {
        func unit(_ workload: String, _ agent: String, _ message: String? = nil) -> JujuStatus.Unit {
            JujuStatus.Unit(workloadStatus: StatusInfo(current: workload, message: message), jujuStatus: StatusInfo(current: agent))
        }
        XCTAssertEqual(unit("active", "idle").health, .healthy)
        XCTAssertEqual(unit("active", "executing").health, .healthy)
        XCTAssertEqual(unit("waiting", "allocating", "waiting for machine").health,
                       .pending("workload waiting: waiting for machine, agent allocating"))
        XCTAssertEqual(unit("blocked", "idle", "needs db").health, .failed("blocked: needs db"))
        XCTAssertEqual(unit("unknown", "lost").health, .failed("agent lost"))
    }

    func testConstraintNormalization() {
        XCTAssertEqual(ConstraintString.normalized("cores=4 mem=8G"), "arch=amd64 cores=4 mem=8192M")
        XCTAssertEqual(ConstraintString.normalized("root-disk=200G mem=512M cores=2 arch=arm64"),
                       "arch=arm64 cores=2 mem=512M root-disk=204800M")
        XCTAssertEqual(ConstraintString.normalized("mem=2048", defaultArch: nil), "mem=2048M")
    }

    func testCLIErrorsAreClassified() {
        XCTAssertEqual(JujuCLIError(exitCode: 1, stderr: "ERROR model k8s:admin/acme-prod not found\n"), .modelNotFound)
        XCTAssertEqual(JujuCLIError(exitCode: 1, stderr: "ERROR controller nope not found\n"), .controllerNotFound)
        XCTAssertEqual(JujuCLIError(exitCode: 1, stderr: "ERROR application \"x\" not found\n"), .entityNotFound)
        XCTAssertEqual(JujuCLIError(exitCode: 1, stderr: "ERROR unable to connect to API: dial tcp 10.0.0.2:17070: connect: connection refused\n"), .transient)
        XCTAssertEqual(JujuCLIError(exitCode: 1, stderr: "ERROR cannot add application \"a\": application already exists\n"), .alreadyExists)
        XCTAssertEqual(JujuCLIError(exitCode: 2, stderr: "ERROR option provided but not defined: --x\n"), .usage)
        XCTAssertEqual(JujuCLIError.message(fromStderr: "Located charm\nERROR application \"x\" not found\n"), "application \"x\" not found")
    }
}
