import CertsDriver
import CertsPlanning
import DNSDriver
import DNSPlanning
import Foundation
import GitTestSupport
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// Certificates against pebble, certbot and a real bind9, through the shared conformance
/// suite, planned after DNS (their record first) as in the registry.
final class CertsConformanceTests: XCTestCase {
    struct Secrets: SecretSource {
        let secret: String
        func value(for reference: VaultReference) async throws -> String { secret }
    }

    /// The certificate driver, whose first attempt at each change fails as an unreachable CA would.
    final class FlakyCertsDriver: SystemDriver, @unchecked Sendable {
        let inner: CertsDriver
        private var failed = Set<String>()
        private let lock = NSLock()

        init(_ inner: CertsDriver) { self.inner = inner }

        var system: String { inner.system }
        func observe(_ request: ObservationRequest) async -> any SystemObservation { await inner.observe(request) }
        func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
            let first = lock.withLock { failed.insert(change.id).inserted }
            if first { throw CertsDriverError("certbot failed: Connection refused", transient: true) }
            return try await inner.apply(change, inputs: inputs)
        }
        func classify(_ error: any Error) -> ErrorClass { inner.classify(error) }
    }

    struct Harness: ConformanceHarness, @unchecked Sendable {
        let bind: BindServer
        let pebble: PebbleServer
        let state: String

        var desired: DesiredState {
            var environment = Environments.environment("acme/production", kind: .k8s, applications: [])
            environment.domains = [DesiredDomain(host: "www.acme.test", zone: "acme.test", provider: "bind", providerType: .rfc2136, record: .a,
                                                 target: .address("192.0.2.10"), tls: true, register: false)]
            return DesiredState(environments: [environment], dns: DesiredDNS(
                ownerId: "conformance", zones: [DesiredZone(zone: "acme.test", provider: "bind", providerType: .rfc2136, wildcard: false)],
                providers: ["bind": DesiredDNSProvider(kind: .rfc2136, settings: ["server": "ns.invalid:53", "tsigKeyName": bind.keyName],
                                                      credentials: ["tsigSecret": "vault:dns/bind#tsig_secret"])]),
                certificates: DesiredCertificates(directory: pebble.directory, email: "ops@acme.test"))
        }

        var system: any RegisteredSystem { CertsSystem() }
        var systems: [any RegisteredSystem] { [DNSSystem(), CertsSystem()] }
        var request: ObservationRequest { ObservationRequest(desired: desired, fleet: nil) }
        var options: PlanOptions { PlanOptions() }

        var certs: CertsDriver {
            get throws {
                CertsDriver(settings: CertsDriverSettings(directory: state, hookBinary: try ProductBinary.locate("tenantctl"),
                                                          secrets: Secrets(secret: bind.secret), dnsEndpoints: ["bind": bind.endpoint],
                                                          dnsTimeout: .seconds(10), propagationTimeout: .seconds(10),
                                                          environment: ["REQUESTS_CA_BUNDLE": pebble.caBundle]),
                            desired: desired)
            }
        }

        var dns: DNSDriver {
            DNSDriver(settings: DNSDriverSettings(secrets: Secrets(secret: bind.secret), endpoints: ["bind": bind.endpoint], timeout: .seconds(10)),
                      desired: desired)
        }

        func drivers() -> [any SystemDriver] { [dns] + ((try? certs).map { [$0] } ?? []) }

        func flakyDrivers() async throws -> [any SystemDriver] { [dns, FlakyCertsDriver(try certs)] }

        /// The certificate obtained by another run (one that was interrupted before it could
        /// journal). DNS-01 needs no A record, only the challenge TXT.
        func doOutOfBand(_ change: Change) async throws -> Bool {
            guard change.kind == .certIssue else { return false }
            // As the walker would: pebble rejects nonces on purpose, and Debian's certbot can
            // crash on a rejected one (certbot#9539); this test is about what comes after.
            for attempt in 1...3 {
                do {
                    _ = try await certs.apply(change, inputs: ChangeInputs())
                    return true
                } catch where attempt < 3 {
                    continue
                }
            }
            return false
        }
    }

    var harness: Harness!

    override func setUpWithError() throws {
        let bind = try BindServer(zones: ["acme.test": []])
        let state = NSTemporaryDirectory() + "tenantctl-certs-conformance-\(UUID().uuidString.prefix(8))"
        harness = Harness(bind: bind, pebble: try PebbleServer(dnsServer: bind.server), state: state)
    }

    override func tearDown() {
        harness?.pebble.stop()
        harness?.bind.stop()
        if let state = harness?.state { try? FileManager.default.removeItem(atPath: state) }
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
