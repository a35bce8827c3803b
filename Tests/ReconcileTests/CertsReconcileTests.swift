import CertsDriver
import Foundation
import GitTestSupport
import Store
import XCTest

/// Certificates end to end through the real tenantctl binary: certbot (Debian) orders from
/// pebble (Debian's ACME test server), which validates DNS-01 against a real bind9, where
/// `tenantctl cert-hook` wrote the challenges with the RFC 2136 provider. Issuance after the
/// DNS record, an empty plan after, renewal, re-issue after a name change, a lineage removed by
/// hand, the CA down, a challenge that never propagates; and no private key byte anywhere.
final class CertsReconcileTests: ReconcileCase {
    var bind: BindServer!
    var pebble: PebbleServer!

    func fleet(renewBefore: String = "0.5") -> String {
        DNSReconcileTests.fleet(ReconcileRepository.fleet).replacingOccurrences(of: "  vault:\n", with: """
          certificates:
            directory: \(pebble.directory)
            email: ops@acme.test
            renewBefore: \(renewBefore)
          vault:

        """)
    }

    static func domains(wildcard: Bool) -> String {
        "  domains:\n    - {host: shop.acme.test, target: {address: 192.0.2.10}\(wildcard ? ", tlsWildcard: true" : "")}\n"
    }

