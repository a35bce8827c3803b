import Foundation
import XCTest
@testable import Store

/// A domain registration's journal row: its stage and the registrar's id in `applied`, kept
/// across store openings (a crash between the purchase and its answer loses nothing).
final class RegistrationJournalTests: XCTestCase {
    func testARegistrationStageIsKeptAcrossOpenings() throws {
        let dir = try TemporaryDirectory()
        let address = "domain:route53/maison.fr"
        try StateStore(directory: dir.path).recordOwnedResource(system: "domain", address: address, owner: "maison/production",
                                                                applied: "registration:requested", at: Date())
        let reopened = try StateStore(directory: dir.path)
        XCTAssertEqual(try reopened.ownedResource(system: "domain", address: address)?.applied, "registration:requested")
        try reopened.recordOwnedResource(system: "domain", address: address, owner: "maison/production",
                                         applied: "registration:submitted:op-42", at: Date())
        XCTAssertEqual(try StateStore(directory: dir.path).ownedResources(system: "domain").map(\.applied), ["registration:submitted:op-42"])
    }

    func testFreeTextIsStillRefused() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        XCTAssertThrowsError(try store.recordOwnedResource(system: "domain", address: "domain:ovh/maison.fr", owner: nil,
                                                           applied: "ada@example.com", at: Date()))
    }
}
