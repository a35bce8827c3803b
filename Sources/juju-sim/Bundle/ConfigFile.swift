import Foundation
import Yams

/// The YAML files `juju config --file` and `juju deploy --config` read: options under the
/// application's name (`magento: {key: value}`), or, as Juju also accepts, at the top level.
enum ConfigFile {
    static func read(_ path: String, application: String, snap: SnapConfinement) throws -> [String: ConfigScalar] {
        guard let data = snap.contents(atPath: path) else {
            throw SimError.failure("open \(path): no such file or directory")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) } catch {
            throw SimError.failure("cannot parse config file \(path): \(error)")
        }
        guard let root = node?.mapping else { return [:] }
        let settings = root[application]?.mapping ?? root
        var result: [String: ConfigScalar] = [:]
        for (key, value) in settings {
            if let name = key.string, let scalar = BundleFile.scalar(value) { result[name] = scalar }
        }
        return result
    }
}
