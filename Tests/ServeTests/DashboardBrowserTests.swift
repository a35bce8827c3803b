import Foundation
import GitTestSupport
import XCTest

/// The dashboard in a real browser, headless Chromium from Debian, on the example fleet
/// (examples/tenants-repo) after serve's first run against juju-sim, its OVH zones in ovh-sim:
/// every tenant and environment is on the page with the run's outcome, no secret is, and
/// phone-sized screenshots are taken (kept in .build/screenshots/ to be looked at).
final class DashboardBrowserTests: ServeCase {
    private var ovh: Process?

    override func tearDown() {
        if let ovh, ovh.isRunning {
            ovh.terminate()
            ovh.waitUntilExit()
        }
        ovh = nil
        super.tearDown()
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = root.appendingPathComponent("examples/tenants-repo")

    func testChromiumShowsTheExampleFleetAfterARunOnAPhone() throws {
        let chromium = try Chromium.locate(profile: fixture.path("chromium-profile"))
        let repository = try fixture.workTree("example")
        let files = try Self.exampleFiles()
        for (path, content) in files { try repository.write(path, content) }
        _ = try repository.commit("The example fleet")
        try juju("bootstrap", "microk8s", "bibind-k8s")
        try juju("bootstrap", "openstack-gra", "bibind-openstack")

        // Every Vault reference of the example gets a value of its own, each a canary that no
        // page may show.
        let references = Set(files.values.flatMap { Self.vaultReferences(in: $0) }).sorted()
        XCTAssertGreaterThan(references.count, 5)
        var values: [String: String] = [:]
        var secrets = ""
        for (index, reference) in references.enumerated() {
            let value = "canary-\(index)-5e0c-never-on-a-page"
            values[reference] = value
            secrets += "\"\(reference)\": \"\(value)\"\n"
        }
        let canaries = Array(values.values)
        let secretsFile = fixture.path("example-secrets.yaml")
        try Data(secrets.utf8).write(to: URL(fileURLWithPath: secretsFile))
        chmod(secretsFile, 0o600)
        // OVH's zones in ovh-sim, with the keys the fleet's references hold. Route 53 and the
        // bind-gra server point at a loopback port nothing listens on: the two environments that
        // need them are not observed (the page says so), and nothing leaves the machine.
        let ovhPort = try startOVHSim(applicationKey: try XCTUnwrap(values["platform/dns/ovh#application_key"]),
                                      applicationSecret: try XCTUnwrap(values["platform/dns/ovh#application_secret"]),
                                      consumerKey: try XCTUnwrap(values["platform/dns/ovh#consumer_key"]))
        let closed = try TestNetwork.freePort()
        let dns = "ovh=http://127.0.0.1:\(ovhPort)/1.0,route53=http://127.0.0.1:\(closed),bind-gra=127.0.0.1:\(closed)"
        let server = try serve(["--repo", repository.path, "--dns-timeout", "5"],
                               environment: ["TENANTCTL_SECRETS_FILE": secretsFile, "TENANTCTL_DNS_ENDPOINTS": dns])
        try eventually("the first run", timeout: 900) { !server.lines("run").isEmpty }
        let history = try tenantctl("history", "--output", "json")
        let runs = (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]] ?? []
        let run = try XCTUnwrap(runs.first, history.stdout)
        let runID = try XCTUnwrap(run["id"] as? Int)
        let status = try XCTUnwrap(run["status"] as? String)

        let url = "http://127.0.0.1:\(server.port)/"
        let dom = try chromium.dumpDOM(url)
        // Every tenant and environment of the example, as `tenantctl render` resolves them.
        let environments = try Self.environments(of: Array(Set(files.keys.compactMap(Self.tenantName))).sorted()) { arguments in
            try tenantctl(arguments: ["render", "--repo", repository.path] + arguments)
        }
        XCTAssertGreaterThanOrEqual(environments.count, 10, "\(environments)")
        for (tenant, environment) in environments {
            XCTAssertTrue(dom.contains("<section id=\"tenant-\(tenant)\"><h2>\(tenant)"), "tenant \(tenant) missing from the page:\n\(dom)")
            XCTAssertTrue(dom.contains("id=\"env-\(tenant)/\(environment)\""), "\(tenant)/\(environment) missing from the page")
        }
        XCTAssertTrue(dom.contains("<a href=\"runs/\(runID)\">Run #\(runID)</a> <span class=\"badge \(status == "succeeded" ? "ok" : "bad")\">\(status)</span>"),
                      "the run and its outcome (\(status)):\n\(dom)")
        XCTAssertTrue(dom.contains("applied "), "environments the run applied say so:\n\(dom)")
        // One card per environment, and one per shared offer's own model (mutualise@shared/…).
        let cards = dom.components(separatedBy: "<article class=\"card\" id=\"env-").dropFirst()
        XCTAssertEqual(cards.filter { !($0.prefix { $0 != "\"" }.contains("@shared/")) }.count, environments.count, "one card per tenant environment")
        XCTAssertTrue(dom.contains("<section id=\"tenant-shared\"><h2>shared models"), "the shared offer's models have their section")
        // The environments whose DNS provider is out of reach come first, saying why.
        XCTAssertTrue(dom.contains("<h2>Needs attention</h2>"), dom)
        XCTAssertTrue(dom.contains("<a href=\"#env-maison-lefebvre/production\">maison-lefebvre/production</a>"), dom)
        XCTAssertTrue(dom.contains("not observed: "), dom)
        XCTAssertFalse(dom.contains("<script"), dom)

        let runPage = try chromium.dumpDOM(url + "runs/\(runID)")
        XCTAssertTrue(runPage.contains("Run #\(runID)") && runPage.contains("<code>juju.deploy</code>"), runPage)
        for (what, text) in [("fleet page", dom), ("run page", runPage), ("log", server.log)] {
            for canary in canaries { XCTAssertFalse(text.contains(canary), "a secret value is in the \(what)") }
        }

        // A phone: 390×844 CSS pixels.
        let screenshots = Self.root.appendingPathComponent(".build/screenshots").path
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        // And a laptop, for the wide layout.
        for (name, page, width, height) in [("dashboard-fleet-phone.png", url, 390, 844), ("dashboard-run-phone.png", url + "runs/\(runID)", 390, 844),
                                            ("dashboard-fleet-laptop.png", url, 1280, 900)] {
            let file = screenshots + "/" + name
            try? FileManager.default.removeItem(atPath: file)  // a stale one must not pass for this run's
            try chromium.screenshot(page, to: file, width: width, height: height)
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let header = try PNGHeader(data)
            XCTAssertEqual(header.width, width, name)
            XCTAssertEqual(header.height, height, name)
            XCTAssertGreaterThan(data.count, 10_000, "\(name) has something drawn on it")
            print("screenshot: \(file) (\(data.count) bytes)")
        }
    }

