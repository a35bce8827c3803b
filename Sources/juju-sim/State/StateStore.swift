import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The simulated Juju world, persisted under `JUJU_SIM_HOME`: `state.json` (the index of
/// controllers and models) and `models/<controller>/<model>.json` (one file per model), so
/// that a `status` of one model among a thousand reads two small files, not the whole world.
///
/// Every command runs as its own process, often many at once (tenantctl observes models in
/// parallel), so each transaction holds a `flock` on `state.lock` from its first read to its
/// last write: exclusive for changes, shared for reads. Files are replaced by rename, so a
/// process killed mid-write leaves the previous version intact.
struct StateStore {
    let directory: String
    var indexPath: String { directory + "/state.json" }
    var lockPath: String { directory + "/state.lock" }

    init(directory: String) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory + "/models", withIntermediateDirectories: true)
        } catch {
            throw SimError.failure("cannot create JUJU_SIM_HOME \(directory): \(error.localizedDescription)")
        }
    }

    func modelPath(controller: String, model: String) -> String {
        // Controller names are the user's; keep them from reaching outside the directory.
        "\(directory)/models/\(controller.replacingOccurrences(of: "/", with: "_"))/\(model).json"
    }

    func readIndex() throws -> SimState {
        try transaction(exclusive: false) { $0.state }
    }

    /// Runs `body` under the lock and saves what it changed, even when it throws after changing
    /// something (Juju applies a bundle's changes one by one too).
    func transaction<T>(exclusive: Bool, _ body: (StateTransaction) throws -> T) throws -> T {
        let lock = try FileLock(path: lockPath, exclusive: exclusive)
        defer { lock.unlock() }
        let transaction = StateTransaction(store: self, state: try load(SimState.self, from: indexPath) ?? SimState())
        transaction.removeDestroyedModels(at: SimClock.now())
        let result = Result { try body(transaction) }
        if exclusive { try transaction.commit() }
        return try result.get()
    }

    func load<T: Decodable>(_ type: T.Type, from path: String) throws -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw SimError.failure("juju-sim state \(path) is unreadable: \(error)")
        }
    }

    func save<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let temporary = path + ".tmp.\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try encoder.encode(value).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw SimError.failure("cannot write \(temporary): \(error.localizedDescription)")
        }
        if rename(temporary, path) != 0 {
            throw SimError.failure("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Counts calls across processes: the index of this call's transient-failure draw.
    func nextCallIndex() throws -> UInt64 {
        let path = directory + "/calls"
        let lock = try FileLock(path: path + ".lock", exclusive: true)
        defer { lock.unlock() }
        let current = (FileManager.default.contents(atPath: path).flatMap { String(decoding: $0, as: UTF8.self) })
            .flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        try? Data("\(current + 1)\n".utf8).write(to: URL(fileURLWithPath: path))
        return current
    }
}
