import Foundation
import XCTest

/// The admin API's faults and test clock: latency, the next N requests failing, token expiry
/// now or by advancing the clock, and the request log that counts calls.
final class VaultSimFaultTests: XCTestCase {
    var sim: VaultSimProcess!

    override func setUpWithError() throws {
        sim = try VaultSimProcess(config: #"""
            {"policies": {"app": [{"path": "secret/*", "capabilities": ["read", "create", "update", "list"]}]},
             "tokens": [{"id": "ten-minutes", "policies": ["app"], "ttl": "10m"}],
             "secrets": [{"path": "app/db", "data": {"password": "hunter2-value"}}]}
            """#)
    }
    override func tearDown() { sim = nil }

    func testLatencyDelaysEveryAnswer() throws {
        let before = try sim.curl("GET", "/v1/secret/data/app/db")
        try sim.admin("latency", #"{"ms": 400}"#)
        let slow = try sim.curl("GET", "/v1/secret/data/app/db")
        XCTAssertEqual(slow.status, 200)
        XCTAssertGreaterThanOrEqual(slow.elapsed, 0.4)
        XCTAssertGreaterThanOrEqual(try sim.curl("GET", "/v1/sys/health", anonymous: true).elapsed, 0.4)
        try sim.admin("latency", #"{"ms": 0}"#)
        XCTAssertLessThan(try sim.curl("GET", "/v1/secret/data/app/db").elapsed, max(0.35, before.elapsed + 0.3))
    }

    func testTheNextRequestsFailWithTheInjectedStatusThenRecover() throws {
        for status in [500, 502, 503] {
            try sim.admin("fail", "{\"count\": 2, \"status\": \(status)}")
            for _ in 0..<2 {
                let failed = try sim.curl("GET", "/v1/secret/data/app/db")
                XCTAssertEqual(failed.status, status)
                XCTAssertEqual(failed.errors?.count, 1)
            }
            XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db").status, 200, "only the next \(2) fail")
        }
        XCTAssertEqual(try sim.curl("POST", "/sim/fail", body: #"{"count": 1, "status": 404}"#).status, 400, "only 5xx")
    }

    func testAnExpiredTokenIsRefusedWith403InvalidToken() throws {
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db", token: "ten-minutes").status, 200)
        try sim.admin("tokens/expire", #"{"token": "ten-minutes"}"#)
        let refused = try sim.curl("GET", "/v1/secret/data/app/db", token: "ten-minutes")
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(refused.errors, ["2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"])
        XCTAssertEqual(try sim.curl("GET", "/v1/auth/token/lookup-self", token: "ten-minutes").status, 403)
    }

    func testAdvancingTheClockExpiresTokensWithoutSleeping() throws {
        try sim.admin("clock/advance", #"{"seconds": 599}"#)
        let lookup = try sim.curl("GET", "/v1/auth/token/lookup-self", token: "ten-minutes")
        XCTAssertEqual(lookup.status, 200)
        XCTAssertLessThanOrEqual(try XCTUnwrap(lookup.data?["ttl"] as? Int), 1)
        try sim.admin("clock/advance", #"{"seconds": 2}"#)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db", token: "ten-minutes").status, 403)
        let state = try sim.curl("GET", "/sim/state")
        XCTAssertEqual(state.json?["clock_offset_seconds"] as? Double, 601)
    }

    func testARenewedTokenOutlivesItsFirstTTL() throws {
        try sim.admin("clock/advance", #"{"seconds": 500}"#)
        XCTAssertEqual(try sim.curl("POST", "/v1/auth/token/renew-self", token: "ten-minutes", body: "{}").status, 200)
        try sim.admin("clock/advance", #"{"seconds": 500}"#)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db", token: "ten-minutes").status, 200)
    }

    func testTheAdminAPINeedsTheRootToken() throws {
        let refused = try sim.curl("POST", "/sim/seal", token: "ten-minutes", body: "{}")
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(try sim.curl("POST", "/sim/seal", anonymous: true, body: "{}").status, 403)
        XCTAssertEqual(try sim.curl("GET", "/v1/sys/health", anonymous: true).status, 200, "still unsealed")
    }

    func testTheRequestLogCountsCallsAndHoldsNoTokenOrValue() throws {
        _ = try sim.curl("GET", "/v1/secret/data/app/db", token: "ten-minutes")
        _ = try sim.curl("LIST", "/v1/secret/metadata/app", token: "ten-minutes")
        _ = try sim.curl("GET", "/v1/secret/data/missing", token: "ten-minutes")
        _ = try sim.curl("GET", "/v1/secret/data/app/db", token: "nobody-knows-me")
        let lines = sim.requestLog().filter { $0.contains(" /v1/") }
        XCTAssertEqual(lines.count, 4, lines.joined(separator: "\n"))
        // Whose token it was, by its display name: which credential reached which server.
        XCTAssertTrue(lines[0].hasSuffix(" GET /v1/secret/data/app/db 200 token=token"), lines[0])
        XCTAssertTrue(lines[1].hasSuffix(" LIST /v1/secret/metadata/app 200 token=token"), lines[1])
        XCTAssertTrue(lines[2].hasSuffix(" GET /v1/secret/data/missing 404 token=token"), lines[2])
        XCTAssertTrue(lines[3].hasSuffix(" GET /v1/secret/data/app/db 403 token=unknown"), lines[3])
        let whole = sim.requestLog().joined(separator: "\n")
        XCTAssertFalse(whole.contains("ten-minutes"))
        XCTAssertFalse(whole.contains("nobody-knows-me"))
        XCTAssertFalse(whole.contains(sim.rootToken))
        XCTAssertFalse(whole.contains("hunter2-value"))
    }
}
