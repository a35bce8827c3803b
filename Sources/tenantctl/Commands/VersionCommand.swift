import ArgumentParser
import CGit2

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print tenantctl's version, the manifest schema it reads and the libgit2 it uses.")

    func run() throws {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        print("tenantctl \(TenantctlVersion.current)")
        print("schema \(TenantctlVersion.schema)")
        print("libgit2 \(major).\(minor).\(patch)")
    }
}
