/// gitlab-sim: a stand-in for the GitLab REST API v4 calls tenantctl makes (commit statuses,
/// merge request notes, the project and the current user), answering in the shapes of GitLab's
/// documented responses, and a sender of webhooks in the shapes of GitLab's payloads. State lives
/// in memory, seeded by `--config`; the admin API under `/sim/` reads what was posted and injects
/// faults (AdminAPI.swift). See `gitlab-sim --help`.
import Foundation
import Hummingbird
import Logging

let commandLine = Array(CommandLine.arguments.dropFirst())
if commandLine.first == "send-webhook" {
    exit(await SendWebhookCommand.run(Array(commandLine.dropFirst())))
}

let arguments: Arguments
do {
    arguments = try Arguments.parse(commandLine)
} catch {
    FileHandle.standardError.write(Data("gitlab-sim: \(error)\n".utf8))
    exit(2)
}

let server = GitLabServer()
do {
    let config = try arguments.configFile.map { try JSONDecoder().decode(SimConfig.self, from: Data(contentsOf: URL(fileURLWithPath: $0))) }
    await server.apply(config: config ?? .default)
} catch {
    FileHandle.standardError.write(Data("gitlab-sim: cannot load \(arguments.configFile ?? ""): \(error)\n".utf8))
    exit(2)
}

let requestLog: RequestLog?
do {
    requestLog = try arguments.logFile.map { try RequestLog(path: $0) }
} catch {
    FileHandle.standardError.write(Data("gitlab-sim: cannot open the log \(arguments.logFile ?? ""): \(error)\n".utf8))
    exit(2)
}

let adapter = HTTPAdapter(server: server, log: requestLog)
var logger = Logger(label: "gitlab-sim") { StreamLogHandler.standardError(label: $0) }
logger.logLevel = .warning
let host = arguments.host, portFile = arguments.portFile
let app = Application(
    responder: CallbackResponder<BasicRequestContext> { request, _ in try await adapter.respond(request) },
    configuration: ApplicationConfiguration(address: .hostname(host, port: arguments.port), serverName: nil),
    onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        if let portFile {
            // Written aside and renamed, so a reader never sees half a number.
            let temporary = portFile + ".tmp"
            _ = FileManager.default.createFile(atPath: temporary, contents: Data("\(port)\n".utf8))
            _ = rename(temporary, portFile)
        }
        FileHandle.standardOutput.write(Data("gitlab-sim listening on http://\(host):\(port)\n".utf8))
    },
    logger: logger
)
do {
    try await app.runService()
} catch {
    FileHandle.standardError.write(Data("gitlab-sim: \(error)\n".utf8))
    exit(1)
}
