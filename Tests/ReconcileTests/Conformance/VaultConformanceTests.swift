import Foundation
import HTTPClient
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import TenantCore
import VaultDriver
import XCTest

/// Vault against vault-sim, through the shared conformance suite, with Juju (juju-sim) beside it:
/// Vault's changes are the checks of the secrets Juju's changes use.
final class VaultConformanceTests: XCTestCase {
    struct Harness: ConformanceHarness, @unchecked Sendable {
        let juju: SimulatedJuju
        let vault: VaultSimServer
        let journal = MemoryJournal()
        let desired = DesiredState(environments: [
            Environments.environment("acme/production", kind: .k8s, applications: [
                Environments.application("shop", units: 1, config: ["admin-password": .secret(VaultReference(path: "tenants/acme/db", key: "password"))]),
            ]),
        ])

        var system: any RegisteredSystem { VaultSystem() }
        var systems: [any RegisteredSystem] { [JujuSystem(), VaultSystem()] }
        var request: ObservationRequest { ObservationRequest(desired: desired, fleet: nil) }
        var options: PlanOptions { PlanOptions(owned: JujuPlan.owned(models: (try? journal.managedModels()) ?? [:])) }

        var store: VaultHTTPStore {
            VaultHTTPStore(settings: VaultConnection(address: URL(string: vault.address)!, mount: "secret", namespace: nil, caFile: nil,
                                                     auth: .token("tenantctl")),
                           configuration: HTTPClientConfiguration(retry: HTTPRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10))))
        }

        func drivers() -> [any SystemDriver] {
            let store = self.store
            let cli = juju.cli()
            let executor = JujuExecutor(juju: cli, desired: desired, journal: journal, secrets: StoreSecretSource(store: store),
                                        gate: HealthGate(timeout: .seconds(20), settle: .zero, interval: .milliseconds(100)))
            return [JujuDriver(observer: Observer(juju: cli, parallelism: 4, journal: journal), executor: executor), VaultDriver(store: store)]
        }

        /// The next three Vault requests answer 503: the first check's two HTTP attempts fail,
        /// the walker tries the check again.
        func flakyDrivers() async throws -> [any SystemDriver] {
            try vault.admin("fail", #"{"count": 3, "status": 503}"#)
            return drivers()
        }

        func doOutOfBand(_ change: Change) async throws -> Bool { false }
    }

    static let config = """
    {"mounts": ["secret"],
     "policies": {"tenantctl": [{"path": "secret/*", "capabilities": ["read", "list"]}]},
     "tokens": [{"id": "tenantctl", "policies": ["tenantctl"], "ttl": "1h"}],
     "secrets": [{"path": "tenants/acme/db", "data": {"password": "s3cret-value"}}]}
    """

    var harness: Harness!

    override func setUpWithError() throws {
        harness = Harness(juju: try SimulatedJuju(), vault: try VaultSimServer(config: Self.config))
    }

    override func tearDown() {
        harness?.vault.stop()
        harness = nil
    }

    func testObservingTwiceGivesTheSameFingerprints() async {
        await SystemConformance(harness: harness).observingTwiceGivesTheSameFingerprints()
    }

    func testApplyingThenPlanningAgainGivesNoChange() async {
        await SystemConformance(harness: harness).applyingThenPlanningAgainGivesNoChange()
    }

    func testATransientErrorIsRetried() async {
        await SystemConformance(harness: harness).aTransientErrorIsRetried()
    }

    func testAnAlreadyDoneChangeCountsAsDone() async throws {
        try await SystemConformance(harness: harness).anAlreadyDoneChangeCountsAsDone()
    }
}
