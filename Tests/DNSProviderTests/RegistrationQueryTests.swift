@testable import DNSDriver
import DNSPlanning
import HTTPClient
import XCTest

/// The read-only registration queries (not wired into planning yet): OVH's price through the
/// order cart against ovh-sim; Route 53 Domains' list and detail against a real moto_server,
/// which does not implement CheckDomainAvailability nor ListPrices (their answers are decoded
/// from the shapes of AWS's API reference instead).
final class RegistrationQueryTests: XCTestCase {
    nonisolated(unsafe) static var moto: MotoServer?

    override class func setUp() {
        super.setUp()
        if MotoServer.available() { moto = try? MotoServer() }
    }

    override class func tearDown() {
        moto?.stop()
        moto = nil
        super.tearDown()
    }

    func testOVHQuotesAFreeNameAndNoneForATakenOne() async throws {
        let sim = try OVHSimProcess()
        let pricing = OVHDomainPricing(endpoint: try OVHEndpoint(sim.apiURL),
                                       credentials: OVHCredentials(applicationKey: OVHSimProcess.applicationKey,
                                                                   applicationSecret: OVHSimProcess.applicationSecret,
                                                                   consumerKey: OVHSimProcess.consumerKey),
                                       http: HTTPClient())
        let offer = try await pricing.registrationOffer(for: "shop-acme.fr")
        XCTAssertEqual(offer, OVHDomainOffer(domain: "shop-acme.fr", offerId: "fr-create-default", amount: 8.39, currency: "EUR", period: "P1Y"))
        let canadian = try await pricing.registrationOffer(for: "shop-acme.com", subsidiary: "CA")
        XCTAssertEqual(canadian?.currency, "CAD")
        XCTAssertEqual(canadian?.amount, 10.49)
        let taken = try await pricing.registrationOffer(for: "acme.fr")
        XCTAssertNil(taken, "a name OVH hosts is only offered for transfer")
        let unsold = try await pricing.registrationOffer(for: "shop.xyz")
        XCTAssertNil(unsold)
        // Each quote leaves no cart behind.
        let log = sim.requestLog()
        XCTAssertEqual(log.filter { $0.contains("POST /1.0/order/cart ") }.count, 4)
        XCTAssertEqual(log.filter { $0.contains("DELETE /1.0/order/cart/") && $0.hasSuffix(" 200") }.count, 4)
    }

    func domains() throws -> Route53DomainsClient {
        guard let moto = Self.moto else { throw XCTSkip("moto_server is not installed or did not start: run `make python-deps`") }
        return Route53DomainsClient(endpoint: moto.endpoint, credentials: AWSCredentials(accessKeyId: "AKIDMOTO", secretAccessKey: "moto-secret"),
                                    http: HTTPClient())
    }

    func testRoute53DomainsListsTheAccountsDomainsAndTheirDetail() async throws {
        let client = try domains()
        let name = "tenantctl-\(UUID().uuidString.prefix(8).lowercased()).com"
        let contact: [String: Any] = ["FirstName": "Ada", "LastName": "Lovelace", "ContactType": "PERSON", "AddressLine1": "1 rue de la Paix",
                                      "City": "Paris", "CountryCode": "FR", "ZipCode": "75002", "PhoneNumber": "+33.123456789",
                                      "Email": "hostmaster@example.com"]
        // Two years: moto 5.2.1 refuses one ("ExpirationDate must by between 1 and 10 years from
        // now", its bound taken strictly); a test fixture, not what tenantctl would ask for.
        let registration: [String: Any] = ["DomainName": name, "DurationInYears": 2, "AdminContact": contact,
                                           "RegistrantContact": contact, "TechContact": contact]
        _ = try await client.send("RegisterDomain", JSONSerialization.data(withJSONObject: registration))

        let listed = try await client.domains()
        XCTAssertTrue(listed.contains { $0.name == name }, "\(listed)")
        let detail = try await client.domain(name)
        XCTAssertEqual(detail?.name, name)
        XCTAssertNotNil(detail?.expiry)
        XCTAssertFalse(detail?.nameServers?.isEmpty ?? true)
        let foreign = try await client.domain("not-ours-\(UUID().uuidString.prefix(6).lowercased()).com")
        XCTAssertNil(foreign, "a domain of another account is no error, just not ours")
    }

    func testAvailabilityAndPriceAnswersDecode() throws {
        let availability = try JSONDecoder().decode(AvailabilityAnswer.self, from: Data(#"{"Availability":"UNAVAILABLE"}"#.utf8))
        XCTAssertEqual(availability.availability, "UNAVAILABLE")
        XCTAssertFalse(DomainAvailability(domain: "acme.com", status: availability.availability).isAvailable)
        let prices = try JSONDecoder().decode(PricesAnswer.self, from: Data(#"""
            {"NextPageMarker": null, "Prices": [{"Name": "com", "RegistrationPrice": {"Currency": "USD", "Price": 14.0},
              "RenewalPrice": {"Currency": "USD", "Price": 14.0}, "TransferPrice": {"Currency": "USD", "Price": 14.0}}]}
            """#.utf8))
        XCTAssertEqual(prices.prices.first?.registrationPrice?.price, 14.0)
        let error = try JSONDecoder().decode(AWSJSONError.self, from: Data(#"{"__type":"com.amazonaws.route53domains#UnsupportedTLD","Message":"TLD xyz is not supported"}"#.utf8))
        XCTAssertEqual(error.message, "TLD xyz is not supported")
    }
}
