/// Placement directives (`to:`) of machine bundles, checked the way `juju deploy` verifies a bundle
/// before deploying anything: `[<container>:](<machine>|new|<application>[/<unit>])`, where a
/// machine must be defined under the bundle's `machines` and an application in the bundle.
///
/// Directives that do not read this way are left to Juju, as the README says: cloud-specific
/// forms (`zone=…`) exist and change between Juju versions.
enum Placement {
    static func check(_ bundle: Bundle, sink: DiagnosticSink) {
        for name in bundle.applicationOrder {
            guard let application = bundle.applications[name] else { continue }
            for directive in application.placements {
                guard let problem = problem(directive.value, in: bundle) else { continue }
                let field = "applications.\(name).to"
                sink.error("\(field): placement '\(directive.value)' \(problem)", at: directive.location, field: field)
            }
        }
    }

    private static func problem(_ directive: String, in bundle: Bundle) -> String? {
        let parts = directive.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].allSatisfy({ $0.isLetter }) { return nil }
        let target = String(parts.last!)
        if target == "new" { return nil }
        if !target.isEmpty, target.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard bundle.machines[target] == nil else { return nil }
            let defined = bundle.machines.keys.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }
            return "refers to machine '\(target)', which the bundle does not define under machines"
                + (defined.isEmpty ? " (it defines none)" : " (it defines: \(defined.joined(separator: ", ")))")
        }
        let unitParts = target.split(separator: "/", omittingEmptySubsequences: false)
        guard unitParts.count <= 2, let first = unitParts.first, !first.isEmpty,
              first.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }),
              unitParts.count == 1 || unitParts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let application = String(first)
        guard bundle.applications[application] == nil else { return nil }
        return "refers to application '\(application)', which the bundle does not define\(Suggestion.hint(for: application, in: bundle.applicationOrder))"
    }
}
