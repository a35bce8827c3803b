import Foundation
import Juju

/// The `juju` command line, with `--format=json` wherever there is something to read.
///
/// Everything tenantctl does to Juju goes through here, so tests and the demo can point it at
/// `juju-sim` with `--juju-bin`.
public struct JujuCLI: Sendable {
    public var binary: String
    public var timeout: Duration
    public var runner: ProcessRunner

    public init(binary: String, timeout: Duration = .seconds(60), environment: [String: String]? = nil) {
        self.binary = binary
        self.timeout = timeout
        self.runner = ProcessRunner(environment: environment)
    }

    /// Runs `juju <arguments>` and returns its standard output, or throws what juju said.
    @discardableResult
    public func run(_ arguments: [String], timeout: Duration? = nil) async throws -> ProcessOutput {
        let output = try await runner.run(binary, arguments, timeout: timeout ?? self.timeout)
        let command = "juju " + arguments.prefix(3).joined(separator: " ")
        if output.timedOut {
            throw JujuCommandError(command: command, kind: .transient,
                                   message: "no answer within \(Int((timeout ?? self.timeout).components.seconds)) s", timedOut: true)
        }
        guard output.exitCode == 0 else {
            let message = JujuCLIError.message(fromStderr: output.stderrText)
            throw JujuCommandError(command: command, kind: JujuCLIError(exitCode: output.exitCode, stderr: output.stderrText),
                                   message: message.isEmpty ? "exit status \(output.exitCode)" : message)
        }
        return output
    }

    public func controllers() async throws -> ControllerList {
        try ControllerList.decode(json: try await run(["controllers", "--format=json"]).stdout)
    }

    public func models(controller: String) async throws -> ModelList {
        try ModelList.decode(json: try await run(["models", "-c", controller, "--format=json"]).stdout)
    }

    public func status(controller: String, model: String) async throws -> JujuStatus {
        try JujuStatus.decode(json: try await run(["status", "-m", "\(controller):\(model)", "--format=json"]).stdout)
    }

    public func exportBundle(controller: String, model: String) async throws -> ExportedBundle {
        try ExportedBundle.parse(yaml: try await run(["export-bundle", "-m", "\(controller):\(model)"]).stdoutText)
    }
}
