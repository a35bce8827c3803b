import DNSDriver
import Foundation
import GitTestSupport
import XCTest

/// What the DNS health gate and the DNS-01 hook read from an authoritative server, asked of a
/// real bind9: values normalized as zone listings are, an empty answer told apart from no
/// answer, and a server that does not serve the zone never taken for one that does.
final class AuthoritativeQueryTests: XCTestCase {
    var bind: BindServer!
    var server: NameServer { NameServer(host: "127.0.0.1", port: bind.port) }

    override func setUpWithError() throws {
        bind = try BindServer(zones: ["acme.test": ["shop IN A 192.0.2.7", "v6 IN AAAA 2001:DB8:0:0::1", "www IN CNAME Shop.acme.test.",
                                                     "note IN TXT \"a b\" \"c\""]])
    }

    override func tearDown() {
        bind?.stop()
    }

    func testValuesAreReadAsZoneListingsReadThem() async throws {
        let a = await AuthoritativeQuery.ask(server, name: "SHOP.acme.test.", type: "A")
        XCTAssertEqual(a, .values(["192.0.2.7"]))
        let aaaa = await AuthoritativeQuery.ask(server, name: "v6.acme.test", type: "AAAA")
        XCTAssertEqual(aaaa, .values(["2001:db8::1"]))
        let cname = await AuthoritativeQuery.ask(server, name: "www.acme.test", type: "CNAME")
        XCTAssertEqual(cname, .values(["shop.acme.test"]))
        let txt = await AuthoritativeQuery.ask(server, name: "note.acme.test", type: "TXT")
        XCTAssertEqual(txt, .values(["a bc"]))
        let missing = await AuthoritativeQuery.ask(server, name: "nothing.acme.test", type: "A")
        XCTAssertEqual(missing, .values([]))
        XCTAssertEqual(missing.description, "answers no record")
        // A CNAME is not an A value: the A query of www answers the chain, not www's A set.
        let chained = await AuthoritativeQuery.ask(server, name: "www.acme.test", type: "A")
        XCTAssertEqual(chained, .values([]))
    }

    func testAServerThatDoesNotServeTheZoneOrDoesNotAnswerIsNotAnAnswer() async throws {
        let elsewhere = await AuthoritativeQuery.ask(server, name: "shop.other.test", type: "A")
        XCTAssertEqual(elsewhere, .failed("answered REFUSED"))
        let port = Int(try TestNetwork.freePort())
        let down = await AuthoritativeQuery.ask(NameServer(host: "127.0.0.1", port: port), name: "shop.acme.test", type: "A")
        guard case let .failed(why) = down else { return XCTFail("\(down)") }
        XCTAssertTrue(why.hasPrefix("did not answer ("), why)
        XCTAssertTrue(why.contains("timed out") || why.contains("refused") || why.contains("reached"), "dig's own reason: \(why)")
    }

    func testTheWaitNamesTheServersStillBehindAndWhatTheyAnswer() async throws {
        let servers = [server]
        let started = ContinuousClock().now
        do {
            try await PropagationWait(timeout: .seconds(1), interval: .milliseconds(200)).until(servers) { server in
                let answer = await AuthoritativeQuery.ask(server, name: "shop.acme.test", type: "A")
                return answer == .values(["192.0.2.8"]) ? nil : answer.description
            }
            XCTFail("192.0.2.8 is never served")
        } catch let timeout as PropagationTimeout {
            XCTAssertEqual(timeout.description, "after 1 s, 127.0.0.1:\(bind.port) answers 192.0.2.7")
        }
        XCTAssertGreaterThanOrEqual(ContinuousClock().now - started, .milliseconds(800))
        try await PropagationWait(timeout: .seconds(1)).until(servers) { server in
            await AuthoritativeQuery.ask(server, name: "shop.acme.test", type: "A") == .values(["192.0.2.7"]) ? nil : "wrong"
        }
    }
}
