import Foundation
import GitTestSupport
import XCTest

/// A real bind9 `named` on 127.0.0.1 and a free port, serving test zones that accept RFC 2136
/// updates and AXFR signed with one TSIG key (hmac-sha256), from a temporary folder; stopped
/// with SIGKILL (nothing to flush), its folder removed.
final class BindServer: @unchecked Sendable {
    let process = Process()
    let directory: String
    let port: Int
    let keyName = "tenantctl-test"
    let secret: String
    var server: String { "127.0.0.1:\(port)" }
    var endpoint: String { "dns://127.0.0.1:\(port)" }

    static var available: Bool {
        ["/usr/sbin/named", "/usr/bin/nsupdate", "/usr/bin/dig"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// - Parameter zones: zone name → extra records (zone-file lines, names relative to the zone).
    init(zones: [String: [String]]) throws {
        guard Self.available else { throw XCTSkip("bind9 (named) and bind9-dnsutils (nsupdate, dig) are not installed: make deps installs them") }
        directory = NSTemporaryDirectory() + "tenantctl-bind-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        secret = Data(bytes).base64EncodedString()
        port = Int(try TestNetwork.freePort())
        var config = """
        options {
          directory "\(directory)";
          listen-on port \(port) { 127.0.0.1; };
          listen-on-v6 { none; };
          pid-file "\(directory)/named.pid";
          recursion no;
          dnssec-validation no;
          notify no;
        };
        controls { };
        key "\(keyName)" { algorithm hmac-sha256; secret "\(secret)"; };

        """
        for (zone, records) in zones.sorted(by: { $0.key < $1.key }) {
            let file = "\(directory)/\(zone).zone"
            let body = ["$TTL 300", "@ IN SOA ns1.\(zone). admin.\(zone). 1 3600 900 604800 300", "@ IN NS ns1.\(zone).", "ns1 IN A 127.0.0.1"] + records
            try (body.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            config += """
            zone "\(zone)" {
              type primary;
              file "\(file)";
              allow-update { key "\(keyName)"; };
              allow-transfer { key "\(keyName)"; };
            };

            """
        }
        try config.write(toFile: directory + "/named.conf", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/named")
        // -g: foreground, logs to stderr. As root named wants a user to run as: root itself.
        process.arguments = ["-g", "-c", directory + "/named.conf"] + (getuid() == 0 ? ["-u", "root"] : [])
        guard FileManager.default.createFile(atPath: directory + "/named.log", contents: nil),
              let log = FileHandle(forWritingAtPath: directory + "/named.log") else { throw FixtureError("cannot create named.log") }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Not "running": named prints "running as: named -g …" first thing, before it has read a
        // single zone, and a zone read then finds nothing (seen as a flaky conformance test).
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, process.isRunning {
            if let text = try? String(contentsOfFile: directory + "/named.log", encoding: .utf8), text.contains("all zones loaded") { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let text = (try? String(contentsOfFile: directory + "/named.log", encoding: .utf8)) ?? ""
        stop()
        throw FixtureError("named did not start: \(text.suffix(2000))")
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A key file as `nsupdate -k` and `dig -k` read it, with this server's secret.
    func keyFile() throws -> String {
        let path = directory + "/key-\(UUID().uuidString.prefix(6)).conf"
        try "key \"\(keyName)\" {\n algorithm hmac-sha256;\n secret \"\(secret)\";\n};\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Dynamic update commands sent with nsupdate behind tenantctl's back (a person at the console).
    func nsupdate(zone: String, _ commands: [String]) throws {
        let file = directory + "/cmds-\(UUID().uuidString.prefix(6))"
        try (["server 127.0.0.1 \(port)", "zone \(zone)."] + commands + ["send", ""]).joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let output = try Self.run("/usr/bin/nsupdate", ["-v", "-t", "5", "-k", try keyFile(), file])
        guard output.status == 0 else { throw FixtureError("nsupdate failed: \(output.text)") }
    }

    /// The zone's records as dig prints them, one per line.
    func transfer(zone: String) throws -> String {
        try Self.run("/usr/bin/dig", ["-k", try keyFile(), "-p", String(port), "@127.0.0.1", "\(zone).", "AXFR", "+noall", "+answer", "+tcp"]).text
    }

    /// The answer of `name` `type`, values only (`+short`).
    func query(_ name: String, _ type: String) throws -> [String] {
        try Self.run("/usr/bin/dig", ["-p", String(port), "@127.0.0.1", name, type, "+short", "+tcp"]).text
            .split(separator: "\n").map(String.init).sorted()
    }

    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
