import Foundation
import GitTestSupport
import XCTest

/// A juju-sim world, the fleet committed to a git repository, a state directory, and helpers to
/// run `tenantctl serve` and the other commands against them as processes.
class ServeCase: XCTestCase {
    var fixture: GitFixture!
    var repository: WorkTree!
    var simHome: String!
    var servers: [ServeProcess] = []

    override func setUpWithError() throws {
        fixture = try GitFixture(prefix: "tenantctl-serve")
        repository = try fixture.workTree("tenants")
        for (path, content) in ServeFleet.files { try repository.write(path, content) }
        _ = try repository.commit("Fleet")
        try Data(ServeFleet.secrets.utf8).write(to: URL(fileURLWithPath: fixture.path("secrets.yaml")))
        chmod(fixture.path("secrets.yaml"), 0o600)
        simHome = fixture.path("sim")
        try juju("bootstrap", "microk8s", "k8s")
        try juju("bootstrap", "openstack", "cloud")
    }

    override func tearDown() {
        for server in servers { server.kill() }
        servers = []
        fixture?.remove()
    }

    /// juju-sim's latency for the calls of tenantctl (not of the test's own checks).
    var latencyMilliseconds = 0

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("JUJU_") && !$0.key.hasPrefix("TENANTCTL_") }
        environment["JUJU_SIM_HOME"] = simHome
        environment["JUJU_SIM_SETTLE_SECONDS"] = "0.1"
        if latencyMilliseconds > 0 { environment["JUJU_SIM_LATENCY_MS"] = String(latencyMilliseconds) }
        environment["HOME"] = fixture.root
        environment["TENANTCTL_JUJU_BIN"] = (try? ProductBinary.locate("juju-sim")) ?? "juju-sim"
        environment["TENANTCTL_STATE_DIR"] = fixture.path("state")
        environment["TENANTCTL_CACHE_DIR"] = fixture.path("cache")
        environment["TENANTCTL_SECRETS_FILE"] = fixture.path("secrets.yaml")
        return environment
    }

    @discardableResult
    func juju(_ arguments: String...) throws -> String {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("JUJU_") }
        environment["JUJU_SIM_HOME"] = simHome
        let result = try ChildProcess.run(try ProductBinary.locate("juju-sim"), arguments, environment: environment, timeout: 60)
        guard result.status == 0 else { throw FixtureError("juju-sim \(arguments.joined(separator: " ")): \(result)") }
        return result.stdout
    }

    /// The models juju-sim holds, as `controller:model`.
    func models() throws -> Set<String> {
        var names: Set<String> = []
        for controller in ["k8s", "cloud"] {
            let text = try juju("models", "-c", controller, "--format=json")
            let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            for model in document?["models"] as? [[String: Any]] ?? [] {
                if let name = model["short-name"] as? String ?? model["name"] as? String, name != "controller" {
                    names.insert("\(controller):\(name.split(separator: "/").last.map(String.init) ?? name)")
                }
            }
        }
        return names
    }

    /// Units of an application, as juju-sim shows them (0 while the model does not exist).
    func units(_ model: String, _ application: String) throws -> Int {
        guard let text = try? juju("status", "-m", model, "--format=json") else { return 0 }
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let applications = document?["applications"] as? [String: [String: Any]] ?? [:]
        return (applications[application]?["units"] as? [String: Any])?.count ?? 0
    }

    @discardableResult
    func tenantctl(_ arguments: String..., timeout: TimeInterval = 120) throws -> ProcessResult {
        try tenantctl(arguments: arguments, timeout: timeout)
    }

    @discardableResult
    func tenantctl(arguments: [String], timeout: TimeInterval = 120) throws -> ProcessResult {
        try ChildProcess.run(try ProductBinary.locate("tenantctl"), arguments, environment: environment, timeout: timeout)
    }

    func serve(_ extra: [String] = [], token: String? = "s3cret-token", environment overrides: [String: String] = [:]) throws -> ServeProcess {
        var environment = self.environment.merging(overrides) { $1 }
        if let token { environment["TENANTCTL_WEBHOOK_TOKEN"] = token }
        let server = try ServeProcess.start(["serve", "--repo", repository.path, "--listen", "127.0.0.1:0", "--interval", "3600",
                                             "--drift-interval", "3600", "--settle", "0.1"] + extra,
                                            environment: environment, log: fixture.path("serve-\(servers.count).log"))
        servers.append(server)
        return server
    }

    /// Polls `condition` until it holds, or fails after `timeout` seconds (generous: the machine
    /// is shared; no assertion depends on how fast it is).
    func eventually(_ what: String, timeout: TimeInterval = 120, file: StaticString = #filePath, line: UInt = #line,
                    _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("timed out waiting for \(what)", file: file, line: line)
    }

    /// Each change's successful attempts, across every run in the journal: a change done twice
    /// would show 2. Checks and waits (they change nothing) are done by every run, and left out.
    func succeededAttempts() throws -> [String: Int] {
        let history = try tenantctl("history", "--output", "json", "--limit", "100")
        let list = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any]
        let runs = list?["runs"] as? [[String: Any]] ?? []
        var counts: [String: Int] = [:]
        for run in runs {
            guard let id = run["id"] as? Int else { continue }
            let detail = try tenantctl("history", "--run", String(id), "--output", "json")
            let document = try JSONSerialization.jsonObject(with: Data(detail.stdout.utf8)) as? [String: Any]
            for action in document?["actions"] as? [[String: Any]] ?? [] where action["result"] as? String == "succeeded"
                && !["vault.check", "juju.wait"].contains(action["kind"] as? String ?? "") {
                counts[action["action_id"] as? String ?? "?", default: 0] += 1
            }
        }
        return counts
    }
}
