import Foundation
import PlanModel
import TenantCore
import Yams

/// Gives the value behind a Vault reference to the executor that must hand it to Juju. Values
/// are only ever written to 0600 files for juju (see JujuFiles), never to argv, logs or the journal.
public protocol SecretSource: Sendable {
    func value(for reference: VaultReference) async throws -> String
    /// The value and, for a versioned source (Vault), the version it was read at: recorded with
    /// what was applied, so that a newer version is seen as a rotation.
    func versionedValue(for reference: VaultReference) async throws -> (value: String, version: Int?)
    /// The same for one environment, whose tenant may name its own Vault: the reference is read
    /// there, never in the platform's.
    func versionedValue(for reference: VaultReference, in environment: DesiredEnvironment) async throws -> (value: String, version: Int?)
}

extension SecretSource {
    public func versionedValue(for reference: VaultReference) async throws -> (value: String, version: Int?) {
        (try await value(for: reference), nil)
    }

    public func versionedValue(for reference: VaultReference, in environment: DesiredEnvironment) async throws -> (value: String, version: Int?) {
        guard environment.vault == nil else {
            throw SecretError("tenant \(environment.tenant ?? environment.id) names its own Vault, which this secret source cannot read")
        }
        return try await versionedValue(for: reference)
    }
}

/// Secrets from a local YAML or JSON file mapping `<path>#<key>` to the value: the stand-in for
/// Vault in the demo and tests, until tenantctl talks to Vault itself.
public struct FileSecretSource: SecretSource {
    public let path: String
    private let values: [String: String]
    /// The keys of each path, sorted: looked up once per path while observing, so an index
    /// rather than a scan of every entry (which made observing N paths cost N²).
    private let keysByPath: [String: [String]]

    public init(path: String) throws {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw SecretError("the secrets file \(path) can be read or written by other users (mode \(String(format: "%04o", Int(info.st_mode & 0o777)))); run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SecretError("cannot read the secrets file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let loaded = try? Yams.load(yaml: text) as? [String: Any] else {
            throw SecretError("the secrets file \(path) is not a mapping of '<path>#<key>' to values")
        }
        var values: [String: String] = [:]
        for (key, value) in loaded { values[key] = "\(value)" }
        self.values = values
        var keysByPath: [String: [String]] = [:]
        for entry in values.keys {
            let parts = entry.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { keysByPath[String(parts[0]), default: []].append(String(parts[1])) }
        }
        self.keysByPath = keysByPath.mapValues { $0.sorted() }
    }

    /// The keys the file holds under `path`, sorted (nil: the path is not in the file).
    public func keys(under path: String) -> [String]? {
        keysByPath[path]
    }

    public func value(for reference: VaultReference) async throws -> String {
        let key = "\(reference.path)#\(reference.key)"
        guard let value = values[key] else {
            throw SecretError("secret \(reference) is not in the secrets file \(path)")
        }
        return value
    }
}

/// Used when no secret source is configured: any action that needs a value fails clearly.
public struct NoSecretSource: SecretSource {
    public init() {}

    public func value(for reference: VaultReference) async throws -> String {
        throw SecretError("secret \(reference) is needed but no secret source is configured (--secrets-file)")
    }
}

public struct SecretError: UserFacingError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var userMessage: String { description }
}
