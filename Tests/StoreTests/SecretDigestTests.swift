import Foundation
import XCTest
@testable import Store

/// The digests of applied secret values and their key.
final class SecretDigestTests: XCTestCase {
    func testADigestIsKeptForItsReferenceAndDroppedWithIt() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let ref = "vault:tenants/acme#password"
        try store.recordAppliedSecret(controller: "c", model: "m", application: "shop", key: "admin-password", reference: ref, digest: "hmac-sha256:aa", at: time(0))
        try store.recordAppliedSecret(controller: "c", model: "m", application: "shop", key: "admin-password", reference: ref, at: time(1))
        XCTAssertEqual(try store.appliedSecretDigests(controller: "c", model: "m"), ["shop": ["admin-password": "hmac-sha256:aa"]],
                       "the same reference recorded again (a lost reply) keeps what was applied")
        try store.recordAppliedSecret(controller: "c", model: "m", application: "shop", key: "admin-password", reference: ref + "2", at: time(2))
        XCTAssertEqual(try store.appliedSecretDigests(controller: "c", model: "m"), [:], "a new reference without its digest drops the old one")
    }

    func testTheKeyIsMadeOnceIsPrivateAndIsNotMadeByReaders() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        XCTAssertNil(try store.secretDigestKey(create: false))
        let key = try XCTUnwrap(try store.secretDigestKey(create: true))
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(try store.secretDigestKey(create: true), key)
        XCTAssertEqual(try StateStore(directory: dir.path).secretDigestKey(create: false), key)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path + "/secret-digest.key")[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
    }
}
