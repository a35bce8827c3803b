import ArgumentParser
import Foundation
import Store
import TenantCore

struct SuspendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend",
        abstract: "Pause a tenant without a commit: planned and shown, applied by neither apply nor serve until resumed.",
        discussion: """
        Kept in the state store (--state-dir), so every tenantctl sharing that journal honours it: \
        `apply` leaves the tenant's changes out and says so, `serve` plans and reports it without \
        applying, `plan` and `drift` mark it. A person who wants it applied resumes it first.

        Examples:
          tenantctl suspend boulangerie-durand --reason "data migration until Friday"
          tenantctl resume boulangerie-durand
        """ + EnvironmentHelp.line("TENANTCTL_STATE_DIR (else XDG_DATA_HOME, HOME)"))

    @OptionGroup var engine: EngineOptions

    @Argument(help: "The tenant (its metadata.name).")
    var name: String

    @Option(name: .long, help: "Why, shown wherever the suspension is.")
    var reason: String = ""

    func validate() throws { try TenantName.check(name) }

    func run() throws {
        try CommandRunner.reportingErrors {
            let store = try StoreJournal.open(engine).store
            let fresh = try store.suspend(tenant: name, reason: reason, at: Date())
            print(fresh ? "Suspended \(name): apply and serve leave it alone until tenantctl resume \(name)."
                        : "\(name) was already suspended; the reason is updated.")
        }
    }
}

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a tenant paused with suspend: apply and serve reconcile it again.",
        discussion: """
        serve picks the tenant up at its next drift sweep, or at once on SIGHUP; apply at its next run.

        Examples:
          tenantctl resume boulangerie-durand
        """ + EnvironmentHelp.line("TENANTCTL_STATE_DIR (else XDG_DATA_HOME, HOME)"))

    @OptionGroup var engine: EngineOptions

    @Argument(help: "The tenant (its metadata.name).")
    var name: String

    func validate() throws { try TenantName.check(name) }

    func run() throws {
        try CommandRunner.reportingErrors {
            let store = try StoreJournal.open(engine).store
            print(try store.resume(tenant: name) ? "Resumed \(name)." : "\(name) was not suspended; nothing to do.")
        }
    }
}

/// A tenant name as the command line may give it: printable, one line, bounded (it is stored and
/// shown on pages and in metrics labels).
enum TenantName {
    static func check(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count <= 253,
              name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || CharacterSet.decimalDigits.contains($0) || "-_.".unicodeScalars.contains($0) })
        else { throw ValidationError("'\(Printable.escaped(name))' is not a tenant name (letters, digits, '-', '_' and '.')") }
    }
}
