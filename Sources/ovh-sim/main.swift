/// ovh-sim: a stand-in for the OVH API v1's DNS zone calls (signed requests, `/auth/time`,
/// records, refresh), for tenantctl's tests and demo where no OVH account exists. State lives in
/// memory, seeded by `--config`; faults, the clock and the served view of each zone are driven
/// and read through the admin API under `/sim/` (AdminAPI.swift). See `ovh-sim --help`.
import Foundation
import Hummingbird
import Logging

let arguments: Arguments
do {
    arguments = try Arguments.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("ovh-sim: \(error)\n".utf8))
    exit(2)
}

let server = OVHServer()
do {
    if let path = arguments.configFile {
        try await server.apply(config: SimConfig.decode(Data(contentsOf: URL(fileURLWithPath: path))))
    }
} catch {
    FileHandle.standardError.write(Data("ovh-sim: cannot load \(arguments.configFile ?? ""): \(error)\n".utf8))
    exit(2)
}

let requestLog: RequestLog?
do {
    requestLog = try arguments.logFile.map { try RequestLog(path: $0) }
} catch {
    FileHandle.standardError.write(Data("ovh-sim: cannot open the log \(arguments.logFile ?? ""): \(error)\n".utf8))
    exit(2)
}

let adapter = HTTPAdapter(server: server, log: requestLog)
var logger = Logger(label: "ovh-sim") { StreamLogHandler.standardError(label: $0) }
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
        FileHandle.standardOutput.write(Data("ovh-sim listening on http://\(host):\(port)\n".utf8))
    },
    logger: logger
)
do {
    try await app.runService()
} catch {
    FileHandle.standardError.write(Data("ovh-sim: \(error)\n".utf8))
    exit(1)
}
