import Foundation

/// Runs programs for the tests: curl and python3 as clients outside the product, and the
/// servers the tests start (ovh-sim, moto_server).
enum ChildProcess {
    /// Runs a program; standard output and standard error together, and the exit status.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// SIGTERM, then SIGKILL after `timeout` seconds.
    static func stop(_ process: Process, timeout: Double = 10) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A TCP port free on loopback now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let result = try run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"])
        guard result.status == 0, let port = Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw NSError(domain: "ChildProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "no free port: \(result.output)"])
        }
        return port
    }
}

enum Fixtures {
    static func data(_ path: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + path, withExtension: nil) else {
            throw NSError(domain: "Fixtures", code: 1, userInfo: [NSLocalizedDescriptionKey: "no fixture \(path)"])
        }
        return try Data(contentsOf: url)
    }

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: data(path), options: [.fragmentsAllowed])
    }
}
