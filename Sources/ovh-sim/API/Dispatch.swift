/// The order in which the simulated OVH answers an API call: injected faults, `/auth/time` (not
/// signed), the signature checks, then the zone endpoints.
extension OVHServer {
    func handle(_ request: SimRequest) -> SimResponse {
        if let failure = faults.takeFailure() { return failure }
        let parts = request.path.split(separator: "/").map(String.init)
        if parts == ["auth", "time"] {
            return request.method == "GET" ? .json(now) : .methodNotAllowed
        }
        if let refusal = authenticate(request) { return refusal }
        if parts.count >= 2, parts[0] == "order", parts[1] == "cart" { return order(request, parts) }
        if let answer = accountOrders(request, parts) { return answer }
        guard parts.count >= 2, parts[0] == "domain", parts[1] == "zone" else { return .invalidURL }
        if parts.count == 2 {
            return request.method == "GET" ? .json(zones.keys.sorted()) : .methodNotAllowed
        }
        let zone = parts[2].lowercased()
        guard zones[zone] != nil else { return .serviceNotFound }
        let rest = Array(parts.dropFirst(3))
        let method = request.method
        switch rest.count {
        case 0:
            return method == "GET" ? zoneInfo(zone) : .methodNotAllowed
        case 1:
            switch (method, rest[0]) {
            case ("GET", "status"): return status(zone)
            case ("POST", "refresh"): return refresh(zone)
            case ("GET", "record"): return listRecords(zone, request)
            case ("POST", "record"): return createRecord(zone, request)
            case (_, "status"), (_, "refresh"), (_, "record"): return .methodNotAllowed
            default: return .invalidURL
            }
        case 2 where rest[0] == "record":
            switch method {
            case "GET": return readRecord(zone, rest[1])
            case "PUT": return updateRecord(zone, rest[1], request)
            case "DELETE": return deleteRecord(zone, rest[1])
            default: return .methodNotAllowed
            }
        default:
            return .invalidURL
        }
    }
}
