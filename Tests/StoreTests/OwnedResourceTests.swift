import Foundation
import GRDB
import XCTest
@testable import Store

/// The generic table of what tenantctl owns, and the Juju conveniences kept over it.
final class OwnedResourceTests: XCTestCase {
    private let model = "juju:bibind-k8s/acme-production"

    func testRecordRefreshListAndForgetOne() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        XCTAssertEqual(try store.ownedResources(system: "juju"), [])
        try store.recordOwnedResource(system: "juju", address: model, owner: "acme/production", at: time(0))
        try store.recordOwnedResource(
            system: "juju", address: model + "/application/magento/config/admin-password", owner: "acme/production",
            applied: "vault:tenants/acme#admin", digest: "hmac-sha256:01", at: time(1))
        try store.recordOwnedResource(system: "dns", address: "dns:ovh/acme.fr/A/shop", owner: "acme", at: time(2))

        XCTAssertEqual(try store.ownedResources(system: "juju"), [
            OwnedResource(system: "juju", address: model, owner: "acme/production", recordedAt: time(0)),
            OwnedResource(
                system: "juju", address: model + "/application/magento/config/admin-password", owner: "acme/production",
                applied: "vault:tenants/acme#admin", digest: "hmac-sha256:01", recordedAt: time(1)),
        ])
        XCTAssertEqual(try store.ownedResources(system: "dns").map(\.address), ["dns:ovh/acme.fr/A/shop"])
        XCTAssertEqual(try store.ownedResources(system: "vault"), [])

        // Refresh: the same address again replaces its row, never duplicates it.
        try store.recordOwnedResource(system: "juju", address: model, owner: "acme/prod", at: time(3))
        XCTAssertEqual(
            try store.ownedResource(system: "juju", address: model),
            OwnedResource(system: "juju", address: model, owner: "acme/prod", recordedAt: time(3)))
        XCTAssertEqual(try store.ownedResources(system: "juju").count, 2)

