/// A failed command, reported the way the juju CLI reports it: `ERROR <message>` on stderr and
/// exit code 1, or 2 for usage errors (bad flags, unknown command), as juju/cmd does.
struct SimError: Error {
    var message: String
    var exitCode: Int32

    static func failure(_ message: String) -> SimError { SimError(message: message, exitCode: 1) }
    static func usage(_ message: String) -> SimError { SimError(message: message, exitCode: 2) }

    /// Juju's not-found text for a model selected with `-m`.
    static func modelNotFound(controller: String, model: String) -> SimError {
        .failure("model \(controller):admin/\(model) not found")
    }

    static func applicationNotFound(_ name: String) -> SimError {
        .failure("application \"\(name)\" not found")
    }
}
