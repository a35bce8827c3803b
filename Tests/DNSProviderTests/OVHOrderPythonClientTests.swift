import Foundation
import XCTest

/// ovh-sim's order flow (cart, domain item, assign, checkout, order status, `/domain`) driven by
/// the official OVH Python client `ovh`, which signs every call itself (Scripts/ovh_order_check.py).
final class OVHOrderPythonClientTests: XCTestCase {
    func testTheOVHClientBuysADomainOnceThroughTheCart() throws {
        guard try ChildProcess.run(["python3", "-c", "import ovh"]).status == 0 else {
            return XCTFail("the ovh client is not installed: run `make python-deps`")
        }
        let sim = try OVHSimProcess()
        let script = try XCTUnwrap(Bundle.module.url(forResource: "ovh_order_check", withExtension: "py", subdirectory: "Scripts"))
        let result = try ChildProcess.run(["python3", script.path, sim.apiURL, OVHSimProcess.applicationKey,
                                           OVHSimProcess.applicationSecret, OVHSimProcess.consumerKey])
        XCTAssertEqual(result.status, 0, "ovh order scenario failed:\n\(result.output)")
        XCTAssertTrue(result.output.hasSuffix("ok: order\n"), result.output)
    }
}
