/// Command-line arguments parsed the way Juju's gnuflag parses them: flags may come before or
/// after positional arguments, `--flag=value` and `--flag value` are the same, `--` ends flags.
///
/// Each command declares which flags take a value and which are switches, so that an unknown
/// flag is refused with Juju's own message instead of being silently taken for an argument.
struct Arguments {
    var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var switches: Set<String> = []

    struct Spec {
        var valueFlags: Set<String>
        var boolFlags: Set<String>

        /// Flags every model command accepts, as in Juju.
        static let model = Spec(valueFlags: ["m", "model"], boolFlags: ["B", "no-browser-login"])

        func adding(values: Set<String> = [], bools: Set<String> = []) -> Spec {
            Spec(valueFlags: valueFlags.union(values), boolFlags: boolFlags.union(bools))
        }
    }

    init(_ raw: [String], spec: Spec) throws {
        var index = 0
        var flagsEnded = false
        while index < raw.count {
            let word = raw[index]
            index += 1
            guard !flagsEnded, word.hasPrefix("-"), word != "-" else {
                positional.append(word)
                continue
            }
            if word == "--" { flagsEnded = true; continue }
            let body = word.drop { $0 == "-" }
            let parts = body.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0]
            if spec.boolFlags.contains(name) {
                if parts.count == 2, parts[1] == "false" { switches.remove(name) } else { switches.insert(name) }
            } else if spec.valueFlags.contains(name) {
                let value: String
                if parts.count == 2 { value = parts[1] } else {
                    guard index < raw.count else { throw SimError.usage("option needs an argument: \(word)") }
                    value = raw[index]
                    index += 1
                }
                values[name, default: []].append(value)
            } else {
                throw SimError.usage("option provided but not defined: \(word.split(separator: "=").first.map(String.init) ?? word)")
            }
        }
    }

    /// The last value given for any of the names (`-m` or `--model`).
    func value(_ names: String...) -> String? {
        names.compactMap { values[$0]?.last }.last
    }

    /// Every value given for any of the names, in order (repeatable flags like `--config`).
    func all(_ names: String...) -> [String] {
        names.flatMap { values[$0] ?? [] }
    }

    func flag(_ names: String...) -> Bool { names.contains { switches.contains($0) } }

    func int(_ names: String..., default fallback: Int) throws -> Int {
        guard let text = names.compactMap({ values[$0]?.last }).last else { return fallback }
        guard let number = Int(text) else {
            throw SimError.usage("invalid value \"\(text)\" for flag -\(names[0]): parse error")
        }
        return number
    }

    /// The call's shape without its values: `deploy <arg> --trust -m`, flags sorted. What the
    /// juju command contract test compares with the forms tenantctl may issue.
    func form(command: String) -> String {
        let flags = Set(values.keys).union(switches).sorted().map { $0.count == 1 ? "-" + $0 : "--" + $0 }
        return ([command] + positional.map { _ in "<arg>" } + flags).joined(separator: " ")
    }

    /// Refuses extra positional arguments with Juju's message.
    func expectAtMost(_ count: Int) throws {
        if positional.count > count {
            let extra = positional.dropFirst(count).map { "\"\($0)\"" }.joined(separator: " ")
            throw SimError.usage("unrecognized args: [\(extra)]")
        }
    }
}
