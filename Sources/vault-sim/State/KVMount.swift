import Foundation

/// A KV version 2 secrets engine mounted at one path: the keys, and the engine-level
/// configuration (`/config`). Pure data and rules; HTTP shapes live in API/KVEndpoints.swift.
struct KVMount: Sendable {
    var secrets: [String: KVSecret] = [:]
    var maxVersions = 0
    var casRequired = false
    var deleteVersionAfter = "0s"

    enum ReadResult {
        case found(data: [String: JSONValue], metadata: JSONValue)
        /// Deleted or destroyed: Vault answers 404 but still sends the version's metadata.
        case gone(metadata: JSONValue)
        case missing
    }

    enum WriteError: Error {
        case casRequired
        case casMismatch
    }

    /// Vault keeps 10 versions unless the key or the engine says otherwise.
    private func keep(_ secret: KVSecret) -> Int {
        if secret.maxVersions > 0 { return secret.maxVersions }
        return maxVersions > 0 ? maxVersions : 10
    }

    func exists(_ path: String) -> Bool { secrets[path] != nil }

    func read(_ path: String, version requested: Int?, now: Date) -> ReadResult {
        guard let secret = secrets[path] else { return .missing }
        let number = (requested ?? 0) == 0 ? secret.currentVersion : requested!
        guard let version = secret.versions[number] else { return .missing }
        let metadata = version.metadata(version: number, custom: secret.customMetadata, now: now)
        if version.destroyed || version.isDeleted(at: now) { return .gone(metadata: metadata) }
        return .found(data: version.data ?? [:], metadata: metadata)
    }

    mutating func write(_ path: String, data: [String: JSONValue], cas: Int?, now: Date) throws(WriteError) -> JSONValue {
        var secret = secrets[path] ?? KVSecret(now: now)
        if cas == nil, casRequired || secret.casRequired { throw .casRequired }
        if let cas, cas != secret.currentVersion { throw .casMismatch }
        let number = secret.currentVersion + 1
        secret.versions[number] = KVVersion(data: data, createdTime: now)
        secret.currentVersion = number
        secret.updatedTime = now
        if secret.oldestVersion == 0 { secret.oldestVersion = number }
        // Past the limit the oldest versions are dropped for good, as Vault does.
        while secret.versions.count > keep(secret), let oldest = secret.versions.keys.min() {
            secret.versions[oldest] = nil
            secret.oldestVersion = secret.versions.keys.min() ?? number
        }
        secrets[path] = secret
        return secret.versions[number]!.metadata(version: number, custom: secret.customMetadata, now: now)
    }

    mutating func deleteLatest(_ path: String, now: Date) {
        guard let current = secrets[path]?.currentVersion else { return }
        delete(path, versions: [current], now: now)
    }

    mutating func delete(_ path: String, versions: [Int], now: Date) {
        for number in versions where secrets[path]?.versions[number]?.destroyed == false {
            if secrets[path]?.versions[number]?.deletionTime == nil {
                secrets[path]?.versions[number]?.deletionTime = now
            }
        }
    }

    mutating func undelete(_ path: String, versions: [Int]) {
        for number in versions where secrets[path]?.versions[number]?.destroyed == false {
            secrets[path]?.versions[number]?.deletionTime = nil
        }
    }

    mutating func destroy(_ path: String, versions: [Int]) {
        for number in versions where secrets[path]?.versions[number] != nil {
            secrets[path]?.versions[number]?.destroyed = true
            secrets[path]?.versions[number]?.data = nil
        }
    }

    mutating func deleteMetadata(_ path: String) {
        secrets[path] = nil
    }

    /// Keys directly under `prefix` ("" or ending in "/"); folders end with "/". nil when nothing is there.
    func list(_ prefix: String) -> [String]? {
        var keys = Set<String>()
        for path in secrets.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                keys.insert(String(rest[..<slash]) + "/")
            } else if !rest.isEmpty {
                keys.insert(String(rest))
            }
        }
        return keys.isEmpty ? nil : keys.sorted()
    }

    mutating func updateMetadata(_ path: String, body: JSONValue, now: Date) {
        var secret = secrets[path] ?? KVSecret(now: now)
        if let value = body["max_versions"]?.intValue { secret.maxVersions = value }
        if let value = body["cas_required"]?.boolValue { secret.casRequired = value }
        if let value = body["delete_version_after"]?.stringValue { secret.deleteVersionAfter = value }
        if let value = body["custom_metadata"]?.objectValue { secret.customMetadata = value.compactMapValues(\.stringValue) }
        secret.updatedTime = now
        secrets[path] = secret
    }

    var configBody: JSONValue {
        ["cas_required": .bool(casRequired), "delete_version_after": .string(deleteVersionAfter), "max_versions": .int(maxVersions)]
    }

    mutating func configure(_ body: JSONValue) {
        if let value = body["max_versions"]?.intValue { maxVersions = value }
        if let value = body["cas_required"]?.boolValue { casRequired = value }
        if let value = body["delete_version_after"]?.stringValue { deleteVersionAfter = value }
    }
}
