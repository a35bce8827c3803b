import Foundation
import XCTest
@testable import Store

/// The digests of applied secret values and their key.
final class SecretDigestTests: XCTestCase {
    func testADigestIsKeptForItsReferenceAndDroppedWithIt() throws {
        let dir = try TemporaryDirectory()
        let store = try StateStore(directory: dir.path)
        let ref = "vault:tenants/acme#password"
        let address = "juju:c/m/application/shop/config/admin-password"
        try store.recordOwnedResource(system: "juju", address: address, owner: nil, applied: ref, digest: "hmac-sha256:aa", at: time(0))
        try store.recordOwnedResource(system: "juju", address: address, owner: nil, applied: ref, at: time(1))
        XCTAssertEqual(try store.ownedResource(system: "juju", address: address)?.digest, "hmac-sha256:aa",
                       "the same reference recorded again (a lost reply) keeps what was applied")
        try store.recordOwnedResource(system: "juju", address: address, owner: nil, applied: ref + "2", at: time(2))
        XCTAssertNil(try store.ownedResource(system: "juju", address: address)?.digest, "a new reference without its digest drops the old one")
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

    /// Two deploys of one apply may ask for the key first at the same moment: both get the one key.
    func testThreadsOfOneProcessMakingTheKeyAtOnceGetTheSameKey() throws {
        // The window is short: many fresh state directories, each raced by 8 threads.
        for _ in 0..<40 {
            let dir = try TemporaryDirectory()
            let store = try StateStore(directory: dir.path)
            let results = Results()
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                do { results.add(.success(try store.secretDigestKey(create: true))) } catch { results.add(.failure(Failure(text: "\(error)"))) }
            }
            let keys = results.all.compactMap { try? $0.get() }
            let errors = results.all.compactMap { if case let .failure(error) = $0 { return error.text } else { return nil } }
            XCTAssertEqual(errors, [])
            XCTAssertEqual(Set(keys.compactMap { $0 }).count, 1)
            XCTAssertEqual(keys.compactMap { $0 }.count, 8)
            if !errors.isEmpty { break }
        }
    }

    struct Failure: Error { var text: String }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var all: [Result<[UInt8]?, Failure>] = []
        func add(_ result: Result<[UInt8]?, Failure>) { lock.withLock { all.append(result) } }
    }
}
