/// vault-sim: a stand-in for HashiCorp Vault's HTTP API (KV v2, token and AppRole auth,
/// sys/health, namespaces), for tenantctl's tests and demo where no Vault server exists.
/// State lives in memory, seeded by `--config`; faults and a test clock are driven through the
/// admin API under `/sim/` (AdminAPI.swift). See `vault-sim --help`.
import Foundation
import Hummingbird
import Logging

let arguments: Arguments
do {
    arguments = try Arguments.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("vault-sim: \(error)\n".utf8))
    exit(2)
}

let vault = VaultServer(rootToken: arguments.rootToken)
do {
    if let path = arguments.configFile {
        try await vault.apply(config: JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path))))
    }
} catch {
    FileHandle.standardError.write(Data("vault-sim: cannot load \(arguments.configFile ?? ""): \(error)\n".utf8))
    exit(2)
}

let requestLog: RequestLog?
do {
    requestLog = try arguments.logFile.map { try RequestLog(path: $0) }
} catch {
    FileHandle.standardError.write(Data("vault-sim: cannot open the log \(arguments.logFile ?? ""): \(error)\n".utf8))
    exit(2)
}

let adapter = HTTPAdapter(vault: vault, log: requestLog)
var logger = Logger(label: "vault-sim") { StreamLogHandler.standardError(label: $0) }
logger.logLevel = .warning
let host = arguments.host, portFile = arguments.portFile
let app = Application(
    responder: CallbackResponder<BasicRequestContext> { request, _ in try await adapter.respond(request) },
    server: ListAwareHTTP1Channel.builder,
    configuration: ApplicationConfiguration(address: .hostname(host, port: arguments.port), serverName: nil),
    onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        if let portFile {
            // Written aside and renamed, so a reader never sees half a number.
            let temporary = portFile + ".tmp"
            _ = FileManager.default.createFile(atPath: temporary, contents: Data("\(port)\n".utf8))
            _ = rename(temporary, portFile)
        }
        // Unbuffered, so a parent reading the pipe sees the line at once.
        FileHandle.standardOutput.write(Data("vault-sim listening on http://\(host):\(port)\n".utf8))
    },
    logger: logger
)
do {
    try await app.runService()
} catch {
    FileHandle.standardError.write(Data("vault-sim: \(error)\n".utf8))
    exit(1)
}
