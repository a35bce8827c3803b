/// The envelope around every successful Vault answer: the same keys on every endpoint, `data`
/// or `auth` filled in depending on the endpoint.
enum Envelope {
    static func make(data: JSONValue = .null, auth: JSONValue = .null, warnings: [String]? = nil,
                     mountType: String = "", leaseDuration: Int = 0, renewable: Bool = false) -> JSONValue {
        [
            "request_id": .string(Identifiers.uuid()),
            "lease_id": "",
            "renewable": .bool(renewable),
            "lease_duration": .int(leaseDuration),
            "data": data,
            "wrap_info": .null,
            "warnings": warnings.map { .array($0.map { .string($0) }) } ?? .null,
            "auth": auth,
            "mount_type": .string(mountType),
        ]
    }

    static func ok(data: JSONValue, mountType: String, warnings: [String]? = nil) -> SimResponse {
        SimResponse(status: 200, body: make(data: data, warnings: warnings, mountType: mountType))
    }
}
