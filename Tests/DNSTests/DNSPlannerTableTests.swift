@testable import DNSPlanning
import PlanModel
import TenantCore
import XCTest

final class DNSPlannerTableTests: XCTestCase {
    typealias F = DNSFixtures

    func testANewAddressRecordIsCreatedWithItsOwnershipTXT() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "192.0.2.1")])])
        let plan = F.plan(desired, F.observed([]))
        XCTAssertEqual(plan.changes.count, 1)
        let change = plan.changes[0]
        XCTAssertEqual(change.id, "dns.upsert dns:bind/acme.test/A/www")
        XCTAssertEqual(change.effect, .create)
        XCTAssertEqual(change.target, "www.acme.test A 300 192.0.2.1")
        XCTAssertEqual(change.tenant, "acme")
        XCTAssertEqual(change.environment, "acme/production")
        XCTAssertEqual(change.parameters["ownership"], .string("heritage=tenantctl,tenantctl/owner=test-fleet,tenantctl/tenant=acme,tenantctl/environment=production"))
    }

    func testAnApexGetsAnAddressAtTheAt() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("acme.test", address: "2001:db8::1")])])
        let plan = F.plan(desired, F.observed([]))
        XCTAssertEqual(plan.changes.map(\.id), ["dns.upsert dns:bind/acme.test/AAAA/@"])
    }

    func testAnOwnedRecordWithOtherValuesIsUpdatedShowingWhatItWas() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])])
        let plan = F.plan(desired, F.observed(F.owned("www.acme.test", .a, ["5.6.7.8"], environment: "acme/production")))
        XCTAssertEqual(plan.changes.map(\.effect), [.update])
        XCTAssertEqual(plan.changes.first?.target, "www.acme.test A 300 1.2.3.4 (was 5.6.7.8)")
        XCTAssertEqual(plan.changes.first?.reasons.map(\.field), ["values"])
    }

    func testAConvergedRecordPlansNothing() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", cname: "LB.Example.NET.")])])
        let plan = F.plan(desired, F.observed(F.owned("www.acme.test", .cname, ["lb.example.net"], environment: "acme/production")))
        XCTAssertEqual(plan, SystemPlan())
    }

    func testAChangedTTLIsAnUpdate() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4", ttl: 60)])])
        let plan = F.plan(desired, F.observed(F.owned("www.acme.test", .a, ["1.2.3.4"], environment: "acme/production", ttl: 60)
            .map { $0.type == "A" ? DNSRecordSet(name: $0.name, type: $0.type, ttl: 300, values: $0.values) : $0 }))
        XCTAssertEqual(plan.changes.first?.reasons.map(\.field), ["ttl"])
        XCTAssertEqual(plan.changes.first?.target, "www.acme.test A 60 1.2.3.4 (was ttl 300)")
    }

    func testAForeignRecordIsAConflictNeverAChange() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])])
        let plan = F.plan(desired, F.observed([DNSRecordSet(name: "www.acme.test", type: .a, ttl: 60, values: ["9.9.9.9"])]))
        XCTAssertEqual(plan.changes, [])
        XCTAssertEqual(plan.withheld.count, 1)
        XCTAssertTrue(plan.withheld[0].reason.hasPrefix("conflict: www.acme.test has records tenantctl does not own (there now: www.acme.test A 60 9.9.9.9)"), plan.withheld[0].reason)
        XCTAssertEqual(plan.withheld[0].kind, .dnsUpsert)
    }

    func testAForeignCNAMEBlocksAnAddressAndAdoptReplacesIt() {
        let foreign = [DNSRecordSet(name: "www.acme.test", type: .cname, ttl: 60, values: ["elsewhere.example"])]
        let refused = F.plan(F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])]), F.observed(foreign))
        XCTAssertEqual(refused.changes, [])
        XCTAssertEqual(refused.withheld.count, 1)
        let adopted = F.plan(F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4", adopt: true)])]), F.observed(foreign))
        XCTAssertEqual(adopted.withheld, [])
        XCTAssertEqual(adopted.changes.map(\.id), ["dns.upsert dns:bind/acme.test/A/www"])
        guard case let .strings(removed)? = adopted.changes.first?.parameters["remove"] else { return XCTFail("no removal") }
        XCTAssertEqual(removed.compactMap(RecordSetCoding.decode), foreign)
    }

    func testAnUnmanagedTypeBlockingACNAMEStaysAConflictEvenWithAdopt() {
        let mx = [DNSRecordSet(name: "www.acme.test", type: "MX", ttl: 60, values: ["10 mail.acme.test"])]
        let plan = F.plan(F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", cname: "lb.example", adopt: true)])]), F.observed(mx))
        XCTAssertEqual(plan.changes, [])
        XCTAssertTrue(plan.withheld.first?.reason.contains("a type tenantctl does not manage") == true)
    }

    func testAnMXBesideAnAddressIsNoConflict() {
        let mx = [DNSRecordSet(name: "www.acme.test", type: "MX", ttl: 60, values: ["10 mail.acme.test"])]
        let plan = F.plan(F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])]), F.observed(mx))
        XCTAssertEqual(plan.changes.map(\.effect), [.create])
    }

    func testARecordOwnedForAnotherTenantIsAConflict() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])])
        let plan = F.plan(desired, F.observed(F.owned("www.acme.test", .a, ["1.2.3.4"], environment: "bravo/production")))
        XCTAssertEqual(plan.changes, [])
        XCTAssertTrue(plan.withheld.first?.reason.contains("owned by tenantctl for bravo/production") == true, "\(plan.withheld)")
    }

    func testAHostMovedBetweenEnvironmentsOfOneTenantMovesItsRecord() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")]),
                                 F.environment("acme/staging", domains: [])])
        let plan = F.plan(desired, F.observed(F.owned("www.acme.test", .a, ["1.2.3.4"], environment: "acme/staging")))
        XCTAssertEqual(plan.withheld, [])
        XCTAssertEqual(plan.changes.map(\.reasons), [[Reason(field: "owner", desired: "test-fleet acme/production", observed: "test-fleet acme/staging")]])
    }

    func testARecordOfAnotherOwnerIdIsAConflictAndNeverDeleted() {
        let other = F.owned("old.acme.test", .a, ["1.2.3.4"], environment: "zeta/production", owner: "staging-fleet")
        let plan = F.plan(F.desired([]), F.observed(other), options: PlanOptions(pruneRemovedTenants: true))
        XCTAssertEqual(plan, SystemPlan())
    }

    func testAnOwnedRecordNoLongerWantedIsPlannedAsADeleteThatPruneWithholds() {
        let stale = F.owned("old.acme.test", .a, ["1.2.3.4"], environment: "acme/production")
        let pruning = F.plan(F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])]), F.observed(stale))
        let delete = pruning.changes.first { $0.kind == .dnsDelete }
        XCTAssertEqual(delete?.id, "dns.delete dns:bind/acme.test/A/old")
        XCTAssertEqual(delete?.effect, .delete)
        XCTAssertEqual(delete?.environment, "acme/production")
        XCTAssertEqual(delete?.tenant, "acme")
        guard case let .strings(removed)? = delete?.parameters["remove"] else { return XCTFail("nothing removed") }
        XCTAssertEqual(Set(removed.compactMap(RecordSetCoding.decode)), Set(stale))

        // The planner plans the delete whatever prune says; the chain's Prune withholds it.
        let unpruned = F.desired([F.environment("acme/production", domains: [], prune: false)])
        XCTAssertEqual(F.plan(unpruned, F.observed(stale)).changes.map(\.kind), [.dnsDelete])
        XCTAssertEqual(F.plan(unpruned, F.observed(stale)).withheld, [])
        let keeping = F.composed(unpruned, F.observed(stale))
        XCTAssertEqual(keeping.changes, [])
        XCTAssertEqual(keeping.withheld.map(\.kind), [.dnsDelete])
        XCTAssertEqual(keeping.withheld.map(\.cause), [.removal])
        XCTAssertEqual(keeping.withheld[0].reason, "record old.acme.test is no longer in the manifests; prune is off (set policy.prune: true in tenant acme, "
                       + "or defaults.policy.prune: true in tenantctl.yaml for tenants that set none)")
    }

    func testATenantGoneFromGitFollowsTheFleetDefaultPrune() {
        let stale = F.owned("old.acme.test", .a, ["1.2.3.4"], environment: "gone/production")
        XCTAssertEqual(F.composed(F.desired([]), F.observed(stale)).withheld.count, 1)
        XCTAssertEqual(F.composed(F.desired([]), F.observed(stale), options: PlanOptions(pruneRemovedTenants: true)).changes.map(\.kind), [.dnsDelete])
    }

    func testDeletesCountAgainstTheRemovalLimit() {
        let stale = F.owned("old.acme.test", .a, ["1.2.3.4"], environment: "acme/production")
            + F.owned("older.acme.test", .a, ["1.2.3.5"], environment: "acme/production")
        let plan = F.composed(F.desired([F.environment("acme/production", domains: [])]), F.observed(stale), options: PlanOptions(maxRemovals: 1))
        XCTAssertEqual(plan.changes, [])
        XCTAssertEqual(plan.withheld.map(\.kind), [.dnsDelete, .dnsDelete])
        XCTAssertEqual(Set(plan.withheld.map(\.reason)), ["the plan holds 2 removals, more than --max-removals 1"])
    }

    func testConflictsAndMissingZonesAreWithheldAsSuchNotAsRemovals() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4"),
                                                                            F.domain("www.other.test", address: "1.2.3.4", zone: "other.test")])])
        let observed = ObservedWorld(systems: ["dns": DNSObservation([
            ZoneObservation(zone: F.zone, provider: "bind", state: .observed([DNSRecordSet(name: "www.acme.test", type: .a, ttl: 60, values: ["9.9.9.9"])])),
            ZoneObservation(zone: "other.test", provider: "bind", state: .missing),
        ])])
        let plan = F.composed(desired, observed)
        XCTAssertEqual(plan.withheld.map(\.cause), [.conflict, .blocked])
        XCTAssertEqual(PlanTextRenderer(color: false).summaryLine(plan),
                       "Nothing to apply, but 1 conflict(s) and 1 blocked change(s) withheld (above): the world does not match the manifests.")
    }

    func testAFailedZoneHoldsBackTheEnvironmentAndDeletesNothing() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])])
        let failed = ObservedWorld(systems: ["dns": DNSObservation([ZoneObservation(zone: F.zone, provider: "bind", state: .failed("connection refused"))])])
        let plan = F.plan(desired, failed, options: PlanOptions(pruneRemovedTenants: true))
        XCTAssertEqual(plan.changes, [])
        XCTAssertEqual(plan.skipped, [SkippedEnvironment(environment: "acme/production", reason: "DNS zone acme.test at bind could not be read: connection refused")])
    }

    func testAWildcardWithTheSameTargetNeedsNoRecord() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("shop.acme.test", cname: "lb.acme.test"),
                                                                            F.domain("deep.shop.acme.test", cname: "lb.acme.test")])], wildcard: true)
        let plan = F.plan(desired, F.observed([DNSRecordSet(name: "*.acme.test", type: .cname, ttl: 300, values: ["lb.acme.test"])]))
        XCTAssertEqual(plan.changes.map(\.id), ["dns.upsert dns:bind/acme.test/CNAME/deep.shop"], "two labels down: not covered")
        XCTAssertEqual(plan.notes.map(\.text), ["shop.acme.test: no record of its own: *.acme.test already answers with the same target (CNAME lb.acme.test)"])
    }

    func testADomainWithoutTargetIsAnsweredByTheWildcard() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("shop.acme.test")])], wildcard: true)
        let plan = F.plan(desired, F.observed([DNSRecordSet(name: "*.acme.test", type: .a, ttl: 300, values: ["192.0.2.7"])]))
        XCTAssertEqual(plan.changes, [])
        XCTAssertEqual(plan.notes.map(\.text), ["shop.acme.test: answered by *.acme.test (A 192.0.2.7)"])
    }

    func testAnApplicationNotUpYetTakesItsAddressFromTheHealthGate() {
        let gate = Change(address: ChangeAddress(system: "juju", scope: "k8s/acme-production", resource: "health"), kind: ChangeKind("juju.wait"),
                          effect: .wait, tenant: "acme", environment: "acme/production", target: "health", reasons: [], dependsOn: [],
                          parameters: ["applications": .strings(["db", "traefik"])])
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("shop.acme.test", application: "traefik")])])
        let plan = F.plan(desired, F.observed([]), upstream: [gate])
        XCTAssertEqual(plan.changes.count, 1)
        XCTAssertEqual(plan.changes[0].dependsOn, [gate.id])
        XCTAssertEqual(plan.changes[0].parameters["application"], .string("traefik"))
        XCTAssertNil(plan.changes[0].parameters["values"])
        XCTAssertEqual(plan.changes[0].target, "shop.acme.test A 300 (address of traefik once it is up)")
    }

    func testAnApplicationUpUsesTheObservedAddress() {
        struct Addresses: SystemObservation, IngressAddresses {
            func ingressAddress(of application: String, in environment: DesiredEnvironment) -> String? { application == "traefik" ? "10.152.1.2" : nil }
            func encode(to encoder: Encoder) throws {}
        }
        var world = F.observed([])
        world.systems["juju"] = Addresses()
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("shop.acme.test", application: "traefik")])])
        let plan = F.plan(desired, world)
        XCTAssertEqual(plan.changes.first?.parameters["values"], .strings(["10.152.1.2"]))
        XCTAssertEqual(plan.changes.first?.dependsOn, [])
    }

    func testOwnershipTextRoundTripsAndRejectsForgeries() {
        let ownership = Ownership(owner: "fleet", tenant: "acme", environment: "production")
        XCTAssertEqual(Ownership.parse(ownership.text), ownership)
        XCTAssertNil(Ownership.parse("heritage=external-dns,external-dns/owner=default"))
        XCTAssertNil(Ownership.parse(ownership.text + ",tenantctl/owner=other"), "a repeated field")
        XCTAssertNil(Ownership.parse("v=spf1 -all"))
    }

    func testOVHZonesGetOnePublishPerEnvironmentAfterTheirWrites() {
        var domain = F.domain("www.acme.test", address: "1.2.3.4")
        domain.providerType = .ovh
        var desired = F.desired([F.environment("acme/production", domains: [domain])])
        desired.dns.zones = [DesiredZone(zone: F.zone, provider: "bind", providerType: .ovh, wildcard: false)]
        let plan = F.plan(desired, F.observed([]))
        XCTAssertEqual(plan.changes.map(\.kind), [.dnsUpsert, .dnsPublish])
        XCTAssertEqual(plan.changes[1].dependsOn, [plan.changes[0].id])
    }
}

