@testable import DNSDriver
import DNSPlanning
import HTTPClient
import XCTest

/// The faults moto_server never produces, from a small endpoint that plays Route 53's XML
/// answers (Scripts/route53_faults.py): throttling, a change PENDING for a while, 503 on a list.
final class Route53FaultTests: XCTestCase {
    var process: Process!
    var port = 0

    override func setUpWithError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("r53-faults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let portFile = directory.appendingPathComponent("port")
        let script = try XCTUnwrap(Bundle.module.url(forResource: "route53_faults", withExtension: "py", subdirectory: "Scripts"))
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, portFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while port == 0, Date() < deadline, process.isRunning {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) } ?? 0
            if port == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        XCTAssertNotEqual(port, 0, "the fault endpoint did not start")
    }

    override func tearDown() {
        if let process { ChildProcess.stop(process) }
    }

    func provider() throws -> Route53Provider {
        Route53Provider(endpoint: try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)")),
                        credentials: AWSCredentials(accessKeyId: "AKIDSTUB", secretAccessKey: "stub-secret-canary"),
                        http: HTTPClient(configuration: HTTPClientConfiguration(retry: HTTPRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20)))),
                        changeTimeout: .seconds(20))
    }

    func calls() throws -> [String: Int] {
        let output = try ChildProcess.run(["curl", "-s", "http://127.0.0.1:\(port)/stub/calls"]).output
        return (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Int]) ?? [:]
    }

    func testAThrottledChangeIsSentAgainThenFollowedUntilInSync() async throws {
        let set = DNSRecordSet(name: "www.stub.test", type: .a, ttl: 60, values: ["203.0.113.1"])
        try await provider().apply(DNSChangeBatch([.upsert(set)]), to: "stub.test")
        let counts = try calls()
        XCTAssertEqual(counts["POST /2013-04-01/hostedzone/ZSTUB/rrset"], 3, "two Throttling answers, then accepted")
        XCTAssertEqual(counts["GET /2013-04-01/change/CSTUB"], 3, "PENDING twice, then INSYNC")
    }

    func testAListThatKeepsFailingIsTransientAndNamesNoSecret() async throws {
        do {
            _ = try await provider().listRecordSets(in: "stub.test")
            XCTFail("nothing thrown")
        } catch let error as DNSProviderError {
            XCTAssertEqual(error.kind, .transient, error.message)
            XCTAssertTrue(error.message.contains("503"), error.message)
            XCTAssertFalse(error.message.contains("stub-secret-canary"))
        }
        XCTAssertEqual(try calls()["GET /2013-04-01/hostedzone/ZSTUB/rrset"], 2, "the client's retries, then the error")
    }
}
