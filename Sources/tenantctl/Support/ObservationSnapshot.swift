import Engine
import Foundation
import TenantCore

/// `tenantctl observe --out` files: what was observed, so that `plan --observed` can run where
/// Juju is out of reach (CI). The fingerprint guards against edits.
struct ObservationSnapshot: Codable {
    static let formatVersion = 1

    var formatVersion: Int
    var commit: String?
    var fingerprint: String
    var observed: ObservedState
    /// Models tenantctl created, from the journal of the host that observed.
    var managedModels: [String: String]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case commit, fingerprint, observed
        case managedModels = "managed_models"
    }

    static func read(_ path: String) throws -> ObservationSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the snapshot \(path)") }
        let snapshot: ObservationSnapshot
        do {
            snapshot = try JSONDecoder().decode(ObservationSnapshot.self, from: data)
        } catch {
            throw CLIError("\(path) is not a tenantctl observation snapshot: \(error)")
        }
        guard snapshot.formatVersion == formatVersion else {
            throw CLIError("\(path) has format_version \(snapshot.formatVersion); this tenantctl reads \(formatVersion)")
        }
        guard Fingerprint.of(snapshot.observed) == snapshot.fingerprint else {
            throw CLIError("the snapshot \(path) does not match its fingerprint: it was modified after it was recorded; observe again")
        }
        return snapshot
    }

    func write(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
