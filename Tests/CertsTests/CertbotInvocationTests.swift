@testable import CertsDriver
import XCTest

/// certbot's command line: non-interactive, DNS-01 through tenantctl's hooks, tenantctl's own
/// folders, and nothing secret on it.
final class CertbotInvocationTests: XCTestCase {
    func invocation(renew: Bool = false, eab: String? = nil) -> CertbotInvocation {
        CertbotInvocation(configDirectory: "/s/certbot/config", workDirectory: "/s/certbot/work", logsDirectory: "/s/certbot/logs",
                          directory: "https://acme.test/dir", email: "ops@acme.test", lineage: "acme_production_shop.acme.test",
                          names: ["shop.acme.test", "*.shop.acme.test"], hookCommand: CertbotInvocation.shellQuoted("/opt/tenant ctl") + " cert-hook",
                          forceRenewal: renew, eabConfigFile: eab)
    }

    func testAnOrderIsNonInteractiveThroughTheHooksInTenantctlsFolders() {
        let arguments = invocation().arguments
        XCTAssertEqual(Array(arguments.prefix(2)), ["certonly", "--non-interactive"])
        for flag in ["--agree-tos", "--manual", "--no-eff-email"] { XCTAssertTrue(arguments.contains(flag), flag) }
        func value(_ flag: String) -> String? { arguments.firstIndex(of: flag).map { arguments[$0 + 1] } }
        XCTAssertEqual(value("--preferred-challenges"), "dns")
        XCTAssertEqual(value("--manual-auth-hook"), "'/opt/tenant ctl' cert-hook auth")
        XCTAssertEqual(value("--manual-cleanup-hook"), "'/opt/tenant ctl' cert-hook cleanup")
        XCTAssertEqual(value("--config-dir"), "/s/certbot/config")
        XCTAssertEqual(value("--work-dir"), "/s/certbot/work")
        XCTAssertEqual(value("--logs-dir"), "/s/certbot/logs")
        XCTAssertEqual(value("--server"), "https://acme.test/dir")
        XCTAssertEqual(value("--cert-name"), "acme_production_shop.acme.test")
        XCTAssertEqual(arguments.suffix(4), ["-d", "shop.acme.test", "-d", "*.shop.acme.test"])
        XCTAssertFalse(arguments.contains("--force-renewal"))
    }

    func testARenewalForcesTheOrder() {
        XCTAssertTrue(invocation(renew: true).arguments.contains("--force-renewal"))
    }

    func testEABGoesThroughAConfigFileNeverTheCommandLine() {
        let arguments = invocation(eab: "/s/certbot/runs/run-x/eab.ini").arguments
        XCTAssertEqual(Array(arguments.prefix(2)), ["--config", "/s/certbot/runs/run-x/eab.ini"])
        XCTAssertFalse(arguments.contains { $0.hasPrefix("--eab") })
    }

    func testHookWordsSurviveTheShell() {
        XCTAssertEqual(CertbotInvocation.shellQuoted("/a b/it's"), "'/a b/it'\\''s'")
        XCTAssertEqual(CertbotInvocation.shellQuoted("/usr/bin/tenantctl"), "/usr/bin/tenantctl", "certbot looks the first word up as it is")
    }

    /// What certbot's output says decides whether the walker tries the order again.
    func testWhichCertbotFailuresAreRetried() {
        let retried = [
            "An unexpected error occurred: | AttributeError: can't set attribute | Requesting a certificate for c015.certs-bench.bibind.cloud",
            "Another instance of Certbot is already running.",
            "urn:ietf:params:acme:error:badNonce :: JWS has an invalid anti-replay nonce",
            "Max retries exceeded with url: /dir (Caused by NewConnectionError: Connection refused)",
        ]
        for text in retried { XCTAssertTrue(CertsDriver.looksTransient(text), text) }
        let final = ["urn:ietf:params:acme:error:unauthorized :: Incorrect TXT record", "hook exited with status 1"]
        for text in final { XCTAssertFalse(CertsDriver.looksTransient(text), text) }
    }
}
