import Foundation

/// What the registrar says of a name.
public struct DomainAvailability: Sendable, Equatable {
    public var domain: String
    public var status: String
    public var isAvailable: Bool { status == "AVAILABLE" }
}

/// A price as the registrar quotes it.
public struct DomainPrice: Sendable, Equatable {
    public var amount: Double
    public var currency: String
    /// ISO 8601 duration (`P1Y`).
    public var period: String
}

/// A domain the account holds.
public struct RegisteredDomain: Sendable, Equatable {
    public var name: String
    public var expiry: Date?
    public var nameServers: [String]?
}

/// A refusal of Route 53 Domains: AWS's error code and message (credential-free).
public struct Route53DomainsError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String
    public var operation: String
    public var description: String { "route53domains: \(operation) answered HTTP \(status) \(code)\(message.isEmpty ? "" : ": \(message)")" }
}