    let lineage = "acme_production_shop.acme.test"
    var certbotFolder: String { fixture.path("state") + "/certbot/config" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        bind = try BindServer(zones: ["acme.test": []])
        pebble = try PebbleServer(dnsServer: bind.server)
        try repository.write("tenantctl.yaml", fleet())
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.domains(wildcard: false)))
        _ = try repository.commit("certificates")
        try Data((ReconcileRepository.secrets + "\"dns/bind#tsig_secret\": \"\(bind.secret)\"\n").utf8).write(to: URL(fileURLWithPath: secretsFile))
        chmod(secretsFile, 0o600)
    }

    override func tearDown() {
        pebble?.stop()
        bind?.stop()
        super.tearDown()
    }

    func certs(_ arguments: String..., path: String? = nil, extra more: [String: String] = [:]) throws -> ProcessResult {
        var all = arguments + ["--repo", repository.path]
        if arguments.first == "apply" { all += ["--settle", "0.2", "--cert-propagation-timeout", "3"] }
        var extra = ["TENANTCTL_DNS_ENDPOINTS": "bind=\(bind.endpoint)", "REQUESTS_CA_BUNDLE": pebble.caBundle].merging(more) { $1 }
        if let path { extra["PATH"] = path }
        return try ChildProcess.run(try ProductBinary.locate("tenantctl"), all, environment: environment.merging(extra) { $1 }, timeout: 300)
    }

    func facts() throws -> CertificateFactsView {
        let pem = try String(contentsOfFile: "\(certbotFolder)/live/\(lineage)/cert.pem", encoding: .utf8)
        let facts = try LineageReader.facts(pem: pem, directory: nil)
        return CertificateFactsView(names: facts.names, serial: facts.serial, notAfter: facts.notAfter)
    }

    struct CertificateFactsView: Equatable {
        var names: [String]
        var serial: String
        var notAfter: Int
    }

    /// The base64 lines of the private key certbot wrote: none may appear in any output.
    func keyLines() throws -> [String] {
        let key = try String(contentsOfFile: "\(certbotFolder)/live/\(lineage)/privkey.pem", encoding: .utf8)
        return key.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count > 20 }
    }

    func testIssuedAfterItsRecordThenNothingToDoThenRenewedAndReissued() throws {
        let plan = try certs("plan", "--output", "json")
        XCTAssertEqual(plan.status, 2, "\(plan)")
        let file = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let changes = try XCTUnwrap(file["changes"] as? [[String: Any]])
        let issue = try XCTUnwrap(changes.first { $0["kind"] as? String == "cert.issue" }, plan.stdout)
        let record = try XCTUnwrap(changes.first { $0["kind"] as? String == "dns.upsert" }, plan.stdout)
        XCTAssertEqual(issue["depends_on"] as? [String], [record["id"] as! String], "the certificate waits for its name's record")
        XCTAssertEqual(issue["id"] as? String, "cert.issue cert:acme/production/shop.acme.test")

        let apply = try certs("apply", "--auto-approve")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        let first = try facts()
        XCTAssertEqual(first.names, ["shop.acme.test"])
        XCTAssertEqual(try bind.query("_acme-challenge.shop.acme.test", "TXT"), [], "the cleanup hook removed the challenge")
        let mode = try FileManager.default.attributesOfItem(atPath: "\(certbotFolder)/archive/\(lineage)/privkey1.pem")[.posixPermissions] as? Int
        XCTAssertEqual(mode.map { $0 & 0o077 }, 0, "the key is readable by its owner only")

        let again = try certs("plan")
        XCTAssertEqual(again.status, 0, "\(again)")

        // A renewal window wider than pebble's one-hour certificates: due at once.
        try repository.write("tenantctl.yaml", fleet(renewBefore: "1d"))
        _ = try repository.commit("renew early")
        let due = try certs("plan")
        XCTAssertEqual(due.status, 2, "\(due)")
        XCTAssertTrue(due.stdout.contains("cert.renew"), due.stdout)
        XCTAssertTrue(due.stdout.contains("left of"), due.stdout)
        let renew = try certs("apply", "--auto-approve")
        XCTAssertEqual(renew.status, 0, "\(renew)")
        let renewed = try facts()
        XCTAssertNotEqual(renewed.serial, first.serial, "a new certificate")
        XCTAssertEqual(renewed.names, first.names)
        try repository.write("tenantctl.yaml", fleet())
        _ = try repository.commit("renew normally")

        // The domain now asks for a wildcard too: the same lineage, re-issued with both names.
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: Self.domains(wildcard: true)))
        _ = try repository.commit("wildcard")
        let wider = try certs("plan")
        XCTAssertTrue(wider.stdout.contains("cert.issue"), wider.stdout)
        let reissue = try certs("apply", "--auto-approve")
        XCTAssertEqual(reissue.status, 0, "\(reissue)")
        XCTAssertEqual(try facts().names, ["*.shop.acme.test", "shop.acme.test"])
        XCTAssertEqual(try certs("plan").status, 0)

        // Canary: the key never left certbot's files.
        let lines = try keyLines()
        XCTAssertFalse(lines.isEmpty)
        let journal = (try? Data(contentsOf: URL(fileURLWithPath: fixture.path("state") + "/tenantctl.sqlite"))) ?? Data()
        let texts = [plan.stdout, plan.stderr, apply.stdout, apply.stderr, renew.stdout, renew.stderr, reissue.stdout, reissue.stderr,
                     String(decoding: journal, as: UTF8.self)]
        for line in lines { XCTAssertFalse(texts.contains { $0.contains(line) }, "private key material in an output") }
    }

    /// A domain that points at an application: its certificate goes to the model as a user
    /// secret granted to it, after the issuance; a renewal updates the secret. Every juju call
    /// is a form of the command contract.
    func testTheCertificateIsDeliveredToItsApplicationAsAJujuSecret() throws {
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme",
            extra: "  domains:\n    - {host: shop.acme.test, target: {application: shop}}\n"))
        _ = try repository.commit("deliver to shop")
        let log = fixture.path("juju-calls.log")
        let plan = try certs("plan")
        XCTAssertTrue(plan.stdout.contains("cert.deliver"), plan.stdout)
        let apply = try certs("apply", "--auto-approve", extra: ["JUJU_SIM_CALL_LOG": log])
        XCTAssertEqual(apply.status, 0, "\(apply)")
        func secret() throws -> [String: Any]? {
            let listing = try JSONSerialization.jsonObject(with: Data(try sim.run("secrets", "--format", "json", "-m", "k8s:acme-production").utf8)) as? [String: Any]
            return listing?.values.compactMap { $0 as? [String: Any] }.first { $0["name"] as? String == "tls-shop-acme-test" }
        }
        let first = try XCTUnwrap(try secret(), "the secret exists")
        XCTAssertEqual(first["revision"] as? Int, 1)
        XCTAssertTrue((first["description"] as? String)?.contains("serial \(try facts().serial)") ?? false, "\(first)")
        XCTAssertEqual(try certs("plan").status, 0, "delivered: nothing to do")

        try repository.write("tenantctl.yaml", fleet(renewBefore: "1d"))
        _ = try repository.commit("renew early")
        let renew = try certs("apply", "--auto-approve", extra: ["JUJU_SIM_CALL_LOG": log])
        XCTAssertEqual(renew.status, 0, "\(renew)")
        let second = try XCTUnwrap(try secret())
        XCTAssertEqual(second["revision"] as? Int, 2, "the renewed certificate is a new revision")
        XCTAssertTrue((second["description"] as? String)?.contains("serial \(try facts().serial)") ?? false, "\(second)")

        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(calls.contains { $0.hasPrefix("grant-secret") }, calls.joined(separator: "\n"))
        for call in calls { XCTAssertNotNil(JujuCommandContract.entry(for: call), "juju \(call) is not in the command contract") }
        let used = Set(calls.compactMap(JujuCommandContract.entry(for:)))
        XCTAssertEqual(Set(JujuCommandContract.exercisedElsewhere.keys).subtracting(used), [], "the secret forms the contract leaves to this test")
        let lines = try keyLines()
        for line in lines { XCTAssertFalse((apply.stdout + apply.stderr + renew.stdout + renew.stderr).contains(line), "private key material in an output") }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: fixture.root + "/snap/juju/common/tenantctl").contains { $0.hasSuffix(".pem") },
                       "the copies for juju are gone")
    }

    /// A CA that requires external account binding: the key id and HMAC key come from Vault
    /// references, reach certbot through a 0600 configuration file, and appear nowhere else.
    func testExternalAccountBindingFromVaultReferences() throws {
        pebble.stop()
        let hmac = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        pebble = try PebbleServer(dnsServer: bind.server, eabKeys: ["kid-tenantctl": hmac])
        try repository.write("tenantctl.yaml", fleet().replacingOccurrences(of: "    renewBefore: 0.5\n", with: """
                renewBefore: 0.5
                eab: {kid: "vault:acme/eab#kid", hmacKey: "vault:acme/eab#hmac"}

            """))
        _ = try repository.commit("EAB")
        let secrets = ReconcileRepository.secrets + "\"dns/bind#tsig_secret\": \"\(bind.secret)\"\n\"acme/eab#kid\": \"kid-tenantctl\"\n\"acme/eab#hmac\": \"\(hmac)\"\n"
        try Data(secrets.utf8).write(to: URL(fileURLWithPath: secretsFile))
        let apply = try certs("apply", "--auto-approve")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertEqual(try facts().names, ["shop.acme.test"])
        XCTAssertFalse((apply.stdout + apply.stderr).contains(hmac), "the HMAC key is in no output")
        let runs = fixture.path("state") + "/certbot/runs"
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: runs), [], "the hook context and EAB file are gone")
    }

    /// A CA that allows one new certificate per registered domain in a 25-second window: the
    /// plan orders the first of two shops of acme.test and withholds the second, saying which
    /// limit, how full it is and when it frees up; the journal holds the order; the apply after
    /// the window issues the second.
    func testARateLimitWithholdsTheSecondCertificateUntilItsWindowFreesUp() throws {
        try repository.write("tenantctl.yaml", fleet().replacingOccurrences(of: "    renewBefore: 0.5\n", with: """
                renewBefore: 0.5
                rateLimits:
                  certificatesPerRegisteredDomain: {count: 1, window: 25s}

            """))
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: """
              domains:
                - {host: shop.acme.test, target: {address: 192.0.2.10}}
                - {host: www.acme.test, target: {address: 192.0.2.11}}

            """))
        _ = try repository.commit("two shops, a low limit")
        let limit = "ACME rate limit certificates per registered domain acme.test (1 per 25 seconds)"
        let plan = try certs("plan")
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("cert.issue") && plan.stdout.contains("shop.acme.test"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains(limit + " at \(pebble.directory): 0 used in the window, 1 planned; 1 more order(s) withheld"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("cert.issue www.acme.test (www.acme.test) withheld: " + limit + ": 0 used in the window, 1 planned before this one"), plan.stdout)

        let apply = try certs("apply", "--auto-approve")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertEqual(try facts().names, ["shop.acme.test"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(certbotFolder)/live/acme_production_www.acme.test"), "withheld: not ordered")
        let orders = try StateStore(directory: fixture.path("state")).certificateOrders(since: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(orders.map(\.names), [["shop.acme.test"]])
        XCTAssertEqual(orders.map(\.issued), [true])
        XCTAssertEqual(orders.map(\.directory), [pebble.directory])

        let held = try certs("plan")
        XCTAssertEqual(held.status, 2, "\(held)")
        XCTAssertTrue(held.stdout.contains(limit + " at \(pebble.directory): 1 used in the window, 0 planned; 1 more order(s) withheld"), held.stdout)

        let wait = orders[0].orderedAt.addingTimeInterval(26).timeIntervalSinceNow
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        let after = try certs("apply", "--auto-approve")
        XCTAssertEqual(after.status, 0, "\(after)")
        let www = try String(contentsOfFile: "\(certbotFolder)/live/acme_production_www.acme.test/cert.pem", encoding: .utf8)
        XCTAssertEqual(try LineageReader.facts(pem: www, directory: nil).names, ["www.acme.test"])
        XCTAssertEqual(try certs("plan").status, 0)
    }

    func testALineageRemovedByHandIsIssuedAgain() throws {
        XCTAssertEqual(try certs("apply", "--auto-approve").status, 0)
        try FileManager.default.removeItem(atPath: "\(certbotFolder)/live/\(lineage)")
        let plan = try certs("plan")
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("cert.issue"), plan.stdout)
        let apply = try certs("apply", "--auto-approve")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertEqual(try facts().names, ["shop.acme.test"])
        XCTAssertEqual(try certs("plan").status, 0)
    }

    func testTheCADownFailsTheCertificateOnlyWithAClearError() throws {
        pebble.stop()
        let apply = try certs("apply", "--auto-approve")
        XCTAssertEqual(apply.status, 1, "\(apply)")
        XCTAssertTrue((apply.stdout + apply.stderr).contains("certbot failed"), "\(apply)")
        XCTAssertEqual(try bind.query("shop.acme.test", "A"), ["192.0.2.10"], "the record was written all the same")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(certbotFolder)/live/\(lineage)"))
    }

    /// A `dig` that never sees the challenge: the hook gives up after its time limit, certbot's
    /// cleanup removes the value, and nothing is left half done.
    func testAChallengeThatNeverPropagatesFailsClearly() throws {
        let bin = fixture.path("fake-bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        // Only the challenge's TXT is hidden: the record's own A passes the DNS health gate.
        let script = "#!/bin/sh\ncase \"$*\" in *norecurse*TXT) exit 0;; esac\nexec /usr/bin/dig \"$@\"\n"
        try script.write(toFile: bin + "/dig", atomically: true, encoding: .utf8)
        chmod(bin + "/dig", 0o755)
        let apply = try certs("apply", "--auto-approve", path: bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"))
        XCTAssertEqual(apply.status, 1, "\(apply)")
        XCTAssertTrue((apply.stdout + apply.stderr).contains("still did not answer it after 3 s"), "\(apply)")
        XCTAssertEqual(try bind.query("_acme-challenge.shop.acme.test", "TXT"), [], "the cleanup hook ran")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(certbotFolder)/live/\(lineage)"))
    }
}
