import Foundation
import GitTestSupport
import XCTest

/// The DNS health gate of a provider that serves writes only once published (OVH, in ovh-sim),
/// with its name servers listed in `nameservers` (here a real bind9 standing for them): the
/// gate runs at the zone's `dns.publish`, over the sets the writes before it wrote.
final class DNSHealthGateOVHTests: ReconcileCase {
    static let canary = "ovh-application-secret-canary-gate"

    func apply(servedBefore value: String) throws -> (result: ProcessResult, server: String, ovh: OVHSimServer) {
        let ovh = try OVHSimServer(applicationKey: "ovh-app-key", applicationSecret: Self.canary, consumerKey: "ovh-consumer-key",
                                   zones: ["acme.test": [["subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0]]])
        let nameserver = try BindServer(zones: ["acme.test": ["@ IN A \(value)"]])
        defer { nameserver.stop() }
        let provider = "{name: dns, type: ovh, endpoint: ovh-eu, nameservers: [\"\(nameserver.server)\"], credentials: {applicationKey: \"vault:dns/ovh#ak\", applicationSecret: \"vault:dns/ovh#as\", consumerKey: \"vault:dns/ovh#ck\"}}"
        try repository.write("tenantctl.yaml", DNSAPIProviderReconcileTests.fleet(provider: provider))
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: "  domains:\n    - {host: acme.test, target: {address: 192.0.2.10}}\n"))
        _ = try repository.commit("an OVH zone whose name servers are known")
        let secrets = ["dns/ovh#ak": "ovh-app-key", "dns/ovh#as": Self.canary, "dns/ovh#ck": "ovh-consumer-key"]
        try Data((ReconcileRepository.secrets + secrets.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"\n" }.joined()).utf8)
            .write(to: URL(fileURLWithPath: secretsFile))
        chmod(secretsFile, 0o600)
        let result = try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--dns-gate-timeout", "2",
                                   extra: ["TENANTCTL_DNS_ENDPOINTS": "dns=\(ovh.apiURL)"], timeout: 240)
        return (result, nameserver.server, ovh)
    }

    func testThePublishWaitsForTheListedNameServersAndPassesWhenTheyServeTheValue() throws {
        let (result, _, ovh) = try apply(servedBefore: "192.0.2.10")
        defer { ovh.stop(); ovh.removeFolder() }
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(try ovh.lines("acme.test", "served").contains(" A 192.0.2.10"))
    }

    func testThePublishFailsWhenTheNameServersKeepTheOldValue() throws {
        let (result, server, ovh) = try apply(servedBefore: "192.0.2.99")
        defer { ovh.stop(); ovh.removeFolder() }
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(try ovh.lines("acme.test", "served").contains(" A 192.0.2.10"), "written and refreshed: OVH took it")
        XCTAssertTrue(result.stdout.contains("dns.publish dns:dns/acme.test/publish"), "\(result)")
        XCTAssertTrue(result.stdout.contains("failed: DNS health gate: zone acme.test: acme.test A should answer 192.0.2.10, but after 2 s \(server) answers 192.0.2.99"),
                      "\(result)")
        XCTAssertFalse((result.stdout + result.stderr).contains(Self.canary))
    }
}