final class IPv6TextTests: XCTestCase {
    func testAddressesGetTheirCanonicalText() {
        XCTAssertEqual(IPv6Text.canonical("2001:DB8:0:0:0:0:0:1"), "2001:db8::1")
        XCTAssertEqual(IPv6Text.canonical("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1", "the first of two equal runs")
        XCTAssertEqual(IPv6Text.canonical("2001:0db8::0001"), "2001:db8::1")
        XCTAssertEqual(IPv6Text.canonical("::"), "::")
        XCTAssertEqual(IPv6Text.canonical("::1"), "::1")
        XCTAssertEqual(IPv6Text.canonical("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1", "one zero group stays")
        XCTAssertEqual(IPv6Text.canonical("::ffff:192.0.2.1"), "::ffff:c000:201")
        XCTAssertNil(IPv6Text.canonical("1:2:3"))
        XCTAssertNil(IPv6Text.canonical("1::2::3"))
        XCTAssertNil(IPv6Text.canonical("12345::1"))
    }

    func testAnUncompressedAddressInGitMatchesTheServersForm() {
        typealias F = DNSFixtures
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "2001:DB8:0:0::1")])])
        let plan = F.plan(desired, F.observed(F.owned("www.acme.test", .aaaa, ["2001:db8::1"], environment: "acme/production")))
        XCTAssertEqual(plan.changes, [])
    }
}

