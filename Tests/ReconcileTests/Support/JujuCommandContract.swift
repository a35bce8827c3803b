/// Every form of juju command tenantctl may issue, each with where Juju 3.6 defines it.
///
/// A form is the command, one `<arg>` per positional argument, and its flags (`[--flag]`: may be
/// absent). juju-sim logs the form of every call it gets (`JUJU_SIM_CALL_LOG`), and
/// `JujuCommandContractTests` fails when tenantctl issues a form that is not here. Adding a
/// command to tenantctl therefore means looking up its real syntax and writing it here with the
/// page or source file that shows it: juju-sim accepting a call proves nothing about Juju.
enum JujuCommandContract {
    static let docs = "https://documentation.ubuntu.com/juju/3.6/reference/juju-cli/list-of-juju-cli-commands/"

    static let forms: [(form: String, reference: String)] = [
        ("controllers --format", docs + "controllers/"),
        ("models -c --format", docs + "models/"),
        ("status --format -m", docs + "status/ (JSON shape: juju/cmd/juju/status/formatted.go, 3.6)"),
        ("export-bundle -m", docs + "export-bundle/; an empty model is refused: apiserver/facades/client/bundle/bundle.go"),
        ("add-model <arg> <arg> -c [--credential] --no-switch", docs + "add-model/ (usage: add-model <model name> [cloud|region|(cloud/region)])"),
        ("add-machine -m -n [--base] [--constraints]", docs + "add-machine/"),
        ("deploy <arg> -m [--map-machines] [--trust]", docs + "deploy/; --trust for trusted bundle applications: cmd/juju/application/deployer/bundle.go"),
        ("refresh <arg> -m [--channel] [--revision]", docs + "refresh/"),
        ("refresh <arg> [--channel] -m --switch", docs + "refresh/ (--switch and --revision are mutually exclusive: cmd/juju/application/refresh.go)"),
        ("scale-application <arg> <arg> -m", docs + "scale-application/"),
        ("add-unit <arg> -m -n", docs + "add-unit/"),
        ("remove-unit <arg> -m --no-prompt", docs + "remove-unit/"),
        ("config <arg> --file -m", docs + "config/"),
        ("config <arg> -m --reset", docs + "config/ (--reset key1,key2)"),
        ("expose <arg> -m", docs + "expose/"),
        ("unexpose <arg> -m", docs + "unexpose/"),
        ("integrate <arg> <arg> -m", docs + "integrate/"),
        ("remove-relation <arg> <arg> -m", docs + "remove-relation/"),
        ("remove-application <arg> -m --no-prompt", docs + "remove-application/"),
        ("remove-machine <arg> -m --no-prompt", docs + "remove-machine/"),
        ("destroy-model <arg> --no-prompt --release-storage", docs + "destroy-model/"),
        // Certificates delivered as user secrets (Juju 3.3+): the values as `key#file=<path>`.
        ("secrets --format -m", docs + "secrets/ (JSON keyed by secret id: cmd/juju/secrets/list.go, secretDisplayDetails)"),
        ("add-secret <arg> <arg> <arg> <arg> --info -m", docs + "add-secret/ (usage: add-secret <name> [key[#base64|#file]=value...])"),
        ("update-secret <arg> <arg> <arg> <arg> --info -m", docs + "update-secret/ (usage: update-secret <ID>|<name> [key[#base64|#file]=value...])"),
        ("grant-secret <arg> <arg> -m", docs + "grant-secret/ (usage: grant-secret <ID>|<name> <application>[,<application>...])"),
    ]

    /// Forms the contract test's loop (which has no certificates) does not reach, with the test
    /// that checks it uses them all.
    static let exercisedElsewhere: [String: String] = [
        "secrets --format -m": "CertsReconcileTests.testTheCertificateIsDeliveredToItsApplicationAsAJujuSecret",
        "add-secret <arg> <arg> <arg> <arg> --info -m": "CertsReconcileTests.testTheCertificateIsDeliveredToItsApplicationAsAJujuSecret",
        "update-secret <arg> <arg> <arg> <arg> --info -m": "CertsReconcileTests.testTheCertificateIsDeliveredToItsApplicationAsAJujuSecret",
        "grant-secret <arg> <arg> -m": "CertsReconcileTests.testTheCertificateIsDeliveredToItsApplicationAsAJujuSecret",
    ]

    struct Pattern {
        var command: String
        var arguments: Int
        var required: Set<String>
        var optional: Set<String>

        init(_ text: String) {
            let words = text.split(separator: " ").map(String.init)
            command = words[0]
            arguments = words.filter { $0 == "<arg>" }.count
            required = Set(words.dropFirst().filter { $0.hasPrefix("-") })
            optional = Set(words.filter { $0.hasPrefix("[") }.map { String($0.dropFirst().dropLast()) })
        }

        func matches(_ logged: String) -> Bool {
            let other = Pattern(logged)
            return other.command == command && other.arguments == arguments
                && required.isSubset(of: other.required) && other.required.isSubset(of: required.union(optional))
        }
    }

    /// The contract entry a logged call matches, if any.
    static func entry(for logged: String) -> String? {
        forms.first { Pattern($0.form).matches(logged) }?.form
    }
}
