// The JSON shapes of the answers (AWS's member names).
struct AvailabilityAnswer: Decodable {
    var availability: String
    enum CodingKeys: String, CodingKey { case availability = "Availability" }
}

struct PricesAnswer: Decodable {
    struct Price: Decodable {
        var price: Double
        var currency: String
        enum CodingKeys: String, CodingKey { case price = "Price", currency = "Currency" }
    }
    struct Entry: Decodable {
        var name: String
        var registrationPrice: Price?
        enum CodingKeys: String, CodingKey { case name = "Name", registrationPrice = "RegistrationPrice" }
    }
    var prices: [Entry]
    enum CodingKeys: String, CodingKey { case prices = "Prices" }
}

struct DomainsAnswer: Decodable {
    struct Summary: Decodable {
        var domainName: String
        var expiry: Double?
        enum CodingKeys: String, CodingKey { case domainName = "DomainName", expiry = "Expiry" }
    }
    var domains: [Summary]
    var nextPageMarker: String?
    enum CodingKeys: String, CodingKey { case domains = "Domains", nextPageMarker = "NextPageMarker" }
}

struct DetailAnswer: Decodable {
    struct NameServer: Decodable {
        var name: String
        enum CodingKeys: String, CodingKey { case name = "Name" }
    }
    var domainName: String
    var expirationDate: Double?
    var nameservers: [NameServer]?
    enum CodingKeys: String, CodingKey { case domainName = "DomainName", expirationDate = "ExpirationDate", nameservers = "Nameservers" }
}

struct AWSJSONError: Decodable {
    var type: String
    var message: String?
    enum CodingKeys: String, CodingKey { case type = "__type", message, Message }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? container.decodeIfPresent(String.self, forKey: .Message)
    }
}
