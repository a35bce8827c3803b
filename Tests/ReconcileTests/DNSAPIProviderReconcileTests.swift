import Foundation
import GitTestSupport
import XCTest

/// DNS end to end through the real tenantctl binary with the API providers: an OVH zone in
/// ovh-sim (records served only once `dns.publish` refreshed the zone) and a Route 53 hosted
/// zone in a real moto_server. Credentials come from the secrets file as Vault references; a
/// canary among them must appear in no output, plan file, journal or simulator log.
final class DNSAPIProviderReconcileTests: ReconcileCase {
    static let ovhCanary = "ovh-application-secret-canary-4d2f91"
    static let awsCanary = "aws-secret-access-key-canary-8b7e03"

    static let domains = """
      domains:
        - {host: shop.acme.test, target: {application: shop}}
        - {host: acme.test, target: {address: 192.0.2.10}}

    """

    /// The test fleet with one DNS provider (`provider` of `type`) hosting acme.test.
    static func fleet(provider: String) -> String {
        ReconcileRepository.fleet.replacingOccurrences(of: "  vault:\n", with: """
          dns:
            ownerId: test-fleet
            ttl: 120
            providers:
              - \(provider)
            zones:
              - {zone: acme.test, provider: dns}
          vault:

        """)
    }

    var outputs: [String] = []

    func run(_ arguments: [String], endpoint: String) throws -> ProcessResult {
        var all = arguments + ["--repo", repository.path]
        if arguments.first == "apply" { all += ["--settle", "0.2"] }
        let result = try ChildProcess.run(try ProductBinary.locate("tenantctl"), all,
                                          environment: environment.merging(["TENANTCTL_DNS_ENDPOINTS": "dns=\(endpoint)"]) { $1 }, timeout: 180)
        outputs.append(result.stdout + result.stderr)
        return result
    }

