import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Reads the manifests of a directory (a work tree) as TenantCore's loader takes them: the bench
/// judges the examples and its generated repositories with tenantctl's own decoder.
enum ManifestDirectory {
    /// Every manifest candidate under `root` (tenantctl.yaml, offers/, bundles/, tenants/), by
    /// repository-relative path. The generated repositories' work trees equal their HEAD.
    static func files(in root: String, folders: [String] = RepositoryLayout.topLevelFolders) throws -> [ManifestFile] {
        let manager = FileManager.default
        var files: [ManifestFile] = []
        if let fleet = manager.contents(atPath: root + "/" + Fleet.fileName) {
            files.append(ManifestFile(path: Fleet.fileName, bytes: [UInt8](fleet)))
        }
        for folder in folders {
            guard let paths = manager.enumerator(atPath: root + "/" + folder)?.allObjects as? [String] else { continue }
            for relative in paths.sorted() {
                let path = folder + "/" + relative
                guard RepositoryLayout.isManifestCandidate(path) else { continue }
                guard let data = manager.contents(atPath: root + "/" + path) else { throw BenchError("cannot read \(root)/\(path)") }
                files.append(ManifestFile(path: path, bytes: [UInt8](data)))
            }
        }
        return files
    }

    /// The decoded, validated desired state of a repository; its errors stop the bench (tenantctl
    /// would refuse to plan such a repository anyway).
    static func desiredState(of root: String, folders: [String] = RepositoryLayout.topLevelFolders) throws
        -> (manifests: ManifestSet, state: DesiredState) {
        let manifests = ManifestLoader.load(try files(in: root, folders: folders))
        let result = DesiredStateBuilder.build(manifests)
        try requireNoErrors(result.diagnostics, in: root)
        return (manifests, result.state)
    }

    static func requireNoErrors(_ diagnostics: [Diagnostic], in root: String) throws {
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        throw BenchError("""
            \(root) does not validate: \(errors.count) error(s). First ones:
            \(errors.prefix(20).map { "  \($0.description)" }.joined(separator: "\n"))
            """)
    }
}