    /// ovh-sim with the example's zones (as the demo seeds it); its port.
    private func startOVHSim(applicationKey: String, applicationSecret: String, consumerKey: String) throws -> Int {
        let directory = fixture.path("ovh-sim")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ns = #"{"subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0}"#
        let config = """
            {"applications": [{"key": "\(applicationKey)", "secret": "\(applicationSecret)"}],
             "consumers": [{"key": "\(consumerKey)", "application": "\(applicationKey)"}],
             "zones": [{"name": "bibind.com", "records": [\(ns), {"subDomain": "*", "fieldType": "A", "target": "203.0.113.80", "ttl": 3600}]},
                       {"name": "cabinet-martin.fr", "records": [\(ns)]}, {"name": "groupe-rousseau.fr", "records": [\(ns)]},
                       {"name": "fromagerie-bernard.fr", "records": [\(ns)]}]}
            """
        try config.write(toFile: directory + "/sim.json", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("ovh-sim"))
        process.arguments = ["--listen", "127.0.0.1:0", "--port-file", directory + "/port", "--config", directory + "/sim.json",
                             "--log", directory + "/requests.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        ovh = process
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if let text = try? String(contentsOfFile: directory + "/port", encoding: .utf8),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return port
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw FixtureError("ovh-sim did not start")
    }

    /// The example repository's files, by path.
    static func exampleFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        let base = example.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { throw FixtureError("cannot read \(base)") }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[relative] = try String(contentsOfFile: base + "/" + relative, encoding: .utf8)
        }
        return files
    }

    /// `tenants/acme.yaml` and `tenants/acme/tenant.yaml` are tenant acme.
    static func tenantName(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        if parts.count == 2, parts[0] == "tenants", parts[1].hasSuffix(".yaml") { return String(parts[1].dropLast(5)) }
        if parts.count == 3, parts[0] == "tenants", parts[2] == "tenant.yaml" { return String(parts[1]) }
        return nil
    }

    static func vaultReferences(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "vault:([A-Za-z0-9/_.-]+#[A-Za-z0-9_.-]+)")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Each tenant's environments, from `tenantctl render <tenant> --output json`.
    static func environments(of tenants: [String], render: ([String]) throws -> ProcessResult) throws -> [(String, String)] {
        var found: [(String, String)] = []
        for tenant in tenants {
            let result = try render([tenant, "--output", "json"])
            guard result.status == 0 else { throw FixtureError("tenantctl render \(tenant): \(result)") }
            let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let list = (document as? [String: Any])?["environments"] as? [[String: Any]] ?? (document as? [[String: Any]]) ?? []
            for environment in list {
                guard let name = environment["environment"] as? String ?? environment["name"] as? String else { continue }
                found.append((tenant, name))
            }
            if list.isEmpty { throw FixtureError("tenantctl render \(tenant) listed no environment: \(result.stdout.prefix(500))") }
        }
        return found
    }
}
