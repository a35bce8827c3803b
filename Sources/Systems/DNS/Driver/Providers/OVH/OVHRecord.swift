/// One record as OVH's `/domain/zone/{zone}/record/{id}` answers it:
/// `{"id":1553644695,"zone":"pacalis.net","subDomain":"","fieldType":"A","target":"213.186.33.5","ttl":0}`.
/// `subDomain` is relative to the zone ("" is the apex); `ttl: 0` means the zone's default.
struct OVHRecord: Codable, Sendable, Equatable {
    var id: Int
    var zone: String?
    var subDomain: String
    var fieldType: String
    var target: String
    var ttl: Int?
}

/// The body of `POST /domain/zone/{zone}/record`.
struct OVHRecordCreation: Encodable, Sendable {
    var fieldType: String
    var subDomain: String
    var target: String
    var ttl: Int
}

/// The body of `PUT /domain/zone/{zone}/record/{id}`: only the fields that change.
struct OVHRecordUpdate: Encodable, Sendable {
    var target: String
    var ttl: Int
}

/// OVH's error answers: `{"errorCode":"INVALID_SIGNATURE","httpCode":"400 Bad Request","message":"Invalid signature"}`
/// for authentication, `{"class":"Client::NotFound","message":"This service does not exist"}` for the rest.
struct OVHErrorBody: Decodable, Sendable {
    var message: String?
    var errorCode: String?
    var httpCode: String?
    var `class`: String?
}
