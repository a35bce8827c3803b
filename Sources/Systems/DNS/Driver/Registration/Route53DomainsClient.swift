import Foundation
import HTTPClient

/// Read-only queries of Route 53 Domains (the registrar), for planning a registration later:
/// availability, the registration price of a TLD, the domains of the account and one domain's
/// detail. Nothing here registers or changes a domain.
///
/// Route 53 Domains speaks AWS's JSON 1.1 protocol: `POST /` with `X-Amz-Target:
/// Route53Domains_v20140515.<Operation>`, signed with SigV4 for the service `route53domains` in
/// `us-east-1`, where the API lives.
public struct Route53DomainsClient: Sendable {
    public static let defaultEndpoint = URL(string: "https://route53domains.us-east-1.amazonaws.com")!

    let endpoint: URL
    let signer: SigV4Signer
    let http: HTTPClient

    public init(endpoint: URL? = nil, region: String? = nil, credentials: AWSCredentials, http: HTTPClient) {
        self.endpoint = endpoint ?? Self.defaultEndpoint
        signer = SigV4Signer(credentials: credentials, region: region ?? "us-east-1", service: "route53domains")
        self.http = http
    }

    /// `AVAILABLE`, `UNAVAILABLE`, `UNAVAILABLE_PREMIUM`, `RESERVED`, `DONT_KNOW`… as AWS says it.
    public func availability(of domain: String) async throws -> DomainAvailability {
        let answer: AvailabilityAnswer = try await call("CheckDomainAvailability", ["DomainName": domain])
        return DomainAvailability(domain: domain, status: answer.availability)
    }

    /// The registration price of a TLD (`fr`, `com`) for one year, or nil when Route 53 does not sell it.
    public func registrationPrice(tld: String) async throws -> DomainPrice? {
        let answer: PricesAnswer = try await call("ListPrices", ["Tld": tld])
        guard let entry = answer.prices.first(where: { $0.name == tld }), let price = entry.registrationPrice else { return nil }
        return DomainPrice(amount: price.price, currency: price.currency, period: "P1Y")
    }

    /// The domains registered in the account, every page.
    public func domains() async throws -> [RegisteredDomain] {
        var result: [RegisteredDomain] = []
        var marker: String?
        repeat {
            var body: [String: String] = [:]
            if let marker { body["Marker"] = marker }
            let page: DomainsAnswer = try await call("ListDomains", body)
            result += page.domains.map { RegisteredDomain(name: $0.domainName, expiry: $0.expiry.map { Date(timeIntervalSince1970: $0) }, nameServers: nil) }
            marker = page.nextPageMarker.flatMap { $0.isEmpty ? nil : $0 }
        } while marker != nil
        return result
    }

    /// One domain of the account, or nil when the account does not hold it.
    public func domain(_ name: String) async throws -> RegisteredDomain? {
        do {
            let detail: DetailAnswer = try await call("GetDomainDetail", ["DomainName": name])
            return RegisteredDomain(name: detail.domainName, expiry: detail.expirationDate.map { Date(timeIntervalSince1970: $0) },
                                    nameServers: detail.nameservers?.map(\.name))
        } catch let error as Route53DomainsError where error.code == "InvalidInput" && error.message.contains("not associated") {
            return nil
        }
    }

    /// One JSON 1.1 call; the answer decoded, or the error AWS gave.
    func call<Answer: Decodable>(_ operation: String, _ body: [String: String]) async throws -> Answer {
        let data = try await send(operation, JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw DNSProviderError(.permanent, "route53domains: \(operation) answered with a body that is not the expected JSON")
        }
    }

    /// One JSON 1.1 call with a JSON body; the answer's body, or the error AWS gave.
    /// `idempotent`: false for RegisterDomain, which a lost answer must never send twice.
    func send(_ operation: String, _ json: Data, idempotent: Bool = true) async throws -> Data {
        let bytes = Array(json)
        var headers = signer.sign(method: "POST", url: endpoint, body: bytes, date: Date())
        headers.add("X-Amz-Target", "Route53Domains_v20140515.\(operation)")
        headers.add("Content-Type", "application/x-amz-json-1.1")
        let response: HTTPResponse
        do {
            // Read-only calls are safe to send again after a lost answer; a purchase is not.
            response = try await http.send(HTTPRequest(method: .post, url: endpoint, headers: headers, body: bytes, idempotent: idempotent))
        } catch let error as HTTPClientError {
            throw DNSProviderError.transport(error, provider: "route53domains")
        }
        guard response.isSuccess else {
            let error = (try? JSONDecoder().decode(AWSJSONError.self, from: response.data))
            let code = error?.type.split(separator: "#").last.map(String.init) ?? "HTTP \(response.status)"
            let message = DNSProviderError.scrub(error?.message ?? "", secrets: signer.credentials.secrets)
            throw Route53DomainsError(status: response.status, code: code, message: message, operation: operation)
        }
        return response.data
    }
}
