import Foundation
import Systems

/// Reading and writing snapshot files, with the CLI's one-line errors (the type is the registry's).
extension ObservationSnapshot {
    static func read(_ path: String) throws -> ObservationSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the snapshot \(path)") }
        do {
            return try ObservationSnapshot.decode(data)
        } catch let error as ObservationSnapshot.ReadError {
            throw CLIError("the snapshot \(path) cannot be used: \(error)")
        }
    }

    func write(_ path: String) throws {
        try PrivateOutput.save(try encoded(), to: path)
    }
}
