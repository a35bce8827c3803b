import Foundation
import HTTPClient
import PlanModel
import TenantCore
import VaultPlanning

/// Vault over its HTTP API (KV v2), through the libcurl client: metadata for planning, values
/// only when a change hands them to another system. The token is checked at the start
/// (`lookup-self`), renewed when renewable and under a third of its TTL, and obtained again by
/// AppRole login when it expires; 403 (not allowed) and 404 (not there) are told apart.
public struct VaultHTTPStore: SecretStore {
    public let settings: VaultConnection
    /// The client's settings (timeouts, proxies, CA file): a tenant's Vault takes the same ones,
    /// but the CA file.
    public let configuration: HTTPClientConfiguration
    /// What messages call it.
    private let name: String
    private let client: HTTPClient
    /// Without retries: a sealed Vault answers 503 to everything, and that is the answer.
    private let probe: HTTPClient
    private let session: VaultSession

    public init(settings: VaultConnection, configuration: HTTPClientConfiguration = HTTPClientConfiguration(), name: String? = nil) {
        var configuration = configuration
        configuration.caBundlePath = settings.caFile ?? configuration.caBundlePath
        self.settings = settings
        self.configuration = configuration
        self.name = name ?? "Vault at \(settings.address.absoluteString)"
        self.client = HTTPClient(configuration: configuration)
        var once = configuration
        once.retry = .never
        self.probe = HTTPClient(configuration: once)
        self.session = VaultSession()
    }

    public var mount: String { settings.mount }
    public var versioned: Bool { true }
    public var sourceName: String { name }
    public var address: String? { settings.address.absoluteString }

    public func availability() async -> String? {
        do {
            let health: HTTPResponse
            do {
                health = try await send(.get, "sys/health?standbyok=true&perfstandbyok=true", via: probe)
            } catch let error as HTTPClientError {
                // A status the client would retry (503: sealed) comes back as an error: its answer is the health.
                guard case .status = error.kind, let response = error.response else { throw error }
                health = response
            }
            switch health.status {
            case 200, 429, 472, 473: break
            case 503: return "Vault is sealed"
            case 501: return "Vault is not initialised"
            default: return "sys/health answered \(health.status)"
            }
            _ = try await token()
            return nil
        } catch let error as VaultError {
            return error.description
        } catch {
            return "Vault at \(settings.address.absoluteString) is unreachable: \(error)"
        }
    }

    public func metadata(of path: String) async -> SecretPathState {
        do {
            let response = try await authenticated(.get, "\(settings.mount)/metadata/\(path)")
            switch response.status {
            case 200:
                let envelope = try JSONDecoder().decode(MetadataEnvelope.self, from: response.data)
                let current = envelope.data.currentVersion
                let version = envelope.data.versions[String(current)]
                return .present(SecretMetadata(currentVersion: current,
                                               currentDeleted: !(version?.deletionTime ?? "").isEmpty,
                                               currentDestroyed: version?.destroyed ?? false))
            case 404: return .missing
            case 403: return .forbidden(Self.errors(response))
            default: return .failed("Vault answered \(response.status): \(Self.errors(response))")
            }
        } catch {
            return .failed("\(error)")
        }
    }

    public func read(_ reference: VaultReference) async throws -> (value: String, version: Int?) {
        let response = try await authenticated(.get, "\(settings.mount)/data/\(reference.path)")
        switch response.status {
        case 200: break
        // The body of a data read may hold values: never quoted in an error.
        case 404: throw VaultError("there is no readable version of \(settings.mount)/\(reference.path) in Vault (404)")
        case 403: throw VaultError("tenantctl's Vault token may not read \(settings.mount)/\(reference.path) (403)")
        default: throw VaultError("reading \(settings.mount)/\(reference.path) from Vault answered \(response.status)")
        }
        // The decoder's own message is left out on purpose: it may quote the body, which holds values.
        guard let envelope = try? JSONDecoder().decode(DataEnvelope.self, from: response.data) else {
            throw VaultError("Vault's answer for \(settings.mount)/\(reference.path) is not a KV v2 read")
        }
        guard let value = envelope.data.data[reference.key] else {
            throw VaultError("\(settings.mount)/\(reference.path) has no key '\(reference.key)' in Vault")
        }
        return (value.text, envelope.data.metadata.version)
    }

    // MARK: requests

    /// A request with the token; a 403 from an expired token logs in again once (AppRole).
    private func authenticated(_ method: HTTPMethod, _ path: String) async throws -> HTTPResponse {
        let current = try await token()
        let response = try await send(method, path, token: current)
        guard response.status == 403, settings.auth.canLogIn else { return response }
        // Expired, or not allowed? lookup-self tells: a token that cannot look itself up is dead.
        let lookup = try await send(.get, "auth/token/lookup-self", token: current)
        guard lookup.status == 403 else { return response }
        await session.forget(current)
        return try await send(method, path, token: try await token())
    }

    /// The token to use: checked once (lookup-self), renewed when due, obtained by login when none.
    /// Requests in flight that all find no token wait for one login, not one each.
    private func token() async throws -> String {
        try await session.token { try await establishToken() }
    }

