import Foundation
@testable import DNSDriver
import HTTPClient
import XCTest

/// ovh-sim's answers have the fields and JSON types of OVH's recorded answers (Fixtures/ovh).
final class OVHSimShapeTests: XCTestCase {
    var sim: OVHSimProcess!
    var api: OVHAPI!

    override func setUpWithError() throws {
        sim = try OVHSimProcess()
        api = OVHAPI(endpoint: try OVHEndpoint(sim.apiURL),
                     credentials: OVHCredentials(applicationKey: OVHSimProcess.applicationKey, applicationSecret: OVHSimProcess.applicationSecret,
                                                 consumerKey: OVHSimProcess.consumerKey),
                     http: HTTPClient(configuration: HTTPClientConfiguration(retry: .never)), clock: OVHClockOffset())
    }

    override func tearDown() {
        sim = nil
        api = nil
    }

    /// Field names and the JSON type of each value (number, string, bool, null…).
    func shape(_ data: Data) -> [String: String] {
        ((try? JSONDecoder().decode([String: JSONKind].self, from: data)) ?? [:]).mapValues(\.rawValue)
    }

    enum JSONKind: String, Decodable {
        case null, bool, number, string, array, object

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { self = .null }
            else if (try? value.decode(Bool.self)) != nil { self = .bool }
            else if (try? value.decode(Double.self)) != nil { self = .number }
            else if (try? value.decode(String.self)) != nil { self = .string }
            else if (try? value.decode([JSONKind].self)) != nil { self = .array }
            else { self = .object }
        }
    }

    func json(_ response: HTTPResponse) -> Any? {
        try? JSONSerialization.jsonObject(with: response.data, options: [.fragmentsAllowed])
    }

    func testRecordsIdsZonesAndStatusHaveTheRecordedShapes() async throws {
        let zones = try await api.send(.get, "/domain/zone")
        XCTAssertEqual(zones.status, 200)
        XCTAssertEqual(zones.headers["Content-Type"], "application/json; charset=utf-8")
        XCTAssertTrue(json(zones) is [String])
        XCTAssertTrue(try Fixtures.json("ovh/ovh-GET-domain-zone-list.json") is [String])

        let idsAnswer = try await api.send(.get, "/domain/zone/acme.fr/record")
        let ids = try XCTUnwrap(json(idsAnswer) as? [Int])
        XCTAssertEqual(ids.count, 5)
        XCTAssertTrue(try Fixtures.json("ovh/ovh-GET-domain-zone-record-list-ids.json") is [Int])

        let recorded = shape(try Fixtures.data("ovh/ovh-GET-domain-zone-record-id-A-apex.json"))
        for id in ids {
            let answer = try await api.send(.get, "/domain/zone/acme.fr/record/\(id)")
            XCTAssertEqual(shape(answer.data), recorded)
        }
        let status = try await api.send(.get, "/domain/zone/acme.fr/status")
        XCTAssertEqual(shape(status.data),
                       shape(try Fixtures.data("ovh/ovh-GET-domain-zone-status.json")))
    }

    func testWritesAnswerAsRecorded() async throws {
        let created = try await api.send(.post, "/domain/zone/acme.fr/record",
                                         body: OVHRecordCreation(fieldType: "TXT", subDomain: "orig.test", target: "challengetoken", ttl: 3600))
        XCTAssertEqual(created.status, 200)
        XCTAssertEqual(shape(created.data), shape(try Fixtures.data("ovh/ovh-POST-domain-zone-record-response.json")))
        let id = try XCTUnwrap((json(created) as? [String: Any])?["id"] as? Int)
        let updated = try await api.send(.put, "/domain/zone/acme.fr/record/\(id)", body: OVHRecordUpdate(target: "other", ttl: 60))
        XCTAssertEqual(updated.text, try String(decoding: Fixtures.data("ovh/ovh-PUT-domain-zone-record-id-response.json"), as: UTF8.self))
        let refreshed = try await api.send(.post, "/domain/zone/acme.fr/refresh")
        XCTAssertEqual(refreshed.text, "null")
        let deleted = try await api.send(.delete, "/domain/zone/acme.fr/record/\(id)")
        XCTAssertEqual(deleted.text, "null")
        let gone = try await api.send(.get, "/domain/zone/acme.fr/record/\(id)")
        XCTAssertEqual(gone.status, 404)
        XCTAssertEqual((json(gone) as? [String: String])?["message"], "The requested object (id = \(id)) does not exist")
    }

    func testFiltersSelectByTypeAndSubdomainTheApexBeingEmpty() async throws {
        let apexAAnswer = try await api.send(.get, "/domain/zone/acme.fr/record", query: [("fieldType", "A"), ("subDomain", "")])
        let apexA = try XCTUnwrap(json(apexAAnswer) as? [Int])
        XCTAssertEqual(apexA.count, 1)
        let wwwAnswer = try await api.send(.get, "/domain/zone/acme.fr/record", query: [("subDomain", "www")])
        let www = try XCTUnwrap(json(wwwAnswer) as? [Int])
        XCTAssertEqual(www.count, 1)
        let noneAnswer = try await api.send(.get, "/domain/zone/acme.fr/record", query: [("fieldType", "AAAA")])
        let none = try XCTUnwrap(json(noneAnswer) as? [Int])
        XCTAssertEqual(none, [])
    }

    func testRefusalsHaveOVHsErrorShapes() async throws {
        let badSecret = OVHAPI(endpoint: api.endpoint,
                               credentials: OVHCredentials(applicationKey: OVHSimProcess.applicationKey, applicationSecret: "wrong", consumerKey: OVHSimProcess.consumerKey),
                               http: api.http, clock: OVHClockOffset())
        let refused = try await badSecret.send(.get, "/domain/zone")
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(json(refused) as? [String: String],
                       ["errorCode": "INVALID_SIGNATURE", "httpCode": "400 Bad Request", "message": "Invalid signature"])
        let unknownApplication = OVHAPI(endpoint: api.endpoint,
                                        credentials: OVHCredentials(applicationKey: "nope", applicationSecret: "x", consumerKey: "y"),
                                        http: api.http, clock: OVHClockOffset())
        let invalidKey = try await unknownApplication.send(.get, "/domain/zone")
        XCTAssertEqual(invalidKey.status, 403)
        XCTAssertEqual((json(invalidKey) as? [String: String])?["errorCode"], "INVALID_KEY")
        let missing = try await api.send(.get, "/domain/zone/globex.fr/record")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(json(missing) as? [String: String], ["class": "Client::NotFound", "message": "This service does not exist"])
        // /auth/time is not signed: a bare integer.
        let time = try await api.serverTime()
        XCTAssertLessThan(abs(time - Int(Date().timeIntervalSince1970)), 5)
    }
}
