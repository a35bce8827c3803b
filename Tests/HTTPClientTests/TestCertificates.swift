import Foundation

/// A certificate authority made for the tests with the openssl CLI, and server certificates it
/// signed: one for 127.0.0.1 and localhost, one for another name only.
struct TestCertificates: Sendable {
    let directory: String
    var caFile: String { directory + "/ca.pem" }
    var serverCertificate: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    var otherNameCertificate: String { directory + "/other.pem" }
    var otherNameKey: String { directory + "/other.key" }

    static let openssl = "/usr/bin/openssl"

    static func make() throws -> TestCertificates {
        guard FileManager.default.isExecutableFile(atPath: openssl) else {
            throw FixtureFailure("openssl is missing at \(openssl)")
        }
        let directory = try TemporaryDirectory.make("ca").path
        let certificates = TestCertificates(directory: directory)
        func invoke(_ arguments: [String]) throws {
            let result = try runCommand(Self.openssl, arguments)
            guard result.status == 0 else { throw FixtureFailure("openssl \(arguments.first ?? "") failed: \(result.output)") }
        }
        let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try invoke(["req", "-x509"] + ecKey + [
            "-keyout", directory + "/ca.key", "-out", certificates.caFile, "-days", "2",
            "-subj", "/CN=tenantctl HTTPClientTests CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        for (name, alternativeNames) in [("server", "IP:127.0.0.1,DNS:localhost"), ("other", "DNS:other.invalid")] {
            try invoke(["req"] + ecKey + [
                "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).csr", "-subj", "/CN=\(name)",
            ])
            let extensions = "\(directory)/\(name).ext"
            try Data("""
                subjectAltName=\(alternativeNames)
                basicConstraints=CA:FALSE
                keyUsage=digitalSignature
                extendedKeyUsage=serverAuth

                """.utf8).write(to: URL(fileURLWithPath: extensions))
            try invoke([
                "x509", "-req", "-in", "\(directory)/\(name).csr", "-CA", certificates.caFile,
                "-CAkey", directory + "/ca.key", "-CAcreateserial", "-out", "\(directory)/\(name).pem",
                "-days", "2", "-extfile", extensions,
            ])
        }
        return certificates
    }
}
