import Foundation

/// One version of a KV v2 secret. Deleting sets `deletionTime` (the data stays, `undelete` brings
/// it back); destroying drops the data for good.
struct KVVersion: Sendable {
    var data: [String: JSONValue]?
    var createdTime: Date
    var deletionTime: Date?
    var destroyed = false

    func isDeleted(at now: Date) -> Bool {
        if let deletionTime { return deletionTime <= now }
        return false
    }

    /// The per-version metadata block Vault returns on reads and writes.
    func metadata(version: Int, custom: [String: String]?, now: Date) -> JSONValue {
        [
            "created_time": .string(Timestamps.rfc3339(createdTime)),
            "custom_metadata": custom.map { .object($0.mapValues { .string($0) }) } ?? .null,
            "deletion_time": deletionTime.map { .string(Timestamps.rfc3339($0)) } ?? "",
            "destroyed": .bool(destroyed),
            "version": .int(version),
        ]
    }
}

/// A KV v2 key: its versions and the key-level metadata (`/metadata/<path>`).
struct KVSecret: Sendable {
    var versions: [Int: KVVersion] = [:]
    var currentVersion = 0
    var oldestVersion = 0
    var createdTime: Date
    var updatedTime: Date
    var maxVersions = 0
    var casRequired = false
    var deleteVersionAfter = "0s"
    var customMetadata: [String: String]?

    init(now: Date) {
        createdTime = now
        updatedTime = now
    }

    func metadataBody(now: Date) -> JSONValue {
        var versionBlocks: [String: JSONValue] = [:]
        for (number, version) in versions {
            versionBlocks[String(number)] = [
                "created_time": .string(Timestamps.rfc3339(version.createdTime)),
                "deletion_time": version.deletionTime.map { .string(Timestamps.rfc3339($0)) } ?? "",
                "destroyed": .bool(version.destroyed),
            ]
        }
        return [
            "cas_required": .bool(casRequired),
            "created_time": .string(Timestamps.rfc3339(createdTime)),
            "current_version": .int(currentVersion),
            "custom_metadata": customMetadata.map { .object($0.mapValues { .string($0) }) } ?? .null,
            "delete_version_after": .string(deleteVersionAfter),
            "max_versions": .int(maxVersions),
            "oldest_version": .int(oldestVersion),
            "updated_time": .string(Timestamps.rfc3339(updatedTime)),
            "versions": .object(versionBlocks),
        ]
    }
}
