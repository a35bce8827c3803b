import ArgumentParser
import Foundation
import GitSource
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

struct ChangedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changed",
        abstract: "List the tenants whose desired state a range of commits may change.",
        discussion: """
        Found by diffing the two commits' trees: a changed tenant file marks that tenant; a changed \
        offer marks every tenant on it; a changed bundle marks every tenant whose offer or override \
        uses it; a changed tenantctl.yaml marks every tenant; a removed or renamed tenant file marks \
        the tenant removed. Manifests are read only when a fleet, offer or bundle file changed.

        Text output: one line per tenant: <tenant> <added|modified|removed> <reasons>.

        Examples:
          tenantctl changed --repo . --from HEAD~1 --to HEAD
          tenantctl changed --repo . --from origin/main --to feature/tls --output json
        """ + EnvironmentHelp.line(EnvironmentHelp.repository))

    @OptionGroup var repository: RepositoryOptions

    @Option(name: .long, help: "The older commit (branch, tag or id).")
    var from: String

    @Option(name: .long, help: "The newer commit (branch, tag or id).")
    var to: String

    @Option(name: .long, help: "Output format: text or json.")
    var output: ReportFormat = .text

    func validate() throws {
        if repository.dir != nil { throw ValidationError("changed compares two git commits; use --repo, not --dir") }
        if repository.ref != nil { throw ValidationError("changed takes --from and --to, not --ref") }
    }

    func run() throws {
        let reader = RepositoryReader(options: repository)
        let changes = try CommandRunner.reportingErrors { () -> [ChangedTenant] in
            let git = try reader.openGit()
            return try ChangedTenants.between(try git.resolveCommit(from), try git.resolveCommit(to), in: git, reader: reader)
        }
        switch output {
        case .text:
            // Tenant names and reasons come from file names, which may hold newlines (Printable).
            let width = changes.map { Printable.escaped($0.tenant).count }.max() ?? 0
            for change in changes {
                let name = Printable.escaped(change.tenant).padding(toLength: width, withPad: " ", startingAt: 0)
                let kind = change.change.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(name)  \(kind)  \(Printable.escaped(change.reasons.map(\.description).joined(separator: "; ")))")
            }
        case .json:
            print(try JSONOutput.encode(ChangedReport(from: from, to: to, tenants: changes)))
        }
    }
}

struct ChangedReport: Encodable {
    var formatVersion = 1
    var from: String
    var to: String
    var tenants: [ChangedTenant]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case from, to, tenants
    }
}

extension PathChange {
    init(_ change: FileChange) {
        let status: Status
        switch change.status {
        case .added: status = .added
        case .deleted: status = .deleted
        case .renamed: status = .renamed
        case .modified, .typeChanged: status = .modified
        }
        self.init(status: status, oldPath: change.oldPath, newPath: change.newPath)
    }
}
