import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real smart-HTTP git server: lighttpd running git-http-backend as a CGI behind HTTP basic
/// auth (user "oauth2", password = the token), as GitLab would serve it.
public final class GitHTTPServer {
    public static let lighttpd = "/usr/sbin/lighttpd"
    public static let backend = "/usr/lib/git-core/git-http-backend"

    public let port: UInt16
    public let projectRoot: String
    private let process: Process
    private let directory: String

    /// Throws, which fails the test rather than skipping it, when lighttpd is missing:
    /// an untested HTTP path must not look green.
    public init(projectRoot: String, token: String, directory: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.lighttpd) else {
            throw FixtureError("lighttpd is not installed at \(Self.lighttpd): run `make test`, which installs it")
        }
        guard FileManager.default.isExecutableFile(atPath: Self.backend) else {
            throw FixtureError("git-http-backend is missing at \(Self.backend): install git")
        }
        self.projectRoot = projectRoot
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory + "/htdocs", withIntermediateDirectories: true)
        try Data("oauth2:\(token)\n".utf8).write(to: URL(fileURLWithPath: directory + "/users"))

        var lastError = ""
        for _ in 0..<5 {
            let port = try TestNetwork.freePort()
            let process = try Self.start(port: port, projectRoot: projectRoot, directory: directory)
            if Self.waitUntilListening(process, port: port) {
                self.port = port
                self.process = process
                return
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            lastError = (try? String(contentsOfFile: directory + "/lighttpd.log", encoding: .utf8)) ?? ""
        }
        throw FixtureError("lighttpd did not start: \(lastError)")
    }

    public func url(_ repository: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)/git/\(repository)")!
    }

    public func stop() {
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
    }

    private static func start(port: UInt16, projectRoot: String, directory: String) throws -> Process {
        // lighttpd 1.4.69 (Debian 12): mod_alias and mod_setenv are built in but still listed.
        let config = """
            server.modules = ( "mod_alias", "mod_auth", "mod_authn_file", "mod_cgi", "mod_setenv" )
            server.document-root = "\(directory)/htdocs"
            server.bind = "127.0.0.1"
            server.port = \(port)
            server.errorlog = "\(directory)/error.log"
            server.breakagelog = "\(directory)/cgi-stderr.log"
            alias.url = ( "/git/" => "\(backend)/" )
            $HTTP["url"] =~ "^/git/" {
                cgi.assign = ( "" => "" )
                setenv.add-environment = (
                    "GIT_PROJECT_ROOT" => "\(projectRoot)",
                    "GIT_HTTP_EXPORT_ALL" => "1"
                )
            }
            auth.backend = "plain"
            auth.backend.plain.userfile = "\(directory)/users"
            auth.require = ( "/" => ( "method" => "basic", "realm" => "git", "require" => "valid-user" ) )

            """
        let configPath = directory + "/lighttpd.conf"
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: lighttpd)
        process.arguments = ["-D", "-f", configPath]
        let log = directory + "/lighttpd.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func waitUntilListening(_ process: Process, port: UInt16) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard process.isRunning else { return false }
            if TestNetwork.canConnect(port: port) { return true }
            usleep(50_000)
        }
        return false
    }
}
