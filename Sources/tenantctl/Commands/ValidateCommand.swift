import ArgumentParser
import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every manifest of the repository and report all problems at once.",
        discussion: """
        Each problem is printed as path:line:column: message, naming the field and what was \
        expected. Exit status: 0 when the repository is valid (warnings allowed), 1 when any \
        error was found or the repository could not be read.

        Reading is bounded: a file over --max-file-size, a document that expands past the node \
        budget through aliases, or nesting over 100 levels is an error, not a hang. At most 50 \
        problems are printed per file and 500 in all ("… and N more"); values in messages are \
        cut at 80 characters and file names are printed with control characters escaped. \
        YAML files where a manifest is expected but that are not read (upper-case extension, \
        misspelt folder, symbolic link…) are errors, and the summary line says how many.

        Examples:
          tenantctl validate --repo . --ref main
          tenantctl validate --repo https://gitlab.example.com/ops/tenants.git --git-token-file /run/secrets/gitlab
          tenantctl validate --dir ./tenants-repo --output json
        """ + EnvironmentHelp.line(EnvironmentHelp.repository))

    @OptionGroup var repository: RepositoryOptions

    @Option(name: .long, help: "Output format: text or json.")
    var output: ReportFormat = .text

    func run() throws {
        let snapshot = try CommandRunner.load(repository)
        let analysis = Analysis(snapshot)
        switch output {
        case .text:
            for diagnostic in analysis.diagnostics { print(diagnostic) }
            let counts = [plural(analysis.manifests.tenants.count, "tenant"), plural(analysis.manifests.offers.count, "offer"),
                          plural(analysis.manifests.bundles.count, "bundle"), plural(analysis.result.state.environments.count, "environment")]
                .joined(separator: ", ")
            let verdict = analysis.errors == 0 ? "valid" : "invalid"
            // Files not read are said in the summary too: a tenant must never vanish unnoticed.
            let ignored = analysis.manifests.ignoredFiles
            let notRead = ignored == 0 ? "" : "; \(plural(ignored, "YAML file")) not read"
            print("\(Printable.escaped(snapshot.label)): \(verdict): \(counts); \(plural(analysis.errors, "error")), \(plural(analysis.warnings, "warning"))\(notRead)")
        case .json:
            print(try JSONOutput.encode(ValidationReport(analysis)))
        }
        if analysis.errors > 0 { throw ExitCode(1) }
    }
}

func plural(_ count: Int, _ word: String) -> String {
    "\(count) \(word)\(count == 1 ? "" : "s")"
}

/// The JSON form of `validate`, stable for CI tooling.
struct ValidationReport: Encodable {
    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var field: String
        var message: String
    }

    var formatVersion = 1
    var valid: Bool
    var source: String
    var commit: CommitSummary?
    var errors: Int
    var warnings: Int
    var tenants: Int
    var offers: Int
    var bundles: Int
    var environments: Int
    /// YAML files in manifest places that were not read (each also has a diagnostic).
    var ignoredFiles: Int
    var diagnostics: [Entry]

    init(_ analysis: Analysis) {
        valid = analysis.errors == 0
        source = analysis.snapshot.source
        commit = analysis.snapshot.commit.map(CommitSummary.init)
        errors = analysis.errors
        warnings = analysis.warnings
        tenants = analysis.manifests.tenants.count
        offers = analysis.manifests.offers.count
        bundles = analysis.manifests.bundles.count
        environments = analysis.result.state.environments.count
        ignoredFiles = analysis.manifests.ignoredFiles
        diagnostics = analysis.diagnostics.map {
            Entry(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                  severity: $0.severity.rawValue, field: $0.field, message: $0.message)
        }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case ignoredFiles = "ignored_files"
        case valid, source, commit, errors, warnings, tenants, offers, bundles, environments, diagnostics
    }
}
