import Foundation

/// pebble (Debian's ACME test server) on loopback, validating DNS-01 against `dnsServer`, over
/// HTTPS with a throwaway CA made by openssl (certbot trusts it through REQUESTS_CA_BUNDLE).
/// Authorizations are not reused: every order runs its challenge, as a first issuance does.
struct PebbleStandIn {
    let pid: pid_t
    let directory: String
    let caBundle: String
    let log: String

    static func start(dnsServer: String, directory folder: String, process: ChildProcess) throws -> PebbleStandIn {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let openssl = "/usr/bin/openssl"
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=tenantctl bench CA",
             "-keyout", folder + "/ca-key.pem", "-out", folder + "/ca.pem"],
            ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost",
             "-keyout", folder + "/server-key.pem", "-out", folder + "/server.csr"],
            ["x509", "-req", "-in", folder + "/server.csr", "-CA", folder + "/ca.pem", "-CAkey", folder + "/ca-key.pem", "-CAcreateserial",
             "-days", "1", "-extfile", folder + "/server.ext", "-out", folder + "/server.pem"],
        ]
        try "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n".write(toFile: folder + "/server.ext", atomically: true, encoding: .utf8)
        for (index, arguments) in steps.enumerated() {
            let result = try process.run(openssl, arguments, environment: ProcessInfo.processInfo.environment, label: "pebble-tls-\(index)")
            guard result.succeeded else { throw BenchError("openssl for pebble's certificate: \(result.failureSummary)") }
        }
        let port = try FreePort.pick()
        let config: [String: Any] = ["pebble": [
            "listenAddress": "127.0.0.1:\(port)", "managementListenAddress": "127.0.0.1:\(try FreePort.pick())",
            "certificate": folder + "/server.pem", "privateKey": folder + "/server-key.pem",
            "httpPort": Int(try FreePort.pick()), "tlsPort": Int(try FreePort.pick()), "ocspResponderURL": "",
            "externalAccountBindingRequired": false,
        ]]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: folder + "/config.json"))
        let log = folder + "/pebble.log"
        var environment = ProcessInfo.processInfo.environment
        environment["PEBBLE_VA_NOSLEEP"] = "1"
        environment["PEBBLE_AUTHZREUSE"] = "0"
        let pid = try Spawn.start(["/usr/bin/pebble", "-config", folder + "/config.json", "-dnsserver", dnsServer], environment: environment,
                                  streams: Spawn.Streams(stdout: log, stderr: log), searchPath: false, newProcessGroup: true)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: log, encoding: .utf8), text.contains("Listening on") {
                return PebbleStandIn(pid: pid, directory: "https://localhost:\(port)/dir", caBundle: folder + "/ca.pem", log: log)
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGKILL)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw BenchError("pebble did not start: \(text.suffix(1500))")
    }

    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