        // Forgetting one address leaves what is under it, and other systems.
        try store.forgetOwnedResource(system: "juju", address: model)
        try store.forgetOwnedResource(system: "juju", address: "juju:never/recorded")
        XCTAssertNil(try store.ownedResource(system: "juju", address: model))
        XCTAssertEqual(try store.ownedResources(system: "juju").map(\.address), [model + "/application/magento/config/admin-password"])
        XCTAssertEqual(try store.ownedResources(system: "dns").count, 1)
    }

    func testUnderAnAddressMeansItAndItsDescendantsNotItsNeighbours() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let addresses = [
            "juju:bibind-k8s/acme-prod",                                  // a prefix of the model's name
            model,
            model + "/application/magento/config/admin-password",
            model + "/application/mysql/config/root-password",
            "juju:bibind-k8s/acme-production-2",                          // a longer name: a neighbour
            "juju:bibind-k8s/acme-production-2/application/magento/config/admin-password",
            "juju:bibind-k8s/acme-production.old",
            "juju:bibind-k8s/acme-production0",                           // just past the range
        ]
        for (index, address) in addresses.enumerated() {
            try store.recordOwnedResource(system: "juju", address: address, owner: "acme/production", at: time(index))
        }
        // The same path in another system is another resource.
        try store.recordOwnedResource(system: "other", address: "other:bibind-k8s/acme-production/x", owner: nil, at: time(0))

        XCTAssertEqual(try store.ownedResources(system: "juju", under: model).map(\.address), [
            model,
            model + "/application/magento/config/admin-password",
            model + "/application/mysql/config/root-password",
        ])
        XCTAssertEqual(try store.ownedResources(system: "juju", under: model + "/application/mysql").map(\.address), [
            model + "/application/mysql/config/root-password",
        ], "the address itself need not be recorded")
        XCTAssertEqual(try store.ownedResources(system: "juju", under: "juju:bibind-k8s/acme-productio"), [])

        XCTAssertEqual(try store.forgetOwnedResources(system: "juju", under: model), 3)
        XCTAssertEqual(try store.ownedResources(system: "juju").map(\.address), [
            "juju:bibind-k8s/acme-prod",
            "juju:bibind-k8s/acme-production-2",
            "juju:bibind-k8s/acme-production-2/application/magento/config/admin-password",
            "juju:bibind-k8s/acme-production.old",
            "juju:bibind-k8s/acme-production0",
        ])
        XCTAssertEqual(try store.ownedResources(system: "other").count, 1)
        XCTAssertEqual(try store.forgetOwnedResources(system: "juju", under: model), 0)
    }

    /// "All resources of a system under an address" reads one range of the primary key, not
    /// every row of the system.
    func testListingUnderAnAddressSearchesTheKeyRange() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let bounds = StateStore.subtreeBounds(model)
        let plan = try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + StateStore.subtreeQuery, arguments: ["juju", model, "juju", bounds.lower, bounds.upper])
                .map { $0["detail"] as String }
        }
        XCTAssertTrue(plan.contains("SEARCH owned_resource USING PRIMARY KEY (system=? AND address=?)"), "\(plan)")
        XCTAssertTrue(plan.contains("SEARCH owned_resource USING PRIMARY KEY (system=? AND address>? AND address<?)"), "\(plan)")
        XCTAssertFalse(plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }

    func testADigestIsKeptForTheSameReferenceOnly() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let address = model + "/application/magento/config/admin-password"
        try store.recordOwnedResource(system: "juju", address: address, owner: "o", applied: "vault:a#b", digest: "hmac-sha256:aa", at: time(0))
        try store.recordOwnedResource(system: "juju", address: address, owner: "o", applied: "vault:a#b", at: time(1))
        XCTAssertEqual(try store.ownedResource(system: "juju", address: address)?.digest, "hmac-sha256:aa")
        try store.recordOwnedResource(system: "juju", address: address, owner: "o", applied: "vault:a#b", digest: "hmac-sha256:bb", at: time(2))
        XCTAssertEqual(try store.ownedResource(system: "juju", address: address)?.digest, "hmac-sha256:bb")
        try store.recordOwnedResource(system: "juju", address: address, owner: "o", applied: "vault:a#c", at: time(3))
        XCTAssertNil(try store.ownedResource(system: "juju", address: address)?.digest)
    }

    func testOnlyAReferenceIsAppliedAndAnAddressNamesItsSystem() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let address = model + "/application/magento/config/admin-password"
        XCTAssertThrowsError(try store.recordOwnedResource(
            system: "juju", address: address, owner: "o", applied: "hunter2-cleartext", at: time(0))
        ) { error in
            XCTAssertEqual(error as? StoreError, .invalidAppliedReference(system: "juju", address: address))
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
        }
        for (system, bad) in [("juju", "bibind-k8s/acme-production"), ("juju", "dns:ovh/acme.fr"), ("juju", "juju:"), ("", ":x"), ("a:b", "a:b:c")] {
            XCTAssertThrowsError(try store.recordOwnedResource(system: system, address: bad, owner: "o", at: time(0)), bad) { error in
                XCTAssertEqual(error as? StoreError, .invalidResourceAddress(system: system, address: bad))
            }
        }
        // The table refuses them too, whoever writes.
        for (system, bad) in [("juju", "dns:ovh/acme.fr"), ("juju", "juju:"), ("", ":x")] {
            XCTAssertThrowsError(try store.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO owned_resource (system, address, recorded_at) VALUES (?, ?, ?)", arguments: [system, bad, time(0)])
            }, bad) { error in
                XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT, "\(error)")
            }
        }
        XCTAssertEqual(try store.ownedResources(system: "juju"), [])
        for path in [store.databasePath, store.databasePath + "-wal"] {
            let file = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            XCTAssertNil(file.range(of: Data("hunter2".utf8)), path)
        }
    }

    // MARK: - A resource that owns what is under it

    func testARecordOwningItsSubtreeGivesItsOwnerToWhatIsUnderItOnly() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        // Recorded before their parent, without an owner (a secret applied in a model made by hand).
        try store.recordOwnedResource(system: "juju", address: model + "/application/magento/config/admin-password", owner: nil,
                                      applied: "vault:tenants/acme#admin", digest: "hmac-sha256:01", at: time(0))
        try store.recordOwnedResource(system: "juju", address: model + "-2/application/magento/config/admin-password", owner: nil,
                                      applied: "vault:tenants/acme-2#admin", at: time(0))
        try store.recordOwnedResource(system: "dns", address: "dns:ovh/acme.fr/A/www", owner: "other/production", at: time(0))

        try store.recordOwnedResource(system: "juju", address: model, owner: "acme/production", owningSubtree: true, at: time(1))
        XCTAssertEqual(try store.ownedResources(system: "juju", under: model), [
            OwnedResource(system: "juju", address: model, owner: "acme/production", recordedAt: time(1)),
            OwnedResource(system: "juju", address: model + "/application/magento/config/admin-password", owner: "acme/production",
                          applied: "vault:tenants/acme#admin", digest: "hmac-sha256:01", recordedAt: time(0)),
        ])
        XCTAssertNil(try store.ownedResource(system: "juju", address: model + "-2/application/magento/config/admin-password")?.owner,
                     "a neighbour whose address only starts the same is not under it")
        XCTAssertEqual(try store.ownedResource(system: "dns", address: "dns:ovh/acme.fr/A/www")?.owner, "other/production")

        // Without owningSubtree, a parent recorded again leaves its children's owner alone.
        try store.recordOwnedResource(system: "juju", address: model, owner: "acme/prod", at: time(2))
        XCTAssertEqual(try store.ownedResources(system: "juju", under: model).map(\.owner), ["acme/prod", "acme/production"])
    }
}