    private func establishToken() async throws -> String {
        let token: String
        switch settings.auth {
        case let .token(value):
            token = value
        case let .appRole(mountPath, roleID, secretID):
            token = try await login(mount: mountPath, roleID: roleID, secretID: secretID)
        }
        let lookup = try await send(.get, "auth/token/lookup-self", token: token)
        switch lookup.status {
        case 200: break
        case 403: throw VaultError("Vault refused tenantctl's token (403 on lookup-self): expired, revoked or wrong")
        default: throw VaultError("Vault's lookup-self answered \(lookup.status): \(Self.errors(lookup))")
        }
        let info = try JSONDecoder().decode(LookupEnvelope.self, from: lookup.data).data
        if info.renewable == true, let ttl = info.ttl, let creation = info.creationTTL, creation > 0, ttl * 3 < creation {
            let renewed = try await send(.post, "auth/token/renew-self", token: token, body: Data("{}".utf8))
            if renewed.status != 200 { throw VaultError("Vault refused to renew tenantctl's token (\(renewed.status)): \(Self.errors(renewed))") }
        }
        return token
    }

    private func login(mount: String, roleID: String, secretID: String) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["role_id": roleID, "secret_id": secretID])
        let response = try await send(.post, "auth/\(mount)/login", body: body)
        guard response.status == 200 else {
            throw VaultError("Vault refused the AppRole login (\(response.status)): \(Self.errors(response))")
        }
        // Not quoted either: a login answer holds a token.
        guard let token = try? JSONDecoder().decode(LoginEnvelope.self, from: response.data).auth.clientToken else {
            throw VaultError("Vault's AppRole login answer holds no token")
        }
        return token
    }

    private func send(_ method: HTTPMethod, _ path: String, token: String? = nil, body: Data? = nil, via: HTTPClient? = nil) async throws -> HTTPResponse {
        guard let url = URL(string: settings.address.absoluteString.trimmingSuffix("/") + "/v1/" + path) else {
            throw VaultError("cannot make a Vault URL for \(path)")
        }
        var headers: HTTPHeaders = [:]
        if let token { headers.set("X-Vault-Token", token) }
        if let namespace = settings.namespace { headers.set("X-Vault-Namespace", namespace) }
        if body != nil { headers.set("Content-Type", "application/json") }
        return try await (via ?? client).send(HTTPRequest(method: method, url: url, headers: headers, body: body ?? Data()))
    }

    static func errors(_ response: HTTPResponse) -> String {
        guard let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.data), !envelope.errors.isEmpty else { return "no detail" }
        return envelope.errors.map { $0.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
    }
}

/// The token in use, shared by the copies of a store for one run.
actor VaultSession {
    private var token: String?
    private var pending: Task<String, any Error>?

    /// The token, or the one `establish` gets, established once however many ask at the same time.
    func token(_ establish: @escaping @Sendable () async throws -> String) async throws -> String {
        if let token { return token }
        if let pending { return try await pending.value }
        let task = Task { try await establish() }
        pending = task
        defer { pending = nil }
        let value = try await task.value
        token = value
        return value
    }

    func forget(_ token: String) { if self.token == token { self.token = nil } }
}

public struct VaultError: UserFacingError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var userMessage: String { description }
}

/// Where Vault is and how tenantctl logs in: from the fleet, with the usual `VAULT_*` variables
/// taking precedence (the demo and tests point it at vault-sim).
public struct VaultConnection: Sendable {
    public enum Auth: Sendable {
        case token(String)
        case appRole(mount: String, roleID: String, secretID: String)

        var canLogIn: Bool { if case .appRole = self { return true } else { return false } }
    }

    public var address: URL
    public var mount: String
    public var namespace: String?
    public var caFile: String?
    public var auth: Auth

    public init(address: URL, mount: String, namespace: String?, caFile: String?, auth: Auth) {
        self.address = address
        self.mount = mount
        self.namespace = namespace
        self.caFile = caFile
        self.auth = auth
    }
}

private struct MetadataEnvelope: Decodable {
    struct Version: Decodable {
        var deletionTime: String?
        var destroyed: Bool?
        enum CodingKeys: String, CodingKey { case deletionTime = "deletion_time", destroyed }
    }
    struct Metadata: Decodable {
        var currentVersion: Int
        var versions: [String: Version]
        enum CodingKeys: String, CodingKey { case currentVersion = "current_version", versions }
    }
    var data: Metadata
}

private struct DataEnvelope: Decodable {
    struct Body: Decodable {
        struct Metadata: Decodable { var version: Int? }
        var data: [String: SecretText]
        var metadata: Metadata
    }
    var data: Body
}

/// A KV value as text: strings as they are, numbers and booleans as JSON writes them.
private struct SecretText: Decodable {
    var text: String
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) { text = string }
        else if let int = try? container.decode(Int.self) { text = String(int) }
        else if let double = try? container.decode(Double.self) { text = String(double) }
        else if let bool = try? container.decode(Bool.self) { text = String(bool) }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "a secret value must be a string, number or boolean") }
    }
}

private struct LookupEnvelope: Decodable {
    struct Info: Decodable {
        var ttl: Int?
        var creationTTL: Int?
        var renewable: Bool?
        enum CodingKeys: String, CodingKey { case ttl, creationTTL = "creation_ttl", renewable }
    }
    var data: Info
}

private struct LoginEnvelope: Decodable {
    struct Auth: Decodable {
        var clientToken: String
        enum CodingKeys: String, CodingKey { case clientToken = "client_token" }
    }
    var auth: Auth
}

private struct ErrorEnvelope: Decodable { var errors: [String] }

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
