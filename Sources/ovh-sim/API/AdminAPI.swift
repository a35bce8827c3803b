import Foundation

/// The simulator's own controls, under `/sim/` (not the API's prefix). Unauthenticated: the
/// simulator serves loopback tests and the demo, and no OVH client calls these paths.
///
///     GET  /sim/state                        zones (record counts, refreshes, deployed), faults, clock
///     GET  /sim/zones/{zone}/records         what the API holds, refreshed or not
///     GET  /sim/zones/{zone}/served          what the name servers serve: the state of the last refresh
///     POST /sim/zones/{zone}/records         {"subDomain","fieldType","target","ttl"}: a record made out of band
///                                            (served at once unless "publish": false)
///     PUT  /sim/zones/{zone}/records/{id}    {"target", "ttl"}: a record edited by hand in the console
///                                            (served at once unless "publish": false)
///     POST /sim/zones                        {"name": "acme.fr"}: a new, empty zone
///     POST /sim/fail                         {"count": 2, "status": 503|500|429, "retryAfter": 1}: the next N API calls fail
///     POST /sim/latency                      {"ms": 250}: delay every API answer
///     POST /sim/clock                        {"skewSeconds": 600}: OVH's clock runs ahead (negative: behind)
///     POST /sim/reset-faults                 no latency, no pending failures, no skew
///     GET  /sim/orders, POST /sim/orders/fault, POST /sim/orders/deliver-after: see OrderFlowEndpoints
extension OVHServer {
    struct ZoneState: Encodable {
        var records: Int
        var served: Int
        var refreshes: Int
        var isDeployed: Bool
    }

    struct State: Encodable {
        var zones: [String: ZoneState]
        var latencyMilliseconds: Int
        var failNext: Int
        var failStatus: Int
        var clockSkewSeconds: Int
        var now: Int
    }

    func admin(_ request: SimRequest) -> SimResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        let body = request.jsonObject() ?? [:]
        // `zones/{zone}/records` and `zones/{zone}/served` name the zone in the middle.
        var route = parts
        var zone = ""
        if parts.count == 3, parts[0] == "zones" {
            zone = parts[1].lowercased()
            route = ["zones", "*", parts[2]]
        }
        if parts.count == 4, parts[0] == "zones", parts[2] == "records" {
            zone = parts[1].lowercased()
            route = ["zones", "*", "records", "*"]
        }
        switch (request.method, route.joined(separator: "/")) {
        case ("GET", "state"):
            return .json(State(
                zones: zones.mapValues { ZoneState(records: $0.records.count, served: $0.served.count, refreshes: $0.refreshes, isDeployed: $0.isDeployed) },
                latencyMilliseconds: faults.latencyMilliseconds, failNext: faults.failNext, failStatus: faults.failStatus,
                clockSkewSeconds: clockSkewSeconds, now: now))
        case ("GET", "zones/*/records"):
            guard let state = zones[zone] else { return .serviceNotFound }
            return .json(state.records.values.sorted { $0.id < $1.id })
        case ("GET", "zones/*/served"):
            guard let state = zones[zone] else { return .serviceNotFound }
            return .json(state.served.values.sorted { $0.id < $1.id })
        case ("POST", "zones/*/records"):
            guard zones[zone] != nil else { return .serviceNotFound }
            let created = createRecord(zone, request)
            guard created.status == 200 else { return created }
            if (body["publish"] as? Bool) ?? true {
                if let record = try? JSONDecoder().decode(SimRecord.self, from: created.body) {
                    zones[zone]?.served[record.id] = record
                }
            }
            return created
        case ("PUT", "zones/*/records/*"):
            guard zones[zone] != nil else { return .serviceNotFound }
            let updated = updateRecord(zone, parts[3], request)
            guard updated.status == 200 else { return updated }
            if (body["publish"] as? Bool) ?? true, let id = Int(parts[3]), let record = zones[zone]?.records[id] {
                zones[zone]?.served[id] = record
            }
            return updated
        case ("POST", "zones"):
            guard let name = (body["name"] as? String)?.lowercased(), !name.isEmpty else { return .badRequest("name is required") }
            if zones[name] == nil { zones[name] = SimZone(name: name) }
            return .null
        case ("POST", "fail"):
            guard let count = body["count"] as? Int, count >= 0 else { return .badRequest("count is required") }
            let status = (body["status"] as? Int) ?? 500
            guard status == 429 || (500...599).contains(status) else { return .badRequest("status must be 429 or a 5xx code") }
            faults.failNext = count
            faults.failStatus = status
            faults.retryAfter = body["retryAfter"] as? Int
            return .null
        case ("POST", "latency"):
            guard let ms = body["ms"] as? Int, ms >= 0 else { return .badRequest("ms: a number of milliseconds is required") }
            faults.latencyMilliseconds = ms
            return .null
        case ("POST", "clock"):
            guard let skew = body["skewSeconds"] as? Int else { return .badRequest("skewSeconds is required") }
            clockSkewSeconds = skew
            return .null
        case ("POST", "reset-faults"):
            faults = SimFaults()
            clockSkewSeconds = 0
            return .null
        default:
            if let answer = orderAdmin(request.method, route, body) { return answer }
            return .client(404, "Client::NotFound", "no such simulator endpoint: \(request.method) /sim\(request.path)")
        }
    }
}
