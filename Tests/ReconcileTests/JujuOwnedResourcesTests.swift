import Foundation
import JujuDriver
import Reconciler
import Store
import XCTest

/// Juju's models and applied secrets, kept in the SQLite store's generic table of owned
/// resources at the addresses Juju's driver documents (the store knows no system).
final class JujuOwnedResourcesTests: XCTestCase {
    private var directory: URL!
    private var store: StateStore!
    private var book: StoreTree!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("juju-book-\(UUID().uuidString)")
        store = try StateStore(directory: directory.path)
        book = StoreTree(store: store)
    }

    override func tearDownWithError() throws {
        store = nil
        book = nil
        try FileManager.default.removeItem(at: directory)
    }

    func testModelsAndSecretsAreWrittenAtTheDocumentedAddresses() throws {
        let model = "juju:bibind-k8s/acme-production"
        try book.recordManagedModel(controller: "bibind-k8s", model: "acme-production", environment: "acme/production")
        try book.recordAppliedSecret(controller: "bibind-k8s", model: "acme-production", application: "magento", key: "admin-password",
                                     reference: "vault:tenants/acme#admin", digest: "hmac-sha256:01")
        // A model tenantctl did not create: its secrets have no owner.
        try book.recordAppliedSecret(controller: "bibind-k8s", model: "by-hand", application: "magento", key: "admin-password",
                                     reference: "vault:tenants/hand#admin")
        XCTAssertEqual(try store.ownedResources(system: "juju").map { [$0.address, $0.owner ?? "-", $0.applied ?? "-", $0.digest ?? "-"] }, [
            ["juju:bibind-k8s/acme-production", "acme/production", "-", "-"],
            [model + "/application/magento/config/admin-password", "acme/production", "vault:tenants/acme#admin", "hmac-sha256:01"],
            ["juju:bibind-k8s/by-hand/application/magento/config/admin-password", "-", "vault:tenants/hand#admin", "-"],
        ])
        XCTAssertEqual(try book.managedModels(), ["bibind-k8s/acme-production": "acme/production"], "a secret's row is not a model")

        // A model recorded again for another environment takes what is under it along.
        try book.recordManagedModel(controller: "bibind-k8s", model: "acme-production", environment: "acme/prod")
        XCTAssertEqual(try store.ownedResources(system: "juju", under: model).map(\.owner), ["acme/prod", "acme/prod"])
        XCTAssertNil(try store.ownedResource(system: "juju", address: "juju:bibind-k8s/by-hand/application/magento/config/admin-password")?.owner)
    }

    func testManagedModelsUpsertAndForget() throws {
        XCTAssertEqual(try book.managedModels(), [:])
        try book.recordManagedModel(controller: "ovh", model: "acme-production", environment: "acme/production")
        try book.recordManagedModel(controller: "ovh", model: "acme-staging", environment: "acme/staging")
        try book.recordManagedModel(controller: "aws", model: "acme-production", environment: "acme/prod-aws")
        // Upsert: the same model recorded again replaces, never duplicates.
        try book.recordManagedModel(controller: "ovh", model: "acme-staging", environment: "acme/preprod")
        XCTAssertEqual(try book.managedModels(), [
            "ovh/acme-production": "acme/production",
            "ovh/acme-staging": "acme/preprod",
            "aws/acme-production": "acme/prod-aws",
        ])
        try book.forgetManagedModel(controller: "ovh", model: "acme-production")
        try book.forgetManagedModel(controller: "ovh", model: "never-recorded")
        XCTAssertEqual(try book.managedModels(), ["ovh/acme-staging": "acme/preprod", "aws/acme-production": "acme/prod-aws"])
    }

    func testAppliedSecretsUpsertAndForgetSparingNeighbours() throws {
        for name in ["acme-production", "acme-production-2"] {
            try book.recordManagedModel(controller: "c", model: name, environment: "acme/\(name)")
            for application in ["magento", "magento-2"] {
                try book.recordAppliedSecret(controller: "c", model: name, application: application, key: "admin-password",
                                             reference: "vault:tenants/\(name)#\(application)", digest: "hmac-sha256:\(name)")
            }
        }
        // A rotated reference replaces the previous one and drops the digest of the old value.
        try book.recordAppliedSecret(controller: "c", model: "acme-production", application: "magento-2", key: "admin-password",
                                     reference: "vault:tenants/acme-production#magento-2@2")
        XCTAssertEqual(try book.appliedSecretDigests(controller: "c", model: "acme-production"), [
            "magento": ["admin-password": "hmac-sha256:acme-production"],
        ])
        try book.forgetApplication(controller: "c", model: "acme-production", application: "magento")
        XCTAssertEqual(try book.appliedSecrets(controller: "c", model: "acme-production"), [
            "magento-2": ["admin-password": "vault:tenants/acme-production#magento-2@2"],
        ])
        // A destroyed model takes its applied secrets with it: a recreated model starts clean.
        try book.forgetManagedModel(controller: "c", model: "acme-production")
        XCTAssertEqual(try book.managedModels(), ["c/acme-production-2": "acme/acme-production-2"])
        XCTAssertEqual(try book.appliedSecrets(controller: "c", model: "acme-production"), [:])
        XCTAssertEqual(try book.appliedSecrets(controller: "c", model: "acme-production-2"), [
            "magento": ["admin-password": "vault:tenants/acme-production-2#magento"],
            "magento-2": ["admin-password": "vault:tenants/acme-production-2#magento-2"],
        ])
        XCTAssertEqual(try book.appliedSecretDigests(controller: "c", model: "acme-production-2"), [
            "magento": ["admin-password": "hmac-sha256:acme-production-2"],
            "magento-2": ["admin-password": "hmac-sha256:acme-production-2"],
        ])
    }

    func testSomethingThatIsNotAReferenceIsNeverStoredNorRepeated() throws {
        XCTAssertThrowsError(try book.recordAppliedSecret(controller: "ovh", model: "m", application: "magento", key: "admin-password",
                                                          reference: "hunter2-cleartext")) { error in
            XCTAssertTrue(error is NotASecretReference, "\(error)")
            XCTAssertFalse("\(error)".contains("hunter2"))
        }
        XCTAssertEqual(try book.appliedSecrets(controller: "ovh", model: "m"), [:])
        for path in [store.databasePath, store.databasePath + "-wal"] {
            let file = FileManager.default.contents(atPath: path) ?? Data()
            XCTAssertNil(file.range(of: Data("hunter2".utf8)), path)
        }
    }
}

/// The store as a tree of owned resources, as the CLI's journal adapts it.
struct StoreTree: OwnedResourceTree {
    let store: StateStore

    func ownedEntries(system: String, under address: String?) throws -> [OwnedEntry] {
        try store.ownedResources(system: system, under: address).map {
            OwnedEntry(address: $0.address, owner: $0.owner, applied: $0.applied, digest: $0.digest)
        }
    }

    func recordOwnedEntry(system: String, address: String, owner: String?, applied: String?, digest: String?, owningSubtree: Bool) throws {
        try store.recordOwnedResource(system: system, address: address, owner: owner, applied: applied, digest: digest,
                                      owningSubtree: owningSubtree, at: Date())
    }

    func forgetOwnedEntries(system: String, under address: String) throws {
        try store.forgetOwnedResources(system: system, under: address)
    }
}
