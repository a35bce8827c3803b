import Foundation

/// What a strictly confined juju snap can read: through the `home` interface, the non-hidden
/// files and folders of `$HOME` (its own `~/snap/juju/…` among them); not the host's `/tmp`
/// (the snap has a private one), not `~/.local` or any other hidden folder, nothing else on the
/// host. For such a juju a file elsewhere does not exist, so juju-sim answers as if it did not.
struct SnapConfinement {
    var enabled: Bool
    var home: String

    init(settings: SimSettings) {
        enabled = settings.snapConfined
        home = settings.userHome
    }

    func canRead(_ path: String) -> Bool {
        guard enabled else { return true }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let resolved = URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: home).standardizedFileURL.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/") else { return false }
        let inside = resolved.dropFirst(root.count + 1).split(separator: "/")
        return !inside.contains { $0.hasPrefix(".") }
    }

    /// The file's contents as the snap sees them: nil when it cannot see it.
    func contents(atPath path: String) -> Data? {
        canRead(path) ? FileManager.default.contents(atPath: path) : nil
    }
}
