import TenantCore

/// Decoding plus cross-file validation of one snapshot.
struct Analysis {
    let snapshot: RepositorySnapshot
    let manifests: ManifestSet
    let result: DesiredStateBuilder.Result

    init(_ snapshot: RepositorySnapshot) {
        self.snapshot = snapshot
        var manifests = ManifestLoader.load(snapshot.files)
        manifests.diagnostics += snapshot.readErrors
        self.manifests = manifests
        self.result = DesiredStateBuilder.build(manifests)
    }

    var diagnostics: [Diagnostic] { result.diagnostics }
    var errors: Int { result.diagnostics.filter { $0.severity == .error }.count }
    var warnings: Int { result.diagnostics.filter { $0.severity == .warning }.count }
}
