import Foundation

/// bind9's named for an RFC 2136 provider: the zones given (SOA and NS only), updates and
/// transfers signed with the provider's TSIG key.
enum NamedStandIn {
    static func start(zones: [String], keyName: String, secret: String, directory: String) throws -> (pid: pid_t, server: String) {
        let named = ["/usr/sbin/named", "/usr/bin/named"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let named else { throw BenchError("bind9's named is not installed (make deps installs the bind9 package)") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = try FreePort.pick()
        var config = """
            options { directory "\(directory)"; listen-on port \(port) { 127.0.0.1; }; listen-on-v6 { none; };
              pid-file "\(directory)/named.pid"; recursion no; dnssec-validation no; notify no; };
            controls { };
            key "\(keyName)" { algorithm hmac-sha256; secret "\(secret)"; };

            """
        for zone in zones {
            let body = "$TTL 300\n@ IN SOA ns1.\(zone). hostmaster.\(zone). 1 3600 900 604800 300\n@ IN NS ns1.\(zone).\nns1 IN A 127.0.0.1\n"
            try body.write(toFile: "\(directory)/\(zone).zone", atomically: true, encoding: .utf8)
            config += "zone \"\(zone)\" { type primary; file \"\(directory)/\(zone).zone\"; allow-update { key \"\(keyName)\"; }; allow-transfer { key \"\(keyName)\"; }; };\n"
        }
        try config.write(toFile: directory + "/named.conf", atomically: true, encoding: .utf8)
        let log = directory + "/named.log"
        let pid = try Spawn.start([named, "-g", "-c", directory + "/named.conf"] + (getuid() == 0 ? ["-u", "root"] : []),
                                  environment: ProcessInfo.processInfo.environment, streams: Spawn.Streams(stdout: log, stderr: log),
                                  searchPath: false, newProcessGroup: true)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: log, encoding: .utf8), text.contains("running") { return (pid, "127.0.0.1:\(port)") }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGKILL)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw BenchError("named did not start: \(text.suffix(1500))")
    }
}
