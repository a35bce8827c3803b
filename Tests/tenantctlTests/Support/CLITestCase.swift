import Foundation
import GitTestSupport
import XCTest

/// A scratch directory per test, and `tenantctl` run with it as HOME and cache.
class CLITestCase: XCTestCase {
    var fixture: GitFixture!

    override func setUpWithError() throws {
        fixture = try GitFixture(prefix: "tenantctl-cli-tests")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    override func tearDown() {
        fixture?.remove()
    }

    var home: String { fixture.path("home") }

    func tenantctl(_ arguments: String..., environment: [String: String] = [:], directory: String? = nil) throws -> ProcessResult {
        try Tenantctl.run(arguments, environment: environment, home: home, directory: directory)
    }
}
