import Foundation
import GitTestSupport
import XCTest

/// DNS end to end through the real tenantctl binary: records in a real bind9 (RFC 2136 with
/// TSIG), an application's address from juju-sim after its deploy, ownership TXT records, a
/// foreign record left alone, adoption, deletion under prune, drift healed, and the failures
/// (a wrong TSIG secret, a server down) that hold environments back without a secret printed.
final class DNSReconcileTests: ReconcileCase {
    var bind: BindServer!

    static func fleet(_ base: String) -> String {
        base.replacingOccurrences(of: "  vault:\n", with: """
          dns:
            ownerId: test-fleet
            ttl: 120
            providers:
              - {name: bind, type: rfc2136, server: "ns1.invalid:53", tsigKeyName: tenantctl-test, tsigAlgorithm: hmac-sha256,
                 credentials: {tsigSecret: "vault:dns/bind#tsig_secret"}}
            zones:
              - {zone: acme.test, provider: bind}
          vault:

        """)
    }

    static let acmeDomains = """
      domains:
        - {host: shop.acme.test, target: {application: shop}}
        - {host: acme.test, target: {address: 192.0.2.10}, ttl: 60}
        - {host: www.acme.test, target: {cname: shop.acme.test}}

    """

    static func bravoDomains(adopt: Bool) -> String {
        "  domains:\n    - {host: bravo.acme.test, target: {address: 192.0.2.20}\(adopt ? ", adopt: true" : "")}\n"
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        bind = try BindServer(zones: ["acme.test": ["bravo IN A 192.0.2.99", "mail IN MX 10 mx.example.net."], "acme-shop.test": []])
        try repository.write("tenantctl.yaml", Self.fleet(ReconcileRepository.fleet))
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.acmeDomains))
        try repository.write("tenants/bravo.yaml", ReconcileRepository.tenant("bravo", offer: "pme", extra: Self.bravoDomains(adopt: false)))
        _ = try repository.commit("DNS")
        try writeSecrets(tsig: bind.secret)
    }

    override func tearDown() {
        bind?.stop()
        super.tearDown()
    }

    func writeSecrets(tsig: String) throws {
        try Data((ReconcileRepository.secrets + "\"dns/bind#tsig_secret\": \"\(tsig)\"\n").utf8).write(to: URL(fileURLWithPath: secretsFile))
        chmod(secretsFile, 0o600)
    }

    func dns(_ arguments: String...) throws -> ProcessResult {
        var all = arguments + ["--repo", repository.path]
        if arguments.first == "apply" { all += ["--settle", "0.2"] }
        return try ChildProcess.run(try ProductBinary.locate("tenantctl"), all,
                                    environment: environment.merging(["TENANTCTL_DNS_ENDPOINTS": "bind=\(bind.endpoint)"]) { $1 }, timeout: 180)
    }

    func ownership(_ tenant: String) -> String {
        "\"heritage=tenantctl,tenantctl/owner=test-fleet,tenantctl/tenant=\(tenant),tenantctl/environment=production\""
    }

    func testRecordsAreCreatedAfterTheirApplicationOwnedAdoptedAndPruned() throws {
        let plan = try dns("plan")
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("+ dns.upsert acme.test A 60 192.0.2.10"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("+ dns.upsert shop.acme.test A 120 (address of shop once it is up)"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("+ dns.upsert www.acme.test CNAME 120 shop.acme.test"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("! bravo/production: dns.upsert bravo.acme.test A withheld: conflict: bravo.acme.test has records tenantctl does not own (there now: bravo.acme.test A 300 192.0.2.99)"), plan.stdout)

        let apply = try dns("apply", "--auto-approve")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        let status = try sim.status("k8s:acme-production")
        let shopAddress = try XCTUnwrap(((status["applications"] as? [String: Any])?["shop"] as? [String: Any])?["address"] as? String)
        XCTAssertEqual(try bind.query("shop.acme.test", "A"), [shopAddress], "the address juju reported once shop was up")
        XCTAssertEqual(try bind.query("acme.test", "A"), ["192.0.2.10"])
        XCTAssertEqual(try bind.query("_tenantctl.shop.acme.test", "TXT"), [ownership("acme")])
        XCTAssertEqual(try bind.query("bravo.acme.test", "A"), ["192.0.2.99"], "the foreign record is untouched")
        XCTAssertEqual(try bind.query("mail.acme.test", "MX"), ["10 mx.example.net."])

        let again = try dns("plan", "--output", "json")
        XCTAssertEqual(again.status, 2, "the conflict is still a difference: \(again)")
        let file = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((file["changes"] as? [Any])?.count, 0, again.stdout)
        XCTAssertEqual((file["withheld"] as? [Any])?.count, 1, again.stdout)

        // bravo adopts the record it wants; acme drops www (prune is on in this fleet).
        try repository.write("tenants/bravo.yaml", ReconcileRepository.tenant("bravo", offer: "pme", extra: Self.bravoDomains(adopt: true)))
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.acmeDomains
            .replacingOccurrences(of: "    - {host: www.acme.test, target: {cname: shop.acme.test}}\n", with: "")))
        _ = try repository.commit("adopt and drop")
        let next = try dns("plan")
        XCTAssertEqual(next.status, 2, "\(next)")
        XCTAssertTrue(next.stdout.contains("~ dns.upsert bravo.acme.test A 120 192.0.2.20 (was ttl 300, 192.0.2.99)"), next.stdout)
        XCTAssertTrue(next.stdout.contains("- dns.delete www.acme.test CNAME 120 shop.acme.test"), next.stdout)
        XCTAssertEqual(try dns("apply", "--auto-approve").status, 0)
        XCTAssertEqual(try bind.query("bravo.acme.test", "A"), ["192.0.2.20"])
        XCTAssertEqual(try bind.query("_tenantctl.bravo.acme.test", "TXT"), [ownership("bravo")])
        XCTAssertEqual(try bind.query("www.acme.test", "CNAME"), [])
        XCTAssertEqual(try bind.query("_tenantctl.www.acme.test", "TXT"), [])
        let converged = try dns("plan")
        XCTAssertEqual(converged.status, 0, "\(converged)")
    }

    /// A customer's own zone, not in tenantctl.yaml: once its last domain leaves git, the journal
    /// still says tenantctl wrote there, so the zone is read and the owned record pruned.
    func testACustomZoneNoDomainNamesAnyMoreIsStillCleaned() throws {
        let custom = "    - {host: www.acme-shop.test, zone: acme-shop.test, provider: bind, target: {address: 192.0.2.30}}\n"
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.acmeDomains + custom))
        _ = try repository.commit("custom zone")
        XCTAssertEqual(try dns("apply", "--auto-approve").status, 0)
        XCTAssertEqual(try bind.query("www.acme-shop.test", "A"), ["192.0.2.30"])
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.acmeDomains))
        _ = try repository.commit("custom zone dropped")
        let plan = try dns("plan")
        XCTAssertTrue(plan.stdout.contains("- dns.delete www.acme-shop.test A 120 192.0.2.30"), "\(plan)")
        XCTAssertEqual(try dns("apply", "--auto-approve").status, 0)
        XCTAssertEqual(try bind.query("www.acme-shop.test", "A"), [])
    }

    func testAChangeByHandIsDriftAndApplyRestoresIt() throws {
        XCTAssertEqual(try dns("apply", "--auto-approve").status, 0)
        try bind.nsupdate(zone: "acme.test", ["update delete acme.test. A", "update add acme.test. 60 A 203.0.113.66"])
        let drift = try dns("drift")
        XCTAssertEqual(drift.status, 2, "\(drift)")
        XCTAssertTrue(drift.stdout.contains("changed by hand in the provider's console"), drift.stdout)
        XCTAssertTrue(drift.stdout.contains("record acme.test A"), drift.stdout)
        XCTAssertEqual(try dns("apply", "--auto-approve").status, 0)
        XCTAssertEqual(try bind.query("acme.test", "A"), ["192.0.2.10"])
    }

    func testAWrongTSIGSecretHoldsBackTheEnvironmentsWithoutPrintingIt() throws {
        let wrong = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try writeSecrets(tsig: wrong)
        let plan = try dns("plan")
        XCTAssertEqual(plan.status, 1, "\(plan)")
        XCTAssertTrue((plan.stdout + plan.stderr).contains("refused tenantctl's TSIG key"), "\(plan)")
        XCTAssertTrue((plan.stdout + plan.stderr).contains("acme/production"), "\(plan)")
        XCTAssertFalse((plan.stdout + plan.stderr).contains(wrong), "the secret is never printed")
        XCTAssertFalse(plan.stdout.contains("juju:k8s/acme-production"), "an environment with a name in the zone is not planned at all: \(plan.stdout)")
        XCTAssertTrue(plan.stdout.contains("juju:cloud/corp-production"), "one without is planned: \(plan.stdout)")
        XCTAssertEqual(try bind.query("acme.test", "A"), [])
    }

    func testAServerDownHoldsBackTheEnvironmentsAndDeletesNothing() throws {
        XCTAssertEqual(try dns("apply", "--auto-approve").status, 0)
        let endpoint = bind.endpoint
        bind.stop()
        let plan = try ChildProcess.run(try ProductBinary.locate("tenantctl"), ["plan", "--repo", repository.path, "--dns-timeout", "3"],
                                        environment: environment.merging(["TENANTCTL_DNS_ENDPOINTS": "bind=\(endpoint)"]) { $1 }, timeout: 120)
        XCTAssertEqual(plan.status, 1, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("2 environments not planned (acme/production, bravo/production): DNS zone acme.test at bind could not be read"), plan.stdout)
        XCTAssertFalse(plan.stdout.contains("dns.delete"), plan.stdout)
    }
}
