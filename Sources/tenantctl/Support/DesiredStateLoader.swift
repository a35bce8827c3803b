import ArgumentParser
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The desired state of a commit, or exit 1 with the validation errors: planning from a broken
/// repository could read a tenant that failed to parse as a tenant deleted from git.
///
/// It keeps only what planning and applying read, not the `Analysis` it came from: that holds
/// every file's bytes and every decoded manifest (tens of MiB at 10,000 tenants), which then
/// stayed alive through planning and raised the peak memory.
struct LoadedDesiredState {
    let state: DesiredState
    let fleet: Fleet?
    let commit: String?

    init(_ analysis: Analysis) {
        state = analysis.result.state
        fleet = analysis.manifests.fleet
        commit = analysis.snapshot.commit?.id
    }
    var controllers: [String] { fleet?.controllers.map(\.name.value) ?? [] }

    /// - Parameter removed: tenants no longer in git that still own models tenantctl created (from
    ///   the journal): `--tenant` may name them, to plan or apply their removal.
    static func load(_ repository: RepositoryOptions, tenants: Set<String>?, removed: Set<String> = []) throws -> LoadedDesiredState {
        try checked(Analysis(try CommandRunner.load(repository)), tenants: tenants, removed: removed)
    }

    /// A loaded repository, refused when invalid or when `tenants` names a tenant it does not have.
    static func checked(_ analysis: Analysis, tenants: Set<String>?, removed: Set<String>) throws -> LoadedDesiredState {
        if analysis.errors > 0 {
            for diagnostic in analysis.diagnostics where diagnostic.severity == .error { StandardStreams.error(diagnostic.description) }
            StandardStreams.error("error: the repository has \(plural(analysis.errors, "error")); fix them before planning (tenantctl validate)")
            throw ExitCode(1)
        }
        if let tenants {
            let unknown = tenants.subtracting(analysis.manifests.tenants.keys).subtracting(removed).sorted()
            if !unknown.isEmpty {
                StandardStreams.error("error: no tenant named \(unknown.map { "'\(Printable.escaped($0))'" }.joined(separator: ", ")) in \(Printable.escaped(analysis.snapshot.label))")
                throw ExitCode(1)
            }
        }
        return LoadedDesiredState(analysis)
    }
}