    func setUp(provider: String, secrets: [String: String]) throws {
        try repository.write("tenantctl.yaml", Self.fleet(provider: provider))
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.domains))
        _ = try repository.commit("DNS at an API provider")
        let lines = secrets.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"\n" }.joined()
        try Data((ReconcileRepository.secrets + lines).utf8).write(to: URL(fileURLWithPath: secretsFile))
        chmod(secretsFile, 0o600)
    }

    /// Every byte the runs left behind: their outputs, the plan file, the journal and state
    /// folder, and `extra` (a simulator's request log).
    func assertNoCanary(_ canary: String, planFile: String, extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
        for output in outputs { XCTAssertFalse(output.contains(canary), "a run printed the credential: \(output)", file: file, line: line) }
        var paths = [planFile] + extra
        if let walker = FileManager.default.enumerator(atPath: fixture.path("state")) {
            for case let path as String in walker { paths.append(fixture.path("state") + "/" + path) }
        }
        XCTAssertGreaterThan(paths.count, 2, "the journal was written", file: file, line: line)
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            XCTAssertNil(data.range(of: Data(canary.utf8)), "\(path) holds the credential", file: file, line: line)
        }
    }

    func shopAddress() throws -> String {
        let status = try sim.status("k8s:acme-production")
        return try XCTUnwrap(((status["applications"] as? [String: Any])?["shop"] as? [String: Any])?["address"] as? String)
    }

    func testAnOVHZoneIsWrittenPublishedAndConverged() throws {
        let ovh = try OVHSimServer(applicationKey: "ovh-app-key", applicationSecret: Self.ovhCanary, consumerKey: "ovh-consumer-key",
                                   zones: ["acme.test": [["subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0]]])
        defer { ovh.stop(); ovh.removeFolder() }
        try setUp(provider: "{name: dns, type: ovh, endpoint: ovh-eu, credentials: {applicationKey: \"vault:dns/ovh#ak\", applicationSecret: \"vault:dns/ovh#as\", consumerKey: \"vault:dns/ovh#ck\"}}",
                  secrets: ["dns/ovh#ak": "ovh-app-key", "dns/ovh#as": Self.ovhCanary, "dns/ovh#ck": "ovh-consumer-key"])
        let planFile = fixture.path("plan.json")

        let plan = try run(["plan", "--out", planFile], endpoint: ovh.apiURL)
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("+ dns.upsert shop.acme.test A 120 (address of shop once it is up)"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("~ dns.publish zone acme.test"), plan.stdout)

        XCTAssertEqual(try ovh.lines("acme.test", "served"), [" NS dns200.anycast.me."], "plan writes nothing")
        let apply = try run(["apply", planFile], endpoint: ovh.apiURL)
        XCTAssertEqual(apply.status, 0, "\(apply)")
        let address = try shopAddress()
        let owner = "heritage=tenantctl,tenantctl/owner=test-fleet,tenantctl/tenant=acme,tenantctl/environment=production"
        let expected = [" A 192.0.2.10", " NS dns200.anycast.me.", "_tenantctl TXT \(owner)", "_tenantctl.shop TXT \(owner)", "shop A \(address)"]
        XCTAssertEqual(try ovh.lines("acme.test", "records"), expected)
        XCTAssertEqual(try ovh.lines("acme.test", "served"), expected, "served once dns.publish refreshed the zone")
        // The refresh came after the last write: what OVH serves is the whole apply.
        let log = ((try? String(contentsOfFile: ovh.logFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        let lastWrite = try XCTUnwrap(log.lastIndex { $0.contains("POST /1.0/domain/zone/acme.test/record ") })
        let refresh = try XCTUnwrap(log.lastIndex { $0.contains("POST /1.0/domain/zone/acme.test/refresh") })
        XCTAssertGreaterThan(refresh, lastWrite, log.joined(separator: "\n"))
        XCTAssertEqual(log.filter { $0.contains("/refresh") }.count, 1, "one refresh per zone per apply")

        let again = try run(["plan"], endpoint: ovh.apiURL)
        XCTAssertEqual(again.status, 0, "\(again)")
        assertNoCanary(Self.ovhCanary, planFile: planFile, extra: [ovh.logFile])
    }

    func testARoute53HostedZoneIsWrittenAndConverged() throws {
        let moto = try MotoRoute53()
        defer { moto.stop() }
        let zoneID = try moto.boto("print(client.create_hosted_zone(Name='acme.test', CallerReference='tenantctl-test')['HostedZone']['Id'].split('/')[-1])",
                                   key: "AKIATEST", secret: Self.awsCanary).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(zoneID.isEmpty)
        try setUp(provider: "{name: dns, type: route53, region: eu-west-3, credentials: {accessKeyId: \"vault:dns/aws#id\", secretAccessKey: \"vault:dns/aws#secret\"}}",
                  secrets: ["dns/aws#id": "AKIATEST", "dns/aws#secret": Self.awsCanary])
        let planFile = fixture.path("plan.json")

        let plan = try run(["plan", "--out", planFile], endpoint: moto.endpoint)
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("+ dns.upsert acme.test A 120 192.0.2.10"), plan.stdout)
        XCTAssertFalse(plan.stdout.contains("dns.publish"), "Route 53 serves what it accepted: \(plan.stdout)")

        let apply = try run(["apply", planFile], endpoint: moto.endpoint)
        XCTAssertEqual(apply.status, 0, "\(apply)")
        let address = try shopAddress()
        let listed = try moto.boto("""
            for s in client.list_resource_record_sets(HostedZoneId='\(zoneID)')['ResourceRecordSets']:
                if s['Type'] in ('A', 'TXT'): print(s['Name'], s['Type'], s.get('TTL'), ' '.join(r['Value'] for r in s['ResourceRecords']))
            """, key: "AKIATEST", secret: Self.awsCanary)
        let lines = listed.split(separator: "\n").map(String.init).sorted()
        XCTAssertTrue(lines.contains("acme.test. A 120 192.0.2.10"), listed)
        XCTAssertTrue(lines.contains("shop.acme.test. A 120 \(address)"), listed)
        XCTAssertTrue(lines.contains { $0.hasPrefix("_tenantctl.shop.acme.test. TXT 120 \"heritage=tenantctl,tenantctl/owner=test-fleet,tenantctl/tenant=acme") }, listed)

        let again = try run(["plan"], endpoint: moto.endpoint)
        XCTAssertEqual(again.status, 0, "\(again)")
        assertNoCanary(Self.awsCanary, planFile: planFile)
    }
}
