import Foundation
import Juju
import JujuPlanning
import PlanModel
import Reconciler
import TenantCore

/// The `juju` command line, with `--format=json` wherever there is something to read.
///
/// Everything tenantctl does to Juju goes through here, so tests and the demo can point it at
/// `juju-sim` with `--juju-bin`.
public struct JujuCLI: Sendable {
    public var binary: String
    /// What an ordinary call may take.
    public var timeout: Duration
    /// What `deploy` and `destroy-model` may take: a deploy downloads charms, and destroy-model
    /// waits until the model's machines and storage are gone.
    public var longTimeout: Duration
    public var runner: ProcessRunner
    /// Where files for juju go (see `JujuFiles`: a confined snap reads only some folders).
    public var files: JujuFiles

    public init(binary: String, timeout: Duration = .seconds(60), longTimeout: Duration = .seconds(1800),
                environment: [String: String]? = nil, filesDirectory: String? = nil) {
        self.binary = binary
        self.timeout = timeout
        self.longTimeout = max(longTimeout, timeout)
        self.runner = ProcessRunner(environment: environment)
        self.files = JujuFiles(directory: filesDirectory
            ?? JujuFiles.defaultDirectory(environment: environment ?? ProcessInfo.processInfo.environment))
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

    /// The model as a bundle. Juju refuses to export a model without applications ("nothing to
    /// export as there are no applications"): that model is an empty bundle, not a failure.
    public func exportBundle(controller: String, model: String) async throws -> ExportedBundle {
        do {
            return try ExportedBundle.parse(yaml: try await run(["export-bundle", "-m", "\(controller):\(model)"]).stdoutText)
        } catch let error as JujuCommandError where error.message.contains(Self.nothingToExport) {
            return ExportedBundle()
        }
    }

    static let nothingToExport = "nothing to export as there are no applications"

    /// Whether `juju models` still lists the model (a destroy-model that timed out may still be
    /// draining it).
    public func lists(model: String, controller: String) async throws -> Bool {
        try await models(controller: controller).workloadModelNames.contains(model)
    }
}
