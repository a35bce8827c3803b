import TenantCore
import XCTest

final class ValidRepositoryTests: XCTestCase {
    func testTheBaseRepositoryIsValid() {
        let result = TestRepository.build()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertEqual(result.state.environments.map(\.id), [
            "acme/production", "acme/staging", "bigcorp/production",
            "mutualise@shared/production", "mutualise@shared/staging",
            "petit/production", "petit/staging",
        ])
    }
}
