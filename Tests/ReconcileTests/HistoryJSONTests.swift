import Foundation
import GitTestSupport
import XCTest

/// `history --output json` is versioned, snake_case and dated in RFC 3339, like the other outputs.
final class HistoryJSONTests: ReconcileCase {
    func testHistoryJSONIsVersionedSnakeCaseAndRFC3339() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try tenantctlWithoutRepo("history", "--output", "json").stdout.utf8)) as? [String: Any])
        XCTAssertEqual(list["format_version"] as? Int, 1)
        let run = try XCTUnwrap((list["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(run.keys), ["id", "command", "commit", "fingerprint", "status", "summary", "started_at", "finished_at", "pid", "host"])
        let started = try XCTUnwrap(run["started_at"] as? String)
        XCTAssertNotNil(started.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#, options: .regularExpression), started)

        let detail = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try tenantctlWithoutRepo("history", "--run", "1", "--output", "json").stdout.utf8)) as? [String: Any])
        XCTAssertEqual(detail["format_version"] as? Int, 1)
        let action = try XCTUnwrap((detail["actions"] as? [[String: Any]])?.first)
        XCTAssertNotNil(action["action_id"] as? String)
        XCTAssertNotNil((action["finished_at"] as? String)?.range(of: #"^\d{4}-\d{2}-\d{2}T"#, options: .regularExpression))
    }
}
