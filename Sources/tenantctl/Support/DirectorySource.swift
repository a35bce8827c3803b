import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Reads manifests from a plain directory, for checks before a commit exists.
enum DirectorySource {
    static func read(_ directory: String) throws -> RepositorySnapshot {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(directory) is not a directory")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var files: [ManifestFile] = []
        var readErrors: [Diagnostic] = []
        var links: [String] = []
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else {
            throw CLIError("cannot list \(directory)")
        }
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if relative == ".git" || relative.hasPrefix(".git/") { walker.skipDescendants(); continue }
            // Not followed: git stores a link's target path, not the files, so reading through
            // it here would pass a check that the committed repository then fails.
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values.isSymbolicLink == true {
                if RepositoryLayout.isManifestPlace(relative) { links.append(relative) }
                continue
            }
            guard RepositoryLayout.isManifestCandidate(relative), values.isRegularFile == true else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                // One unreadable file must not hide the problems of all the others.
                readErrors.append(Diagnostic(at: .start(of: relative), "cannot read this file (check its permissions)"))
                continue
            }
            files.append(ManifestFile(path: relative, bytes: Array(data)))
        }
        return RepositorySnapshot(files: files, source: directory, commit: nil, readErrors: readErrors, links: links)
    }
}
