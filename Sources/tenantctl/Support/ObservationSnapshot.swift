import Engine
import Foundation
import TenantCore

/// Reading and writing snapshot files, with the CLI's one-line errors (the type is Engine's).
extension ObservationSnapshot {
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
        try PrivateOutput.save(try encoded(), to: path)
    }
}
