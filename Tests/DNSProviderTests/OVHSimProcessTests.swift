import Foundation
import XCTest

/// ovh-sim as a program: its arguments, its log (which never holds a key or a signature), its
/// exit on SIGTERM.
final class OVHSimProcessTests: XCTestCase {
    func testBadArgumentsExitWithUsage() throws {
        let result = try ChildProcess.run([OVHSimProcess.binary.path, "--listen", "nowhere"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.output.contains("--listen expects HOST:PORT"), result.output)
        let help = try ChildProcess.run([OVHSimProcess.binary.path, "--help"])
        XCTAssertTrue(help.output.contains("usage: ovh-sim"), help.output)
    }

    func testTheLogCountsCallsWithoutKeysAndSIGTERMStopsIt() throws {
        let sim = try OVHSimProcess()
        let keys = [OVHSimProcess.applicationKey, OVHSimProcess.applicationSecret, OVHSimProcess.consumerKey]
        let script = """
            import ovh, ovh.client
            ovh.client.ENDPOINTS["ovh-sim"] = "\(sim.apiURL)"
            c = ovh.Client(endpoint="ovh-sim", application_key="\(keys[0])", application_secret="\(keys[1])", consumer_key="\(keys[2])")
            c.get("/domain/zone/acme.fr/record", fieldType="A")
            """
        let result = try ChildProcess.run(["python3", "-c", script])
        XCTAssertEqual(result.status, 0, result.output)
        let log = sim.requestLog()
        XCTAssertEqual(log.count, 2, "\(log)")
        XCTAssertTrue(log[0].hasSuffix("GET /1.0/auth/time 200"), log[0])
        XCTAssertTrue(log[1].hasSuffix("GET /1.0/domain/zone/acme.fr/record 200"), log[1])
        let text = log.joined(separator: "\n")
        for key in keys { XCTAssertFalse(text.contains(key)) }
        XCTAssertFalse(text.contains("$1$"), "no signature")
        ChildProcess.stop(sim.process)
        XCTAssertEqual(sim.process.terminationStatus, 0)
    }
}
