import Foundation

/// A real moto_server for a Route 53 provider, with a hosted zone per zone name (created with
/// boto3, which comes with moto).
enum MotoStandIn {
    static let accessKeyID = "AKIABENCHTENANTCTL"
    static let secretAccessKey = "bench-route53-secret-access-key"

    static func start(zones: [String], directory: String, process: ChildProcess) throws -> (pid: pid_t, endpoint: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = try FreePort.pick()
        let pid = try Spawn.start(["moto_server", "-H", "127.0.0.1", "-p", String(port)], environment: ProcessInfo.processInfo.environment,
                                  streams: Spawn.Streams(stdout: directory + "/stdout", stderr: directory + "/stderr"),
                                  searchPath: true, newProcessGroup: true)
        let endpoint = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(90)
        var up = false
        while !up, Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw BenchError("moto_server exited at once: is it installed? (make moto installs moto[server] from PyPI)")
            }
            up = (try? process.run("curl", ["-s", "-f", "-o", "/dev/null", "--max-time", "2", endpoint + "/moto-api/"],
                                   environment: ProcessInfo.processInfo.environment, label: "moto-probe", searchPath: true))?.succeeded ?? false
            if !up { Thread.sleep(forTimeInterval: 0.2) }
        }
        guard up else { kill(pid, SIGKILL); throw BenchError("moto_server did not answer within 90 s") }
        try (zones.joined(separator: "\n") + "\n").write(toFile: directory + "/zones", atomically: true, encoding: .utf8)
        let script = """
            import sys, boto3
            client = boto3.client("route53", endpoint_url=sys.argv[1], region_name="us-east-1",
                                  aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            for index, name in enumerate(open(sys.argv[4]).read().split()):
                client.create_hosted_zone(Name=name, CallerReference=f"bench-{index}")
            """
        let created = try process.run("python3", ["-c", script, endpoint, accessKeyID, secretAccessKey, directory + "/zones"],
                                      environment: ProcessInfo.processInfo.environment, label: "moto-zones", searchPath: true)
        guard created.succeeded else { kill(pid, SIGKILL); throw BenchError("creating the hosted zones in moto_server: \(created.failureSummary)") }
        return (pid, endpoint)
    }
}
