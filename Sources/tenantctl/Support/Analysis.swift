import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Decoding plus cross-file validation of one snapshot.
struct Analysis {
    let snapshot: RepositorySnapshot
    let manifests: ManifestSet
    let result: DesiredStateBuilder.Result

    init(_ snapshot: RepositorySnapshot) {
        self.snapshot = snapshot
        var manifests = ManifestLoader.load(snapshot.files, limits: snapshot.limits, links: snapshot.links)
        manifests.diagnostics += snapshot.readErrors
        self.manifests = manifests
        self.result = DesiredStateBuilder.build(manifests)
    }

    var diagnostics: [Diagnostic] { result.diagnostics }
    /// True counts: `diagnostics` is capped per file (DiagnosticCap), the counts are not.
    var errors: Int { result.errorCount }
    var warnings: Int { result.warningCount }
}
