import Foundation

/// Finds an executable product of this package (tenantctl, juju-sim) next to the running test
/// bundle, so tests work with any --scratch-path.
public enum ProductBinary {
    public static func locate(_ name: String) throws -> String {
        var directories: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // On Linux the .xctest is an executable in the products directory.
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let candidates = directories.map { $0.appendingPathComponent(name).standardizedFileURL.path }
        for path in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: path) {
                return path
            }
        }
        throw FixtureError("no \(name) binary next to the test bundle; build it with `swift build --build-tests` (looked at: \(candidates.joined(separator: ", ")))")
    }
}
