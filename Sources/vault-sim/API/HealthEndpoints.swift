/// `sys/health` and `sys/seal-status`, the two endpoints that answer while Vault is sealed.
/// Health's status code tells the state (200 active, 429 standby, 501 not initialised, 503
/// sealed), each overridable with the query parameters Vault documents for load balancers.
extension VaultServer {
    func health(_ request: SimRequest) -> SimResponse {
        guard ["GET", "HEAD"].contains(request.method) else { return Self.unsupported }
        func code(_ name: String, _ fallback: Int) -> Int { request.query[name].flatMap { Int($0) } ?? fallback }
        let statusCode: Int
        if !status.initialized {
            statusCode = code("uninitcode", 501)
        } else if status.sealed {
            statusCode = code("sealedcode", 503)
        } else if status.standby {
            statusCode = request.query["standbyok"] == "true" ? code("activecode", 200) : code("standbycode", 429)
        } else {
            statusCode = code("activecode", 200)
        }
        var body: [String: JSONValue] = [
            "initialized": .bool(status.initialized),
            "sealed": .bool(status.sealed || !status.initialized),
            "standby": .bool(status.standby),
            "performance_standby": false,
            "replication_performance_mode": "disabled",
            "replication_dr_mode": "disabled",
            "server_time_utc": .int(Int(now.timeIntervalSince1970)),
            "version": .string(status.version),
            "enterprise": false,
            "echo_duration_ms": 0,
            "clock_skew_ms": 0,
            "replication_primary_canary_age_ms": 0,
        ]
        if status.serving {
            body["cluster_name"] = .string(status.clusterName)
            body["cluster_id"] = .string(status.clusterID)
        }
        return SimResponse(status: statusCode, body: request.method == "HEAD" ? nil : .object(body))
    }

    func sealStatus() -> SimResponse {
        var body: [String: JSONValue] = [
            "type": "shamir",
            "initialized": .bool(status.initialized),
            "sealed": .bool(status.sealed || !status.initialized),
            "t": 1, "n": 1, "progress": 0, "nonce": "",
            "version": .string(status.version),
            "build_date": "2024-09-25T12:00:00Z",
            "migration": false,
            "recovery_seal": false,
            "storage_type": "inmem",
        ]
        if status.serving {
            body["cluster_name"] = .string(status.clusterName)
            body["cluster_id"] = .string(status.clusterID)
        }
        return SimResponse(status: 200, body: .object(body))
    }
}
