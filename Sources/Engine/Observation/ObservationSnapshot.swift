import Foundation
import TenantCore

/// `tenantctl observe --out` files: what was observed, so that `plan --observed` can run where
/// Juju is out of reach (CI). The fingerprint guards against edits.
///
/// In Engine, beside `Fingerprint`, so that other writers of snapshots (the benchmark) produce
/// exactly the file the CLI writes and reads.
public struct ObservationSnapshot: Codable, Sendable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var commit: String?
    public var fingerprint: String
    public var observed: ObservedState
    /// Models tenantctl created, from the journal of the host that observed.
    public var managedModels: [String: String]

    public init(formatVersion: Int, commit: String?, fingerprint: String, observed: ObservedState,
                managedModels: [String: String]) {
        self.formatVersion = formatVersion
        self.commit = commit
        self.fingerprint = fingerprint
        self.observed = observed
        self.managedModels = managedModels
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case commit, fingerprint, observed
        case managedModels = "managed_models"
    }

    /// The file's bytes: pretty-printed with sorted keys, so that snapshots diff well.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
