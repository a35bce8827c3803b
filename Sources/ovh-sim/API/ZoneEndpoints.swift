/// `/domain/zone/{zone}/…`: records (list with filters, create, read, update, delete), refresh
/// and status. Writes change the API's view only; `refresh` makes it the served one.
extension OVHServer {
    struct ZoneInfo: Encodable {
        var name: String
        var hasDnsAnycast: Bool
        var dnssecSupported: Bool
        var nameServers: [String]
    }

    /// `{"warnings":null,"errors":null,"isDeployed":true}`, as recorded.
    struct ZoneStatus: Encodable {
        var warnings: [String]?
        var errors: [String]?
        var isDeployed: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(errors, forKey: .errors)
            try container.encode(isDeployed, forKey: .isDeployed)
        }

        enum CodingKeys: String, CodingKey { case warnings, errors, isDeployed }
    }

    func zoneInfo(_ zone: String) -> SimResponse {
        .json(ZoneInfo(name: zone, hasDnsAnycast: false, dnssecSupported: true, nameServers: ["dns200.anycast.me", "ns200.anycast.me"]))
    }

    func status(_ zone: String) -> SimResponse {
        .json(ZoneStatus(warnings: nil, errors: nil, isDeployed: zones[zone]?.isDeployed ?? true))
    }

    func refresh(_ zone: String) -> SimResponse {
        // Read first: an optional-chained assignment holds `zones` while its right side runs.
        guard var state = zones[zone] else { return .serviceNotFound }
        state.served = state.records
        state.refreshes += 1
        zones[zone] = state
        return .null
    }

    func listRecords(_ zone: String, _ request: SimRequest) -> SimResponse {
        if let type = request.query["fieldType"], !SimRecordTypes.known.contains(type) {
            return .badRequest("[fieldType] Given data (\(type)) does not belong to the DnsRecordTypeEnum enumeration")
        }
        return .json(zones[zone]?.ids(fieldType: request.query["fieldType"], subDomain: request.query["subDomain"]) ?? [])
    }

    func createRecord(_ zone: String, _ request: SimRequest) -> SimResponse {
        guard let body = request.jsonObject() else { return .badRequest("Invalid JSON received") }
        guard let type = body["fieldType"] as? String else { return .badRequest("[fieldType] Property is mandatory") }
        guard SimRecordTypes.known.contains(type) else {
            return .badRequest("[fieldType] Given data (\(type)) does not belong to the DnsRecordTypeEnum enumeration")
        }
        guard let target = body["target"] as? String, !target.isEmpty else { return .badRequest("[target] Property is mandatory") }
        let subDomain = (body["subDomain"] as? String) ?? ""
        guard let ttl = Self.ttl(body["ttl"]) else { return .badRequest("[ttl] Given data is not an unsigned integer") }
        guard zones[zone]?.conflict(subDomain: subDomain, fieldType: type) == false else {
            return .badRequest("A CNAME record cannot coexist with another record of the same subdomain")
        }
        let record = SimRecord(id: nextID(), zone: zone, subDomain: subDomain, fieldType: type, target: target, ttl: ttl)
        zones[zone]?.records[record.id] = record
        return .json(record)
    }

    func readRecord(_ zone: String, _ id: String) -> SimResponse {
        guard let number = Int(id), let record = zones[zone]?.records[number] else { return .objectNotFound(id) }
        return .json(record)
    }

    func updateRecord(_ zone: String, _ id: String, _ request: SimRequest) -> SimResponse {
        guard let number = Int(id), var record = zones[zone]?.records[number] else { return .objectNotFound(id) }
        guard let body = request.jsonObject() else { return .badRequest("Invalid JSON received") }
        if let target = body["target"] {
            guard let target = target as? String, !target.isEmpty else { return .badRequest("[target] Given data is not a non-empty string") }
            record.target = target
        }
        if let subDomain = body["subDomain"] {
            guard let subDomain = subDomain as? String else { return .badRequest("[subDomain] Given data is not a string") }
            record.subDomain = subDomain
        }
        if body["ttl"] != nil {
            guard let ttl = Self.ttl(body["ttl"]) else { return .badRequest("[ttl] Given data is not an unsigned integer") }
            record.ttl = ttl
        }
        guard zones[zone]?.conflict(subDomain: record.subDomain, fieldType: record.fieldType, ignoring: number) == false else {
            return .badRequest("A CNAME record cannot coexist with another record of the same subdomain")
        }
        zones[zone]?.records[number] = record
        return .null
    }

    func deleteRecord(_ zone: String, _ id: String) -> SimResponse {
        guard let number = Int(id), zones[zone]?.records[number] != nil else { return .objectNotFound(id) }
        zones[zone]?.records[number] = nil
        return .null
    }

    /// A TTL in seconds, 0 (the zone's default) when absent.
    static func ttl(_ value: Any?) -> Int? {
        guard let value else { return 0 }
        if let number = value as? Int, number >= 0 { return number }
        if let number = value as? Double, number >= 0, number == number.rounded() { return Int(number) }
        return nil
    }
}