final class DNSPlannerNotesTests: XCTestCase {
    typealias F = DNSFixtures

    func testARegistrationNotObservedLeavesItsEnvironmentUnplanned() {
        var domain = F.domain("www.acme.test", address: "1.2.3.4")
        domain.register = true
        // The zone is not hosted yet, and the registrar's answer is missing: partial knowledge.
        // (A zone already hosted needs no registrar: RegistrationPlannerTests.)
        let missing = ObservedWorld(systems: ["dns": DNSObservation([ZoneObservation(zone: "acme.test", provider: "bind", state: .missing)],
                                                                    registrations: [])])
        let plan = F.plan(F.desired([F.environment("acme/production", domains: [domain])]), missing)
        XCTAssertEqual(plan.changes, [], "nothing is bought, nor written, on partial knowledge")
        XCTAssertEqual(plan.skipped, [SkippedEnvironment(environment: "acme/production", reason: "registration of acme.test at bind was not observed")])
    }

    func testAZoneTheProviderDoesNotHostWithholdsItsDomainsOnly() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", address: "1.2.3.4")])])
        let missing = ObservedWorld(systems: ["dns": DNSObservation([ZoneObservation(zone: F.zone, provider: "bind", state: .missing)])])
        let plan = F.plan(desired, missing)
        XCTAssertEqual(plan.skipped, [])
        XCTAssertEqual(plan.changes, [])
        XCTAssertTrue(plan.withheld.first?.reason.hasPrefix("zone acme.test does not exist at bind") == true)
    }

    func testHostileObservedValuesArePrintedEscaped() {
        let desired = F.desired([F.environment("acme/production", domains: [F.domain("www.acme.test", cname: "lb.acme.test")])])
        var owned = F.owned("www.acme.test", .cname, ["x\u{1B}[31m.evil"], environment: "acme/production")
        owned.append(DNSRecordSet(name: "gone.acme.test", type: .a, ttl: 1, values: ["1.2.3.4\nacme/production  forged"]))
        owned += F.owned("gone.acme.test", .a, [], environment: "acme/production").filter { $0.type == "TXT" }
        let plan = F.plan(desired, F.observed(owned))
        for change in plan.changes {
            XCTAssertFalse(change.target.contains("\u{1B}") || change.target.contains("\n"), change.target)
            XCTAssertFalse(change.reasons.contains { ($0.observed ?? "").contains("\u{1B}") }, "\(change.reasons)")
        }
        XCTAssertEqual(plan.changes.count, 2)
    }
}
