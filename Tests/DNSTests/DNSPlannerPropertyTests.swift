import DNSPlanning
import PlanModel
import TenantCore
import XCTest

/// Random desired domains against random zones (foreign records, records owned by other
/// tenants, other fleets, tenants gone from git): applying the plan to a simulated zone and
/// planning again gives no change, and nothing tenantctl does not own is ever written or removed.
final class DNSPlannerPropertyTests: XCTestCase {
    typealias F = DNSFixtures

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let names = ["acme.test", "www.acme.test", "shop.acme.test", "api.acme.test", "a.b.acme.test", "old.acme.test"]
    static let addresses = ["192.0.2.1", "192.0.2.2", "2001:db8::1"]
    static let cnames = ["lb.acme.test", "edge.example.net"]
    static let environments = ["acme/production", "acme/staging", "bravo/production", "gone/production"]

    func testApplyingThePlanToTheZoneThenPlanningAgainGivesNoChange() {
        var random = SplitMix(state: 20261129)
        for round in 0..<400 {
            let (desired, zone, options) = Self.world(&random)
            // Through the chain: deletes of environments with prune off are withheld there.
            let first = F.composed(desired, F.observed(zone.sorted()), options: options)
            var applied = zone
            for change in first.changes { Self.apply(change, to: &applied, foreignBefore: Self.foreign(zone), adopting: Self.adopted(desired)) }
            let second = F.composed(desired, F.observed(applied.sorted()), options: options)
            XCTAssertEqual(second.changes.map(\.id), [], "round \(round): \(first.changes.map(\.id)) left \(second.changes.map { "\($0.id) \($0.reasons)" })")
            XCTAssertEqual(Set(second.withheld.map(\.address)), Set(first.withheld.map(\.address)), "round \(round): conflicts stay as they were")
        }
    }

    /// Writes a change into the zone as a provider would, checking it touches only what
    /// tenantctl owns (or a name whose domain says adopt).
    static func apply(_ change: Change, to zone: inout Set<DNSRecordSet>, foreignBefore: Set<DNSRecordSet>, adopting: Set<String>) {
        var removed: [DNSRecordSet] = []
        if case let .strings(texts)? = change.parameters["remove"] { removed = texts.compactMap(RecordSetCoding.decode) }
        var written = Set(removed.map(\.key))
        if change.kind == .dnsUpsert, case let .string(name)? = change.parameters["name"], case let .string(type)? = change.parameters["type"] {
            written.insert(DNSRecordKey(name: name, type: type))
            written.insert(DNSRecordKey(name: Ownership.txtName(for: name), type: "TXT"))
            for set in foreignBefore where written.contains(set.key) {
                XCTAssertTrue(adopting.contains(name), "\(change.id) overwrites the foreign \(set) without adopt")
            }
        } else {
            for set in foreignBefore where written.contains(set.key) { XCTFail("\(change.id) deletes the foreign \(set)") }
        }
        for set in removed { zone = zone.filter { $0.key != set.key } }
        guard change.kind == .dnsUpsert, case let .string(name)? = change.parameters["name"], case let .string(type)? = change.parameters["type"],
              case let .int(ttl)? = change.parameters["ttl"], case let .strings(values)? = change.parameters["values"],
              case let .string(ownership)? = change.parameters["ownership"] else { return }
        zone = zone.filter { $0.key != DNSRecordKey(name: name, type: type) && $0.key != DNSRecordKey(name: Ownership.txtName(for: name), type: "TXT") }
        zone.insert(DNSRecordSet(name: name, type: type, ttl: ttl, values: values))
        zone.insert(DNSRecordSet(name: Ownership.txtName(for: name), type: .txt, ttl: ttl, values: [ownership]))
    }

    /// Sets not marked as this fleet's, by name.
    static func foreign(_ zone: Set<DNSRecordSet>) -> Set<DNSRecordSet> {
        let ours = Set(zone.compactMap { set -> String? in
            guard let name = Ownership.markedName(set.name), case let .marked(found) = Ownership.of(set), found.owner == F.owner else { return nil }
            return name
        })
        return zone.filter { set in
            let name = Ownership.markedName(set.name) ?? set.name
            return !ours.contains(name)
        }
    }

    static func adopted(_ desired: DesiredState) -> Set<String> {
        Set(desired.environments.flatMap { $0.domains.filter(\.adopt).map(\.host) })
    }

    static func world(_ random: inout SplitMix) -> (DesiredState, Set<DNSRecordSet>, PlanOptions) {
        var hosts = names.shuffled(using: &random)
        var environments: [DesiredEnvironment] = []
        for id in environments_(random: &random) {
            var domains: [DesiredDomain] = []
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                guard let host = hosts.popLast() else { break }
                let adopt = Bool.random(using: &random) && Bool.random(using: &random)
                let ttl = [300, 60].randomElement(using: &random)!
                if host != "acme.test", Bool.random(using: &random) {
                    domains.append(F.domain(host, cname: cnames.randomElement(using: &random)!, adopt: adopt, ttl: ttl))
                } else {
                    domains.append(F.domain(host, address: addresses.randomElement(using: &random)!, adopt: adopt, ttl: ttl))
                }
            }
            environments.append(F.environment(id, domains: domains, prune: Bool.random(using: &random)))
        }
        var zone = Set<DNSRecordSet>()
        for name in names where Int.random(in: 0..<3, using: &random) > 0 {
            switch Int.random(in: 0..<6, using: &random) {
            case 0: zone.insert(DNSRecordSet(name: name, type: .a, ttl: 300, values: [addresses.randomElement(using: &random)!]))
            case 1 where name != "acme.test": zone.insert(DNSRecordSet(name: name, type: .cname, ttl: 300, values: [cnames.randomElement(using: &random)!]))
            case 2: zone.insert(DNSRecordSet(name: name, type: "MX", ttl: 300, values: ["10 mail.acme.test"]))
            case 3, 4:
                let owner = Int.random(in: 0..<5, using: &random) == 0 ? "other-fleet" : F.owner
                let type: DNSRecordType = name == "acme.test" || Bool.random(using: &random) ? .a : .cname
                let values = type == .a ? [addresses[0]] : [cnames[0]]
                for set in F.owned(name, type, values, environment: environments_all.randomElement(using: &random)!, owner: owner) { zone.insert(set) }
            default:
                zone.insert(DNSRecordSet(name: Ownership.txtName(for: name), type: .txt, ttl: 300, values: ["someone else's note"]))
            }
        }
        return (F.desired(environments), zone, PlanOptions(pruneRemovedTenants: Bool.random(using: &random)))
    }

    static let environments_all = environments

    static func environments_(random: inout SplitMix) -> [String] {
        environments.dropLast().filter { _ in Bool.random(using: &random) }
    }
}
