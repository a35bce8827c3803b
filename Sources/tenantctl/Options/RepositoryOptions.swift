import ArgumentParser
import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Where the manifests come from; shared by every command that reads them.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Desired-state repository: a local path, file://, http(s):// or ssh:// URL, or user@host:path.",
        discussion: "Remote repositories are mirrored (bare) under --cache-dir and fetched on every run.",
        valueName: "path|url"))
    var repo: String?

    @Option(name: .long, help: ArgumentHelp("Branch, tag or commit to read (default: HEAD of the repository; for remotes, the default branch).", valueName: "ref"))
    var ref: String?

    @Option(name: .long, help: ArgumentHelp("Read manifests from a plain directory instead of git (pre-commit checks of a work tree).", valueName: "path"))
    var dir: String?

    @Option(name: .long, help: ArgumentHelp("File holding the HTTP(S) token (GitLab: sent as user oauth2). Default: $TENANTCTL_GIT_TOKEN.", valueName: "file"))
    var gitTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("Private key for ssh:// repositories.", valueName: "file"))
    var sshKey: String?

    @Option(name: .long, help: ArgumentHelp("Where remote repositories are mirrored. Default: $TENANTCTL_CACHE_DIR, else $XDG_CACHE_HOME/tenantctl or ~/.cache/tenantctl.", valueName: "dir"))
    var cacheDir: String?

    @Flag(name: .long, help: "Use the cached mirror as it is, without fetching (offline work).")
    var noFetch = false

    @Option(name: .long, help: ArgumentHelp("Seconds allowed for connecting to and fetching from a remote.", valueName: "seconds"))
    var gitTimeout: Int = 60

    @Option(name: .long, help: ArgumentHelp(
        "Largest manifest file read, in bytes or with a K, M or G suffix (default: $TENANTCTL_MAX_FILE_SIZE, else 1M).",
        discussion: "A larger file is reported as an error and not parsed, so a pushed file can never hang a run.",
        valueName: "size"))
    var maxFileSize: String?

    func validate() throws {
        if repo != nil, dir != nil {
            throw ValidationError("use either --repo or --dir, not both")
        }
        if dir != nil, ref != nil {
            throw ValidationError("--ref reads a git commit; it does not apply to --dir")
        }
        if gitTimeout < 1 {
            throw ValidationError("--git-timeout must be at least 1 second")
        }
        if let maxFileSize, ManifestLimits.parseSize(maxFileSize) == nil {
            throw ValidationError("--max-file-size '\(maxFileSize)' is not a size; write bytes or a number with K, M or G (like 2M)")
        }
    }

    /// --max-file-size, else $TENANTCTL_MAX_FILE_SIZE, else 1 MiB. A malformed variable is an
    /// error rather than silently the default: the operator meant to change the limit.
    func manifestLimits() throws -> ManifestLimits {
        if let maxFileSize, let bytes = ManifestLimits.parseSize(maxFileSize) { return ManifestLimits(maxFileSize: bytes) }
        if let configured = ProcessInfo.processInfo.environment["TENANTCTL_MAX_FILE_SIZE"], !configured.isEmpty {
            guard let bytes = ManifestLimits.parseSize(configured) else {
                throw CLIError("TENANTCTL_MAX_FILE_SIZE '\(configured)' is not a size; write bytes or a number with K, M or G (like 2M)")
            }
            return ManifestLimits(maxFileSize: bytes)
        }
        return .default
    }

    var cacheDirectory: String {
        if let cacheDir { return cacheDir }
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["TENANTCTL_CACHE_DIR"], !configured.isEmpty { return configured }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/tenantctl" }
        return NSHomeDirectory() + "/.cache/tenantctl"
    }
}
