import Foundation
import XCTest

/// A real moto_server (PyPI `moto[server]`, installed by `make python-deps`) on a free loopback
/// port, started by the tests and stopped when they end. moto keeps its state in memory per
/// process; each test uses zones of its own names.
final class MotoServer {
    let process = Process()
    let port: Int
    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    static func available() -> Bool {
        (try? ChildProcess.run(["sh", "-c", "command -v moto_server"]))?.status == 0
    }

    init() throws {
        port = try ChildProcess.freePort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // moto answers /moto-api/ once its routes are loaded (a few seconds on a busy machine).
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let probe = try ChildProcess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", "http://127.0.0.1:\(port)/moto-api/"])
            if probe.output.hasPrefix("200") { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        ChildProcess.stop(process)
        throw NSError(domain: "MotoServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "moto_server did not start on port \(port)"])
    }

    func stop() { ChildProcess.stop(process) }
    deinit { stop() }
}
