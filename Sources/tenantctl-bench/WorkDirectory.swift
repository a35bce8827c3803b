import Foundation

/// The scratch directory everything is generated in. Only a new or empty directory is accepted,
/// since the bench removes it whole at the end.
struct WorkDirectory: Sendable {
    let path: String

    var logs: String { path + "/logs" }
    var cache: String { path + "/cache" }

    func snapshot(tenants: Int) -> String { "\(path)/snapshot-\(tenants).json" }
    /// The drift sweep's simulated Juju (JUJU_SIM_HOME) and tenantctl's journal.
    var jujuSimHome: String { path + "/juju-sim" }
    var stateDirectory: String { path + "/state" }

    static func prepare(_ argument: String) throws -> WorkDirectory {
        let path = URL(fileURLWithPath: argument).standardizedFileURL.path
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw BenchError("--work \(path) exists and is not a directory") }
            guard try files.contentsOfDirectory(atPath: path).isEmpty else {
                throw BenchError("--work \(path) is not empty; give a new or empty directory (it is removed at the end)")
            }
        }
        let work = WorkDirectory(path: path)
        try files.createDirectory(atPath: work.logs, withIntermediateDirectories: true)
        try files.createDirectory(atPath: work.cache, withIntermediateDirectories: true)
        return work
    }

    /// Removes the directory, retrying for a few seconds: after an interruption, a killed child
    /// (a `git pack-objects` under `git repack`…) may still be finishing a write into it.
    func remove() {
        for _ in 0..<20 {
            try? FileManager.default.removeItem(atPath: path)
            if !FileManager.default.fileExists(atPath: path) { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        FileHandle.standardError.write(Data("tenantctl-bench: warning: could not remove \(path)\n".utf8))
    }
}
