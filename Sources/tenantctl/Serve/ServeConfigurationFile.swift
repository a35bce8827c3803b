import ArgumentParser
import Foundation
import Yams

/// `serve --config FILE`: the same settings as the flags, in YAML or JSON (JSON is YAML), keyed by
/// the flags' long names without the dashes (`interval: 30`, `repo: /srv/tenants`,
/// `no-fetch: true`, `tenant: [a, b]`). The file is turned into arguments placed before the
/// command line's, so the flags win and every value goes through the same parsing and
/// validation as a flag. An unknown key is an error, as an unknown flag is.
enum ServeConfigurationFile {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The largest configuration file read: a settings file is a few hundred bytes.
    static let maximumBytes = 64 * 1024

    /// Keys the file may not hold: the file itself, and help.
    static let refusedKeys: Set<String> = ["config", "help", "version"]

    static func arguments(fromFile path: String, overriddenBy commandLine: [String]) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "cannot read the configuration file \(path)") }
        guard data.count <= maximumBytes else { throw Problem(description: "the configuration file \(path) is larger than \(maximumBytes) bytes") }
        let document: Any?
        do { document = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) } catch {
            throw Problem(description: "the configuration file \(path) is neither YAML nor JSON: \(error)")
        }
        guard let document else { return [] }
        guard let settings = document as? [String: Any] else { throw Problem(description: "the configuration file \(path) must be a mapping of settings") }
        let given = Set(commandLine.compactMap { argument -> String? in
            guard argument.hasPrefix("--") else { return nil }
            return String(argument.dropFirst(2).prefix { $0 != "=" })
        })
        var arguments: [String] = []
        for key in settings.keys.sorted() {
            guard !refusedKeys.contains(key), key.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil, isKnown(key) else {
                throw Problem(description: "unknown setting '\(key)' in \(path) (the settings are serve's flags without the dashes: tenantctl serve --help)")
            }
            // The command line wins, for lists too (they would add up otherwise).
            if given.contains(key) { continue }
            arguments += try values(settings[key]!, key: key, path: path)
        }
        return arguments
    }

    private static func values(_ value: Any, key: String, path: String) throws -> [String] {
        switch value {
        case let flag as Bool: return flag ? ["--\(key)"] : []
        case let list as [Any]: return try list.flatMap { try values($0, key: key, path: path) }
        case let number as Int: return ["--\(key)", String(number)]
        case let number as Double: return ["--\(key)", String(number)]
        case let text as String: return ["--\(key)", text]
        default: throw Problem(description: "the setting '\(key)' in \(path) must be a string, a number, true/false or a list")
        }
    }

    /// A key is a setting when serve parses it as a flag or an option: asked of the parser itself,
    /// so the file can never drift from the flags.
    private static func isKnown(_ key: String) -> Bool {
        for attempt in [["--\(key)"], ["--\(key)", "1"]] {
            do {
                _ = try ServeCommand.parse(attempt)
                return true
            } catch {
                let message = ServeCommand.message(for: error)
                if !message.contains("Unknown option") { return true }
            }
        }
        return false
    }
}
