import Foundation

/// The calls of Route 53 Domains that buy: RegisterDomain (sent once, never retried by the
/// HTTP layer), and the operation's progress (GetOperationDetail, ListOperations).
extension Route53DomainsClient {
    /// Registers `domain` for `years` with the three contacts (their values never leave this
    /// call: no error carries them, AWS's messages are not echoed with the request). Returns the
    /// operation id.
    public func register(_ domain: String, years: Int, contacts: RegistrationContacts) async throws -> String {
        var body: [String: Any] = ["DomainName": domain, "DurationInYears": years, "AutoRenew": true,
                                   "PrivacyProtectAdminContact": true, "PrivacyProtectRegistrantContact": true, "PrivacyProtectTechContact": true]
        body["RegistrantContact"] = contacts.registrant.awsShape
        body["AdminContact"] = contacts.admin.awsShape
        body["TechContact"] = contacts.tech.awsShape
        let data = try await send("RegisterDomain", JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), idempotent: false)
        guard let answer = try? JSONDecoder().decode(OperationIdAnswer.self, from: data) else {
            throw DNSProviderError(.permanent, "route53domains: RegisterDomain answered without an operation id")
        }
        return answer.operationId
    }

    /// `SUBMITTED`, `IN_PROGRESS`, `ERROR`, `SUCCESSFUL`, `FAILED` as AWS says it, with its message.
    public func operation(_ id: String) async throws -> DomainOperation {
        let answer: OperationAnswer = try await call("GetOperationDetail", ["OperationId": id])
        return DomainOperation(id: answer.operationId ?? id, domain: answer.domainName, status: answer.status ?? "UNKNOWN",
                               type: answer.type, message: answer.message)
    }

    /// The account's REGISTER_DOMAIN operations for `domain`: what an answer lost after the call
    /// leaves to find the purchase by.
    public func registrations(of domain: String) async throws -> [DomainOperation] {
        var result: [DomainOperation] = []
        var marker: String?
        repeat {
            var body: [String: Any] = ["Type": ["REGISTER_DOMAIN"]]
            if let marker { body["Marker"] = marker }
            let data = try await send("ListOperations", JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
            guard let page = try? JSONDecoder().decode(OperationsAnswer.self, from: data) else {
                throw DNSProviderError(.permanent, "route53domains: ListOperations answered with a body that is not the expected JSON")
            }
            result += page.operations.filter { $0.domainName?.lowercased() == domain.lowercased() && ($0.type ?? "REGISTER_DOMAIN") == "REGISTER_DOMAIN" }
                .map { DomainOperation(id: $0.operationId ?? "", domain: $0.domainName, status: $0.status ?? "UNKNOWN", type: $0.type, message: $0.message) }
            marker = page.nextPageMarker.flatMap { $0.isEmpty ? nil : $0 }
        } while marker != nil
        return result
    }
}

/// One operation of Route 53 Domains.
public struct DomainOperation: Sendable, Equatable {
    public var id: String
    public var domain: String?
    public var status: String
    public var type: String?
    public var message: String?
}

struct OperationIdAnswer: Decodable {
    var operationId: String
    enum CodingKeys: String, CodingKey { case operationId = "OperationId" }
}

struct OperationAnswer: Decodable {
    var operationId: String?
    var domainName: String?
    var status: String?
    var type: String?
    var message: String?
    enum CodingKeys: String, CodingKey {
        case operationId = "OperationId", domainName = "DomainName", status = "Status", type = "Type", message = "Message"
    }
}

struct OperationsAnswer: Decodable {
    var operations: [OperationAnswer]
    var nextPageMarker: String?
    enum CodingKeys: String, CodingKey { case operations = "Operations", nextPageMarker = "NextPageMarker" }
}
