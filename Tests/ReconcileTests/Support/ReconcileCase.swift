import Foundation
import GitTestSupport
import XCTest

/// A juju-sim world, a committed fleet repository and a state directory, driven through the real
/// `tenantctl` binary.
class ReconcileCase: XCTestCase {
    var sim: SimulatedJuju!
    var fixture: GitFixture!
    var repository: WorkTree!
    var secretsFile: String!

    override func setUpWithError() throws {
        sim = try SimulatedJuju(settleSeconds: 0.2)
        fixture = try GitFixture(prefix: "tenantctl-reconcile")
        repository = try ReconcileRepository.commit(in: fixture)
        secretsFile = fixture.path("secrets.yaml")
        try Data(ReconcileRepository.secrets.utf8).write(to: URL(fileURLWithPath: secretsFile))
        chmod(secretsFile, 0o600)
    }

    override func tearDown() {
        fixture?.remove()
        sim = nil
    }

    var environment: [String: String] {
        var environment = sim.environment
        environment["HOME"] = fixture.root
        environment["TENANTCTL_JUJU_BIN"] = sim.binary
        environment["TENANTCTL_STATE_DIR"] = fixture.path("state")
        environment["TENANTCTL_CACHE_DIR"] = fixture.path("cache")
        environment["TENANTCTL_SECRETS_FILE"] = secretsFile
        return environment
    }

    @discardableResult
    func tenantctl(_ arguments: String..., extra: [String: String] = [:], timeout: TimeInterval = 120) throws -> ProcessResult {
        try ChildProcess.run(try ProductBinary.locate("tenantctl"), arguments + ["--repo", repository.path],
                             environment: environment.merging(extra) { $1 }, timeout: timeout)
    }

    func tenantctlWithoutRepo(_ arguments: String...) throws -> ProcessResult {
        try ChildProcess.run(try ProductBinary.locate("tenantctl"), arguments, environment: environment, timeout: 60)
    }

    /// Units and machines of every model the fleet has, by model.
    func census() throws -> [String: String] {
        var result: [String: String] = [:]
        for model in ["k8s:acme-production", "k8s:bravo-production", "cloud:corp-production"] {
            let census = try sim.census(model)
            result[model] = census.units.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + " machines=\(census.machines)"
        }
        return result
    }

    static let converged = [
        "k8s:acme-production": "db=1,shop=2 machines=0",
        "k8s:bravo-production": "db=1,shop=2 machines=0",
        "cloud:corp-production": "db=1,shop=2 machines=5",
    ]
}
