import Foundation
import XCTest

/// vault-sim as a process: the line it prints, the port file, a clean exit on SIGTERM and
/// SIGINT, and a refused configuration.
final class VaultSimProcessTests: XCTestCase {
    func testItPrintsWhereItListensAndExitsCleanlyOnSIGTERM() throws {
        let sim = try VaultSimProcess()
        XCTAssertTrue(sim.port > 0)
        let deadline = Date().addingTimeInterval(10)
        var printed = ""
        while !printed.contains("\n"), Date() < deadline {
            printed = (try? String(contentsOf: sim.stdoutFile, encoding: .utf8)) ?? ""
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertEqual(printed, "vault-sim listening on http://127.0.0.1:\(sim.port)\n")
        XCTAssertEqual(sim.stop(), 0)
    }

    func testItExitsCleanlyOnSIGINT() throws {
        let sim = try VaultSimProcess()
        XCTAssertEqual(try sim.curl("GET", "/v1/sys/health", anonymous: true).status, 200)
        kill(sim.process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while sim.process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertFalse(sim.process.isRunning)
        XCTAssertEqual(sim.process.terminationStatus, 0)
    }

    func testABadConfigurationIsRefusedAtStart() throws {
        XCTAssertThrowsError(try VaultSimProcess(config: #"{"tokens": [{"id": "t", "namespace": "nowhere"}]}"#))
    }

    func testKeepAliveConnectionsCarryLISTAmongOtherRequests() throws {
        let sim = try VaultSimProcess()
        _ = try sim.curl("POST", "/v1/secret/data/a/b", body: #"{"data":{"k":"v"}}"#)
        // One curl, one connection: a POST with a body, a LIST, then a GET, in that order.
        let base = sim.baseURL
        let output = try Curl.run("/usr/bin/curl", [
            "-s", "--max-time", "20", "-H", "X-Vault-Token: \(sim.rootToken)", "-w", "##%{http_code}##",
            "-X", "POST", "--data-binary", #"{"data":{"k":"w"}}"#, "\(base)/v1/secret/data/a/c", "--next",
            "-s", "--max-time", "20", "-H", "X-Vault-Token: \(sim.rootToken)", "-w", "##%{http_code}##", "-X", "LIST", "\(base)/v1/secret/metadata/a", "--next",
            "-s", "--max-time", "20", "-H", "X-Vault-Token: \(sim.rootToken)", "-w", "##%{http_code}##", "\(base)/v1/secret/data/a/c",
        ])
        let parts = output.components(separatedBy: "##")
        XCTAssertEqual(parts.count, 7, output)
        guard parts.count == 7 else { return }
        XCTAssertEqual([parts[1], parts[3], parts[5]], ["200", "200", "200"], output)
        XCTAssertTrue(parts[2].contains(#""keys":["b","c"]"#), parts[2])
        XCTAssertTrue(parts[4].contains(#""k":"w""#), parts[4])
    }
}
