import Foundation
import GitTestSupport
import XCTest

/// The DNS health gate through the real tenantctl binary and real bind9 servers: after a write,
/// the zone's authoritative servers are asked directly until they answer the new value. A
/// second named that serves the zone from its own file and never gets the update stands for a
/// secondary whose transfer is stuck: the gate fails the record with what that server answers,
/// and the certificate that depends on the record is skipped, never attempted.
final class DNSHealthGateTests: ReconcileCase {
    var primary: BindServer!
    var stale: BindServer!

    static let domains = "  domains:\n    - {host: shop.acme.test, target: {address: 192.0.2.10}}\n"

    /// The DNS test fleet, its provider's authoritative servers listed in `nameservers`, and a
    /// certificate section (an ACME server nobody reaches: the certificate must not be tried).
    func fleet(nameservers: [String]) -> String {
        let listed = nameservers.map { "\"\($0)\"" }.joined(separator: ", ")
        return DNSReconcileTests.fleet(ReconcileRepository.fleet)
            .replacingOccurrences(of: "server: \"ns1.invalid:53\", ", with: "server: \"ns1.invalid:53\", nameservers: [\(listed)], ")
            .replacingOccurrences(of: "  vault:\n", with: "  certificates:\n    directory: https://127.0.0.1:9/dir\n    email: ops@acme.test\n  vault:\n")
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        primary = try BindServer(zones: ["acme.test": []])
        // Serves acme.test with the value from before, and takes no update from tenantctl.
        stale = try BindServer(zones: ["acme.test": ["shop IN A 192.0.2.99"]])
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.domains))
        try Data((ReconcileRepository.secrets + "\"dns/bind#tsig_secret\": \"\(primary.secret)\"\n").utf8).write(to: URL(fileURLWithPath: secretsFile))
        chmod(secretsFile, 0o600)
    }

    override func tearDown() {
        primary?.stop()
        stale?.stop()
        super.tearDown()
    }

    func apply(gateTimeout: Int) throws -> ProcessResult {
        try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--dns-gate-timeout", String(gateTimeout),
                      extra: ["TENANTCTL_DNS_ENDPOINTS": "bind=\(primary.endpoint)"], timeout: 240)
    }

    func testARecordTheAuthoritativeServersAnswerPassesTheGate() throws {
        try repository.write("tenantctl.yaml", fleet(nameservers: [primary.server]))
        _ = try repository.commit("gate on the primary")
        let started = Date()
        let result = try apply(gateTimeout: 30)
        XCTAssertEqual(try primary.query("shop.acme.test", "A"), ["192.0.2.10"])
        // The certificate is attempted (and fails: no ACME server), so the gate let it through.
        XCTAssertFalse((result.stdout + result.stderr).contains("DNS health gate"), "\(result)")
        XCTAssertTrue(result.stdout.contains("cert:acme/production/shop.acme.test failed"), "\(result)")
        XCTAssertFalse((result.stdout + result.stderr).contains("dns:bind/acme.test/A/shop failed"), "\(result)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "a served record passes at once, without waiting out the gate")
    }

    func testAServerThatKeepsTheOldValueFailsTheRecordAndSkipsItsCertificate() throws {
        try repository.write("tenantctl.yaml", fleet(nameservers: [primary.server, stale.server]))
        _ = try repository.commit("one server never gets the update")
        let result = try apply(gateTimeout: 2)
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertEqual(try primary.query("shop.acme.test", "A"), ["192.0.2.10"], "the provider took the write")
        XCTAssertEqual(try stale.query("shop.acme.test", "A"), ["192.0.2.99"])
        let output = result.stdout + result.stderr
        XCTAssertTrue(output.contains("acme/production: dns.upsert dns:bind/acme.test/A/shop failed: DNS health gate: zone acme.test: shop.acme.test A should answer 192.0.2.10, but after 2 s \(stale.server) answers 192.0.2.99"),
                      output)
        XCTAssertFalse(output.contains("\(primary.server) answers"), "the primary serves the value and is not named: \(output)")
        XCTAssertTrue(output.contains("skipped: dns.upsert dns:bind/acme.test/A/shop failed"), output)
        XCTAssertTrue(output.contains("retrying in"), "a transient failure, retried before it fails: \(output)")
        XCTAssertFalse(output.contains("cert:acme/production/shop.acme.test failed"), "the certificate is not attempted: \(output)")
        XCTAssertFalse(output.contains(primary.secret), "the TSIG secret is never printed")
    }

    func testADeleteWaitsUntilNoServerAnswersTheRemovedValue() throws {
        try repository.write("tenantctl.yaml", fleet(nameservers: [primary.server]).replacingOccurrences(of: "  certificates:\n    directory: https://127.0.0.1:9/dir\n    email: ops@acme.test\n", with: ""))
        _ = try repository.commit("record")
        XCTAssertEqual(try apply(gateTimeout: 30).status, 0)
        // The stale server now serves the written value, and keeps it once tenantctl deletes it.
        try stale.nsupdate(zone: "acme.test", ["update delete shop.acme.test. A", "update add shop.acme.test. 120 A 192.0.2.10"])
        try repository.write("tenantctl.yaml", fleet(nameservers: [primary.server, stale.server]).replacingOccurrences(of: "  certificates:\n    directory: https://127.0.0.1:9/dir\n    email: ops@acme.test\n", with: ""))
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme"))
        _ = try repository.commit("record dropped")
        let result = try apply(gateTimeout: 2)
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertEqual(try primary.query("shop.acme.test", "A"), [], "the provider deleted it")
        XCTAssertTrue(result.stdout.contains("dns:bind/acme.test/A/shop failed: DNS health gate: zone acme.test: shop.acme.test A should answer none of 192.0.2.10, but after 2 s \(stale.server) answers 192.0.2.10"),
                      "\(result)")
    }
}
