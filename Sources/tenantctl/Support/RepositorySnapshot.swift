import GitSource
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The manifests of one commit (or one directory), with where they came from.
struct RepositorySnapshot {
    var files: [ManifestFile]
    /// The repository as shown to users: a path, or a URL without credentials.
    var source: String
    var commit: CommitInfo?
    /// Files that exist but could not be read; reported like manifest problems.
    var readErrors: [Diagnostic] = []
    /// Symbolic links in manifest places: not followed, reported (IgnoredFiles).
    var links: [String] = []
    /// What one manifest file may cost to read (--max-file-size).
    var limits: ManifestLimits = .default

    var label: String {
        guard let commit else { return source }
        return "\(source) @ \(commit.id.prefix(12)) (\(commit.summary))"
    }
}
