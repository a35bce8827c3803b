import Foundation

/// Runs one invocation: faults, the command, and Juju-style error reporting.
enum JujuSim {
    static func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first, !["help", "--help", "-h"].contains(name) else {
            print(Help.text())
            return 0
        }
        if name == "--version" { print(Help.version(SimSettings())); return 0 }
        var output = Output()
        let code: Int32
        do {
            try execute(name: name, arguments: Array(arguments.dropFirst()), output: &output)
            code = 0
        } catch let error as SimError {
            output.stderr += "ERROR \(error.message)\n"
            code = error.exitCode
        } catch {
            output.stderr += "ERROR \(error)\n"
            code = 1
        }
        output.flush()
        return code
    }

    static func execute(name: String, arguments: [String], output: inout Output) throws {
        guard let command = CommandTable.find(name) else {
            throw SimError.usage("unrecognized command: juju \(name)")
        }
        if arguments.contains("--help") || arguments.contains("-h") {
            output.print("Usage: juju \(command.summary)")
            return
        }
        let settings = SimSettings()
        let store = try StateStore(directory: settings.home)
        let faults = Faults(settings: settings, store: store)
        let parsed = try Arguments(arguments, spec: command.spec)
        if let log = settings.callLog { CallLog.append(parsed.form(command: command.name), to: log) }
        if let log = settings.argvLog { CallLog.append(CommandLine.arguments.joined(separator: " "), to: log) }
        var context = CommandContext(
            arguments: parsed, settings: settings, store: store,
            now: SimClock.now(), environment: ProcessInfo.processInfo.environment)
        try faults.beforeCall(command.name)
        let fails = try faults.drawsFailure(command.name)
        if fails, !settings.failAfter { throw Faults.connectionError }
        try command.run(&context)
        // A reply lost after the change was made: the caller sees an error, the world changed.
        if fails { throw Faults.connectionError }
        output = context.output
    }
}
