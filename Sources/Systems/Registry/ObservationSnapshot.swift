import Foundation
import PlanModel
import Reconciler

/// `tenantctl observe --out` files: what every system observed, so that `plan --observed` can
/// run where the systems are out of reach (CI). The fingerprints guard against edits.
///
/// Beside the registry, which knows how to read each system's part, so that other writers of
/// snapshots (the benchmark) produce exactly the file the CLI writes and reads.
public struct ObservationSnapshot: Sendable {
    public static let formatVersion = 2

    public var commit: String?
    /// The observed world's fingerprints, by scope.
    public var fingerprints: [String: String]
    public var observed: ObservedWorld
    /// What tenantctl owns, by system then address → owner, from the journal of the host that
    /// observed.
    public var owned: [String: [String: String]]

    public init(commit: String?, observed: ObservedWorld, owned: [String: [String: String]]) {
        self.commit = commit
        self.observed = observed
        self.owned = owned
        self.fingerprints = Self.fingerprints(of: observed)
    }

    /// Every registered system's fingerprints of its observation.
    public static func fingerprints(of world: ObservedWorld) -> [String: String] {
        var fingerprints: [String: String] = [:]
        for (name, observation) in world.systems {
            guard let system = Systems.named(name) else { continue }
            fingerprints.merge(system.fingerprints(of: observation)) { first, _ in first }
        }
        return fingerprints
    }

    /// The file's bytes: pretty-printed with sorted keys, so that snapshots diff well.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(self))
    }

    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unsupportedVersion(Int)
        case unknownSystem(String)
        case fingerprintMismatch

        public var description: String {
            switch self {
            case let .malformed(detail): return "it is not a tenantctl observation snapshot: \(detail)"
            case let .unsupportedVersion(version): return "it has format_version \(version); this tenantctl reads \(ObservationSnapshot.formatVersion) (observe again)"
            case let .unknownSystem(name): return "it holds observations of system '\(name)', which this tenantctl does not know"
            case .fingerprintMismatch: return "it does not match its fingerprints: it was modified after it was recorded; observe again"
            }
        }
    }

    /// Reads and checks a snapshot file's bytes.
    public static func decode(_ data: Data) throws -> ObservationSnapshot {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError.malformed("\(error)")
        }
        let snapshot = ObservationSnapshot(commit: file.commit, observed: file.observed, owned: file.owned)
        guard snapshot.fingerprints == file.fingerprints else { throw ReadError.fingerprintMismatch }
        return snapshot
    }

    /// The JSON form: `systems` holds each system's observation under its name.
    struct File: Codable {
        var formatVersion: Int
        var commit: String?
        var fingerprints: [String: String]
        var observed: ObservedWorld
        var owned: [String: [String: String]]

        init(_ snapshot: ObservationSnapshot) {
            formatVersion = ObservationSnapshot.formatVersion
            commit = snapshot.commit
            fingerprints = snapshot.fingerprints
            observed = snapshot.observed
            owned = snapshot.owned
        }

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case commit, fingerprints, owned
            case observed = "systems"
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            formatVersion = try container.decode(Int.self, forKey: .formatVersion)
            guard formatVersion == ObservationSnapshot.formatVersion else { throw ReadError.unsupportedVersion(formatVersion) }
            commit = try container.decodeIfPresent(String.self, forKey: .commit)
            fingerprints = try container.decode([String: String].self, forKey: .fingerprints)
            owned = try container.decode([String: [String: String]].self, forKey: .owned)
            let systems = try container.nestedContainer(keyedBy: SystemKey.self, forKey: .observed)
            var world = ObservedWorld()
            for key in systems.allKeys {
                guard let system = Systems.named(key.stringValue) else { throw ReadError.unknownSystem(key.stringValue) }
                world.systems[key.stringValue] = try system.decodeObservation(from: try systems.superDecoder(forKey: key))
            }
            observed = world
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(formatVersion, forKey: .formatVersion)
            try container.encodeIfPresent(commit, forKey: .commit)
            try container.encode(fingerprints, forKey: .fingerprints)
            try container.encode(owned, forKey: .owned)
            var systems = container.nestedContainer(keyedBy: SystemKey.self, forKey: .observed)
            for (name, observation) in observed.systems {
                try observation.encode(to: systems.superEncoder(forKey: SystemKey(stringValue: name)))
            }
        }
    }

    struct SystemKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
