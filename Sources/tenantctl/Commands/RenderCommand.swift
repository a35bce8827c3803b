import ArgumentParser
import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import Yams

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the effective desired state of a tenant (bundle, then offer sizing, then tenant overrides).",
        discussion: """
        Secrets stay Vault references (vault:<path>#<key>); nothing is read from Vault. The tenant \
        must be free of validation errors, as must the fleet, offer and bundles it uses; problems \
        elsewhere in the repository do not block it.

        Examples:
          tenantctl render --repo . boulangerie-durand
          tenantctl render --repo . boulangerie-durand --env production --output json
        """ + EnvironmentHelp.line(EnvironmentHelp.repository))

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: "The tenant's name (metadata.name).")
    var tenant: String

    @Option(name: .long, help: "Only this environment.")
    var env: String?

    @Option(name: .long, help: "Output format: yaml or json.")
    var output: DocumentFormat = .yaml

    func run() throws {
        let analysis = Analysis(try CommandRunner.load(repository))
        guard let manifest = analysis.manifests.tenants[tenant] else {
            let hint = Suggestion.hint(for: tenant, in: analysis.manifests.tenantNames)
            StandardStreams.error("error: no tenant named '\(Printable.escaped(tenant))' in \(Printable.escaped(analysis.snapshot.label))\(Printable.escaped(hint))")
            throw ExitCode(1)
        }
        let blocking = Self.relevantErrors(analysis, tenant: manifest)
        if !blocking.isEmpty {
            for diagnostic in blocking { StandardStreams.error(diagnostic.description) }
            StandardStreams.error("error: tenant '\(tenant)' cannot be rendered: \(plural(blocking.count, "error")) above")
            throw ExitCode(1)
        }
        var environments = analysis.result.state.environments(ofTenant: tenant)
        if let env {
            environments = environments.filter { $0.environment == env }
            if environments.isEmpty {
                let known = analysis.result.state.environments(ofTenant: tenant).map(\.environment)
                StandardStreams.error("error: tenant '\(tenant)' has no environment '\(Printable.escaped(env))'; it has: \(known.joined(separator: ", "))")
                throw ExitCode(1)
            }
        }
        let document = RenderedTenant(tenant: tenant, commit: analysis.snapshot.commit?.id, environments: environments)
        switch output {
        case .json:
            print(try JSONOutput.encode(document))
        case .yaml:
            let encoder = YAMLEncoder()
            encoder.options.sortKeys = true
            print(try encoder.encode(document), terminator: "")
        }
    }

    /// Errors in the files this tenant's state is made of.
    static func relevantErrors(_ analysis: Analysis, tenant: Tenant) -> [Diagnostic] {
        var files: Set<String> = [tenant.file, Fleet.fileName]
        files.formUnion(analysis.manifests.tenantFiles[tenant.name.value] ?? [])
        if let offer = analysis.manifests.offers[tenant.offer.value] {
            files.insert(offer.file)
            let bundles = [offer.bundle.value, tenant.bundle?.value] + (tenant.environments ?? []).map(\.bundle?.value)
            for name in bundles.compactMap({ $0 }) {
                if let bundle = analysis.manifests.bundles[name] { files.insert(bundle.file) }
            }
        }
        return analysis.diagnostics.filter { $0.severity == .error && files.contains($0.location.file) }
    }
}

struct RenderedTenant: Encodable {
    var apiVersion = TenantctlVersion.schema
    var kind = "RenderedTenant"
    var tenant: String
    var commit: String?
    var environments: [DesiredEnvironment]
}
