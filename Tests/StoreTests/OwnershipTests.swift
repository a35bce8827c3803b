import Foundation
import XCTest
@testable import Store

final class OwnershipTests: XCTestCase {
    func testManagedModelsUpsertAndForget() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        XCTAssertEqual(try store.managedModels(), [:])
        try store.recordManagedModel(controller: "ovh", model: "acme-production", environment: "acme/production", at: time(0))
        try store.recordManagedModel(controller: "ovh", model: "acme-staging", environment: "acme/staging", at: time(0))
        try store.recordManagedModel(controller: "aws", model: "acme-production", environment: "acme/prod-aws", at: time(0))
        // Upsert: the same model recorded again replaces, never duplicates.
        try store.recordManagedModel(controller: "ovh", model: "acme-staging", environment: "acme/preprod", at: time(1))
        XCTAssertEqual(try store.managedModels(), [
            "ovh/acme-production": "acme/production",
            "ovh/acme-staging": "acme/preprod",
            "aws/acme-production": "acme/prod-aws",
        ])
        try store.forgetManagedModel(controller: "ovh", model: "acme-production")
        try store.forgetManagedModel(controller: "ovh", model: "never-recorded")
        XCTAssertEqual(try store.managedModels(), ["ovh/acme-staging": "acme/preprod", "aws/acme-production": "acme/prod-aws"])
    }

    func testAppliedSecretsUpsertAndForget() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        try store.recordAppliedSecret(
            controller: "ovh", model: "acme-production", application: "magento", key: "admin-password",
            reference: "vault:tenants/acme#admin_password", at: time(0))
        try store.recordAppliedSecret(
            controller: "ovh", model: "acme-production", application: "magento", key: "db-password",
            reference: "vault:tenants/acme#db", at: time(0))
        try store.recordAppliedSecret(
            controller: "ovh", model: "acme-production", application: "mysql", key: "root-password",
            reference: "vault:tenants/acme#root", at: time(0))
        try store.recordAppliedSecret(
            controller: "ovh", model: "acme-staging", application: "magento", key: "admin-password",
            reference: "vault:tenants/acme-staging#admin", at: time(0))
        // A rotated reference replaces the previous one.
        try store.recordAppliedSecret(
            controller: "ovh", model: "acme-production", application: "magento", key: "db-password",
            reference: "vault:tenants/acme#db_v2", at: time(1))

        XCTAssertEqual(try store.appliedSecrets(controller: "ovh", model: "acme-production"), [
            "magento": ["admin-password": "vault:tenants/acme#admin_password", "db-password": "vault:tenants/acme#db_v2"],
            "mysql": ["root-password": "vault:tenants/acme#root"],
        ])
        try store.forgetApplication(controller: "ovh", model: "acme-production", application: "magento")
        XCTAssertEqual(try store.appliedSecrets(controller: "ovh", model: "acme-production"), [
            "mysql": ["root-password": "vault:tenants/acme#root"],
        ])
        XCTAssertEqual(try store.appliedSecrets(controller: "ovh", model: "acme-staging").count, 1)

        // A destroyed model takes its applied secrets with it: a recreated model starts clean.
        try store.recordManagedModel(controller: "ovh", model: "acme-production", environment: "acme/production", at: time(2))
        try store.forgetManagedModel(controller: "ovh", model: "acme-production")
        XCTAssertEqual(try store.appliedSecrets(controller: "ovh", model: "acme-production"), [:])
        XCTAssertEqual(try store.appliedSecrets(controller: "ovh", model: "acme-staging").count, 1)
    }

    func testSomethingThatIsNotAReferenceIsNeverStoredNorRepeated() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        XCTAssertThrowsError(try store.recordAppliedSecret(
            controller: "ovh", model: "m", application: "magento", key: "admin-password",
            reference: "hunter2-cleartext", at: time(0))
        ) { error in
            XCTAssertEqual(error as? StoreError, .invalidSecretReference(application: "magento", key: "admin-password"))
            XCTAssertFalse("\(error)".contains("hunter2"))
        }
        XCTAssertEqual(try store.appliedSecrets(controller: "ovh", model: "m"), [:])
        for path in [store.databasePath, store.databasePath + "-wal"] {
            let file = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            XCTAssertNil(file.range(of: Data("hunter2".utf8)), path)
        }
    }
}
