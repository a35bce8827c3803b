import Foundation
import PlanModel
import Reconciler

/// `tenantctl observe --out` files: what every system observed, so that `plan --observed` can
/// run where the systems are out of reach (CI).
///
/// Format 3 guards against edits with one digest of the file's own bytes (`check`, the first
/// key: a SHA-256 of every line after its own) and records each scope's fingerprint as the live
/// observation gave it. Format 2 re-encoded every model on reading to compare it with its
/// fingerprint, and that was a fifth of `plan --observed` at 10,000 tenants; a digest of the
/// bytes is a fraction of it, and the fingerprints a saved plan carries are the observation's
/// own, not those of its decoded copy.
///
/// Beside the registry, which knows how to read each system's part, so that other writers of
/// snapshots (the benchmark) produce exactly the file the CLI writes and reads.
public struct ObservationSnapshot: Sendable {
    public static let formatVersion = 3

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

    private init(commit: String?, observed: ObservedWorld, owned: [String: [String: String]], fingerprints: [String: String]) {
        self.commit = commit
        self.observed = observed
        self.owned = owned
        self.fingerprints = fingerprints
    }

    /// The file's bytes: pretty-printed with sorted keys, so that snapshots diff well, with the
    /// `check` line inserted first.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(File(self))
        guard body.starts(with: Check.opening) else { throw ReadError.malformed("the encoder did not write an object") }
        let covered = body.dropFirst(Check.opening.count)
        var file = Data(Check.opening)
        file.append(contentsOf: Check.line(for: covered))
        file.append(covered)
        return file
    }

    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unsupportedVersion(Int)
        case unknownSystem(String)
        case modified

        public var description: String {
            switch self {
            case let .malformed(detail): return "it is not a tenantctl observation snapshot: \(detail)"
            case let .unsupportedVersion(version): return "it has format_version \(version); this tenantctl reads \(ObservationSnapshot.formatVersion) (observe again)"
            case let .unknownSystem(name): return "it holds observations of system '\(name)', which this tenantctl does not know"
            case .modified: return "it does not match its check digest: it was modified after it was recorded; observe again"
            }
        }
    }

    /// Reads and checks a snapshot file's bytes.
    public static func decode(_ data: Data) throws -> ObservationSnapshot {
        guard let intact = Check.verify(data) else {
            // No check line: a file of an older format (say which), or one edited at its top.
            let header: Header
            do {
                header = try JSONDecoder().decode(Header.self, from: data)
            } catch {
                throw ReadError.malformed("\(error)")
            }
            if header.formatVersion != formatVersion { throw ReadError.unsupportedVersion(header.formatVersion) }
            throw ReadError.modified
        }
        guard intact else { throw ReadError.modified }
        do {
            return try read(data)
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError.malformed("\(error)")
        }
    }

    /// The file's fields, each system's part read by the system itself (`JSONScanner`: the Juju
    /// part of 10,000 tenants through `JSONDecoder` was most of `plan --observed`).
    private static func read(_ data: Data) throws -> ObservationSnapshot {
        var version: Int?, commit: String?, fingerprints: [String: String]?, owned: [String: [String: String]]?
        var world = ObservedWorld()
        try JSONScanner.scan(data) { scanner in
            try scanner.object { scanner, key in
                switch key {
                case File.CodingKeys.formatVersion.rawValue: version = try scanner.int()
                case File.CodingKeys.commit.rawValue: commit = try scanner.optional { try $0.string() }
                case File.CodingKeys.fingerprints.rawValue: fingerprints = try scanner.dictionary { try $0.string() }
                case File.CodingKeys.owned.rawValue: owned = try scanner.dictionary { try $0.dictionary { try $0.string() } }
                case File.CodingKeys.observed.rawValue:
                    // The version comes first in the file (sorted keys): a file of another
                    // version is refused before its systems are read.
                    guard let version else { throw ReadError.malformed("it has no format_version before its systems") }
                    guard version == formatVersion else { throw ReadError.unsupportedVersion(version) }
                    try scanner.object { scanner, name in
                        guard let system = Systems.named(name) else { throw ReadError.unknownSystem(name) }
                        world.systems[name] = try system.decodeObservation(json: &scanner)
                    }
                default:
                    _ = try scanner.skipValue()
                }
            }
        }
        guard let version else { throw ReadError.malformed("it has no format_version") }
        guard version == formatVersion else { throw ReadError.unsupportedVersion(version) }
        return ObservationSnapshot(commit: commit, observed: world, owned: try present(owned, "owned"),
                                   fingerprints: try present(fingerprints, "fingerprints"))
    }

    private static func present<Value>(_ value: Value?, _ key: String) throws -> Value {
        guard let value else { throw ReadError.malformed("it has no \(key)") }
        return value
    }

    /// Only the version, to name it when the file is of another format.
    private struct Header: Decodable {
        var formatVersion: Int
        enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
    }

    /// The `check` line: `  "check" : "sha256:<hex>",` right after the opening brace, the digest
    /// of every byte after that line.
    enum Check {
        static let opening = Array("{\n".utf8)
        private static let prefix = Array("  \"check\" : \"sha256:".utf8)
        private static let suffix = Array("\",\n".utf8)
        private static let hexLength = 64

        static func line(for covered: Data) -> [UInt8] {
            prefix + Array(ScopeDigest.of(data: covered).utf8) + suffix
        }

        /// Whether the bytes after the check line have the digest it records; nil when the file
        /// does not start with a check line.
        static func verify(_ data: Data) -> Bool? {
            let start = data.startIndex
            let digestStart = start + opening.count + prefix.count
            let coveredStart = digestStart + hexLength + suffix.count
            guard data.count >= coveredStart - start,
                  data[start..<start + opening.count].elementsEqual(opening),
                  data[start + opening.count..<digestStart].elementsEqual(prefix),
                  data[digestStart + hexLength..<coveredStart].elementsEqual(suffix) else { return nil }
            return data[digestStart..<digestStart + hexLength].elementsEqual(ScopeDigest.of(data: data[coveredStart...]).utf8)
        }
    }

    /// The JSON form, as written: `systems` holds each system's observation under its name.
    struct File: Encodable {
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
