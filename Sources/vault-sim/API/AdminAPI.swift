/// The simulator's own controls, under `/sim/` (not `/v1/`), for tests and the demo. Every call
/// needs the root token (`X-Vault-Token` or `Authorization: Bearer`); none is delayed, failed or
/// refused by the seal, and none appears in Vault's API.
///
///     GET  /sim/state                 seal, health, faults and clock, as JSON
///     POST /sim/latency               {"ms": 250}             delay every /v1/ answer
///     POST /sim/fail                  {"count": 3, "status": 503}   the next N /v1/ requests fail (500, 502, 503…)
///     POST /sim/seal, /sim/unseal     every /v1/ endpoint but sys/health and sys/seal-status answers 503
///     POST /sim/standby               {"standby": true}       sys/health answers 429
///     POST /sim/initialized           {"initialized": false}  sys/health answers 501, the rest 503
///     POST /sim/clock/advance         {"seconds": 3600}       move the simulated clock (TTLs) forward
///     POST /sim/tokens                a token spec as in the config file; answers {"id", "accessor"}
///     POST /sim/tokens/expire         {"token": "…"} or {"accessor": "…"}: the token expires now
///     POST /sim/policies              {"name": "…", "rules": [{"path": "…", "capabilities": […]}]}
///     POST /sim/approles              an AppRole spec as in the config file
///     POST /sim/namespaces            {"path": "tenant-a", "mounts": ["secret"]}
///     POST /sim/reset-faults          no latency, no pending failures, unsealed, initialised, active
extension VaultServer {
    func admin(_ request: SimRequest) -> SimResponse {
        guard request.token == rootToken else { return .errors(403, ["permission denied"]) }
        let body: JSONValue
        do { body = try request.json() } catch { return .badRequest("failed to parse JSON input") }
        switch (request.method, request.path) {
        case ("GET", "state"):
            return SimResponse(status: 200, body: [
                "sealed": .bool(status.sealed), "initialized": .bool(status.initialized), "standby": .bool(status.standby),
                "latency_ms": .int(faults.latencyMilliseconds), "fail_next": .int(faults.failNext),
                "fail_status": .int(faults.failStatus), "clock_offset_seconds": .double(clock.offset),
                "now": .string(Timestamps.rfc3339(now)),
            ])
        case ("POST", "latency"):
            guard let ms = body["ms"]?.intValue, ms >= 0 else { return .badRequest("ms: a number of milliseconds is required") }
            faults.latencyMilliseconds = ms
        case ("POST", "fail"):
            guard let count = body["count"]?.intValue, count >= 0 else { return .badRequest("count is required") }
            let code = body["status"]?.intValue ?? 500
            guard (500...599).contains(code) else { return .badRequest("status must be a 5xx code") }
            faults.failNext = count
            faults.failStatus = code
        case ("POST", "seal"): status.sealed = true
        case ("POST", "unseal"): status.sealed = false
        case ("POST", "standby"): status.standby = body["standby"]?.boolValue ?? true
        case ("POST", "initialized"): status.initialized = body["initialized"]?.boolValue ?? true
        case ("POST", "clock/advance"):
            guard let seconds = body["seconds"]?.intValue, seconds >= 0 else { return .badRequest("seconds is required") }
            clock.advance(seconds: Double(seconds))
        case ("POST", "tokens"):
            do {
                let token = try token(from: body)
                addToken(token)
                return SimResponse(status: 200, body: ["id": .string(token.id), "accessor": .string(token.accessor)])
            } catch { return .badRequest(error.description) }
        case ("POST", "tokens/expire"):
            let match = tokens.values.first {
                $0.id == body["token"]?.stringValue || $0.accessor == body["accessor"]?.stringValue
            }
            guard let match, !match.isRoot else { return .errors(404, ["no such token"]) }
            tokens[match.id]?.expireTime = now
        case ("POST", "policies"):
            guard let name = body["name"]?.stringValue, let rules = body["rules"] else { return .badRequest("name and rules are required") }
            do { try addPolicy(name: name, rules: rules) } catch { return .badRequest(error.description) }
        case ("POST", "approles"):
            do { try addAppRole(body) } catch { return .badRequest(error.description) }
        case ("POST", "namespaces"):
            guard let path = body["path"]?.stringValue else { return .badRequest("path is required") }
            addNamespace(path, mounts: body["mounts"]?.stringList ?? ["secret"])
        case ("POST", "reset-faults"):
            faults = Faults()
            status.sealed = false
            status.standby = false
            status.initialized = true
        default:
            return .errors(404, ["no such simulator endpoint: \(request.method) /sim/\(request.path)"])
        }
        return .noContent
    }
}

import Foundation
