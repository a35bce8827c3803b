import DNSDriver
import DNSPlanning
import Foundation
import PlanModel
import Systems
import XCTest

/// DNS observations travel in `observe` snapshots like every system's: read back equal, one
/// fingerprint per zone, and an edited record refused.
final class DNSSnapshotTests: XCTestCase {
    func testAZoneObservationRoundTripsThroughASnapshot() throws {
        let observation = DNSObservation([
            ZoneObservation(zone: "acme.test", provider: "bind", state: .observed([
                DNSRecordSet(name: "www.acme.test", type: .a, ttl: 300, values: ["192.0.2.1"]),
                DNSRecordSet(name: "_tenantctl.www.acme.test", type: .txt, ttl: 300, values: ["heritage=tenantctl,tenantctl/owner=f,tenantctl/tenant=acme,tenantctl/environment=production"]),
            ]), serial: "7"),
            ZoneObservation(zone: "down.test", provider: "bind", state: .failed("connection refused")),
            ZoneObservation(zone: "gone.test", provider: "ovh", state: .missing),
        ])
        let snapshot = ObservationSnapshot(commit: "c", observed: ObservedWorld(systems: ["dns": observation]), owned: [:])
        XCTAssertEqual(Set(snapshot.fingerprints.keys), ["dns:bind/acme.test", "dns:bind/down.test", "dns:ovh/gone.test"])
        let data = try snapshot.encoded()
        let read = try ObservationSnapshot.decode(data)
        XCTAssertEqual(read.observed.observation(of: "dns", as: DNSObservation.self), observation)
        let edited = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "192.0.2.1", with: "192.0.2.66")
        XCTAssertThrowsError(try ObservationSnapshot.decode(Data(edited.utf8)))
    }
}
