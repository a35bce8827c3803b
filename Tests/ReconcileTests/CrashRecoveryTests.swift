import Foundation
import GitTestSupport
import XCTest

/// kill -9 of `tenantctl apply` at arbitrary points: the next apply converges, with no model,
/// machine or unit created twice, and the journal says the killed runs were interrupted.
final class CrashRecoveryTests: ReconcileCase {
    func testKilledAppliesConvergeWithoutDuplicates() throws {
        let binary = try ProductBinary.locate("tenantctl")
        // Delays spread over the whole apply (it takes a few seconds with the settle times).
        for delay in [0.15, 0.4, 0.8, 1.3, 2.0] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["apply", "--auto-approve", "--settle", "0.2", "--quiet", "--repo", repository.path]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(final.status, 0, "\(final)")
        XCTAssertEqual(try census(), Self.converged)
        XCTAssertEqual(try tenantctl("plan").stdout, "No changes. The world matches the manifests.\n")
        let history = try tenantctlWithoutRepo("history", "--limit", "10")
        XCTAssertTrue(history.stdout.contains("interrupted"), "killed runs are marked interrupted: \(history.stdout)")
    }
}
