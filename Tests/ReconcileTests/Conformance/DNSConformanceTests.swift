import DNSDriver
import DNSPlanning
import Foundation
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// DNS against a real bind9 (RFC 2136 updates and AXFR with TSIG), through the shared
/// conformance suite.
final class DNSConformanceTests: XCTestCase {
    /// The TSIG secret as a Vault reference would give it.
    struct Secrets: SecretSource {
        let secret: String
        func value(for reference: VaultReference) async throws -> String { secret }
    }

    /// The driver under test, whose first attempt at each change fails as a dropped connection would.
    final class FlakyDNSDriver: SystemDriver, @unchecked Sendable {
        let inner: DNSDriver
        private var failed = Set<String>()
        private let lock = NSLock()

        init(_ inner: DNSDriver) { self.inner = inner }

        var system: String { inner.system }
        func observe(_ request: ObservationRequest) async -> any SystemObservation { await inner.observe(request) }
        func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
            let first = lock.withLock { failed.insert(change.id).inserted }
            if first { throw DNSProviderError(.transient, "connection reset by peer") }
            return try await inner.apply(change, inputs: inputs)
        }
        func classify(_ error: any Error) -> ErrorClass { inner.classify(error) }
    }

    struct Harness: ConformanceHarness, @unchecked Sendable {
        let bind: BindServer
        var desired: DesiredState {
            let domains = [
                DesiredDomain(host: "www.acme.test", zone: "acme.test", provider: "bind", providerType: .rfc2136, record: .a,
                              target: .address("192.0.2.10"), tls: false, register: false),
                DesiredDomain(host: "shop.acme.test", zone: "acme.test", provider: "bind", providerType: .rfc2136, record: .cname,
                              target: .cname("www.acme.test"), tls: false, register: false),
            ]
            var environment = Environments.environment("acme/production", kind: .k8s, applications: [])
            environment.domains = domains
            return DesiredState(environments: [environment], dns: DesiredDNS(
                ownerId: "conformance", zones: [DesiredZone(zone: "acme.test", provider: "bind", providerType: .rfc2136, wildcard: false)],
                providers: ["bind": DesiredDNSProvider(kind: .rfc2136, settings: ["server": "ns.invalid:53", "tsigKeyName": bind.keyName],
                                                      credentials: ["tsigSecret": "vault:dns/bind#tsig_secret"])]))
        }

        var system: any RegisteredSystem { DNSSystem() }
        var systems: [any RegisteredSystem] { [DNSSystem()] }
        var request: ObservationRequest { ObservationRequest(desired: desired, fleet: nil) }
        var options: PlanOptions { PlanOptions() }

        var driver: DNSDriver {
            DNSDriver(settings: DNSDriverSettings(secrets: Secrets(secret: bind.secret), endpoints: ["bind": bind.endpoint], timeout: .seconds(10)),
                      desired: desired)
        }

        func drivers() -> [any SystemDriver] { [driver] }

        func flakyDrivers() async throws -> [any SystemDriver] { [FlakyDNSDriver(driver)] }

        /// The record and its ownership TXT written with nsupdate, as an interrupted run would leave them.
        func doOutOfBand(_ change: Change) async throws -> Bool {
            guard change.kind == .dnsUpsert, case let .string(name)? = change.parameters["name"], case let .string(type)? = change.parameters["type"],
                  case let .strings(values)? = change.parameters["values"], case let .string(ownership)? = change.parameters["ownership"] else { return false }
            try bind.nsupdate(zone: "acme.test", values.map { "update add \(name). 300 \(type) \(type == "CNAME" ? $0 + "." : $0)" }
                + ["update add _tenantctl.\(name). 300 TXT \"\(ownership)\""])
            return true
        }
    }

    var harness: Harness!

    override func setUpWithError() throws {
        harness = Harness(bind: try BindServer(zones: ["acme.test": []]))
    }

    override func tearDown() {
        harness?.bind.stop()
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
