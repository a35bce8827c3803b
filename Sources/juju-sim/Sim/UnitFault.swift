/// A workload status forced on a unit (or on every unit of an application) once it has
/// settled: what a charm says when it is `blocked` on missing config or hits a hook `error`.
///
/// From `JUJU_SIM_UNIT_FAULT` (`magento/0=blocked:needs a database;mysql=error:hook failed:
/// "install"`, entries split by `;` or newlines) or recorded in the state by `juju-sim
/// sim-fault`. `lost` makes the agent lost instead, as when a machine dies.
struct UnitFault: Codable, Hashable {
    static let statuses: Set<String> = ["blocked", "error", "waiting", "maintenance", "lost", "active"]

    var status: String
    var message: String?

    static func parseList(_ text: String) -> [String: UnitFault] {
        var result: [String: UnitFault] = [:]
        for entry in text.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let target = parts[0].trimmingCharacters(in: .whitespaces)
            let statusAndMessage = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
            let status = statusAndMessage[0].trimmingCharacters(in: .whitespaces)
            guard statuses.contains(status) else { continue }
            let message = statusAndMessage.count == 2 ? statusAndMessage[1].trimmingCharacters(in: .whitespaces) : nil
            result[target] = UnitFault(status: status, message: message?.isEmpty == true ? nil : message)
        }
        return result
    }

    /// The fault for a unit: its own entry first, then its application's.
    static func lookup(_ unit: String, in faults: [String: UnitFault]) -> UnitFault? {
        faults[unit] ?? faults[String(unit.split(separator: "/").first ?? "")]
    }
}
