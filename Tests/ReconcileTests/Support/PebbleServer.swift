import Crypto
import Foundation
import GitTestSupport
import X509
import XCTest

/// A real pebble (Debian's ACME test server) on 127.0.0.1 and a free port, validating DNS-01
/// challenges against the given DNS server (bind9 in the tests). Its HTTPS certificate comes
/// from a throwaway CA made here with swift-certificates, which certbot trusts through
/// `REQUESTS_CA_BUNDLE`. Nonce rejection stays at pebble's default (certbot's retry path runs);
/// authorizations are never reused, so every order runs the hooks.
final class PebbleServer: @unchecked Sendable {
    let process = Process()
    let folder: String
    let port: Int
    var directory: String { "https://localhost:\(port)/dir" }
    var caBundle: String { folder + "/ca.pem" }

    static var available: Bool {
        ["/usr/bin/pebble", "/usr/bin/certbot"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// - Parameters:
    ///   - dnsServer: `host:port` pebble asks for the `_acme-challenge` TXT records.
    ///   - validity: seconds the certificates it issues are valid.
    ///   - eabKeys: key id → HMAC key (base64url): pebble then requires external account binding.
    init(dnsServer: String, validity: Int = 3600, eabKeys: [String: String]? = nil) throws {
        guard Self.available else { throw XCTSkip("pebble and certbot are not installed: make deps installs them") }
        folder = NSTemporaryDirectory() + "tenantctl-pebble-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = Int(try TestNetwork.freePort())
        try Self.writeTLS(in: folder)
        let config: [String: Any] = ["pebble": [
            "listenAddress": "127.0.0.1:\(port)", "managementListenAddress": "127.0.0.1:\(try TestNetwork.freePort())",
            "certificate": folder + "/server.pem", "privateKey": folder + "/server-key.pem",
            "httpPort": Int(try TestNetwork.freePort()), "tlsPort": Int(try TestNetwork.freePort()),
            "ocspResponderURL": "", "externalAccountBindingRequired": eabKeys != nil, "certificateValidityPeriod": validity,
            "externalAccountMACKeys": eabKeys ?? [:],
        ]]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: folder + "/config.json"))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pebble")
        process.arguments = ["-config", folder + "/config.json", "-dnsserver", dnsServer]
        process.environment = ["PEBBLE_VA_NOSLEEP": "1", "PEBBLE_AUTHZREUSE": "0", "PATH": "/usr/bin:/bin"]
        _ = FileManager.default.createFile(atPath: folder + "/pebble.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/pebble.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: folder + "/pebble.log", encoding: .utf8), text.contains("Listening on") { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let text = (try? String(contentsOfFile: folder + "/pebble.log", encoding: .utf8)) ?? ""
        stop()
        throw FixtureError("pebble did not start: \(text)")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A CA and pebble's server certificate for `localhost`, as PEM files.
    static func writeTLS(in folder: String) throws {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("tenantctl test CA") }
        let ca = try Certificate(version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
                                 notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName, subject: caName,
                                 signatureAlgorithm: .ecdsaWithSHA256,
                                 extensions: try Certificate.Extensions {
                                     Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                                     Critical(KeyUsage(keyCertSign: true))
                                 },
                                 issuerPrivateKey: .init(caKey))
        let serverKey = P256.Signing.PrivateKey()
        let server = try Certificate(version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey),
                                     notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName,
                                     subject: try DistinguishedName { CommonName("localhost") },
                                     signatureAlgorithm: .ecdsaWithSHA256,
                                     extensions: try Certificate.Extensions {
                                         SubjectAlternativeNames([.dnsName("localhost")])
                                         try ExtendedKeyUsage([.serverAuth])
                                     },
                                     issuerPrivateKey: .init(caKey))
        try ca.serializeAsPEM().pemString.write(toFile: folder + "/ca.pem", atomically: true, encoding: .utf8)
        try server.serializeAsPEM().pemString.write(toFile: folder + "/server.pem", atomically: true, encoding: .utf8)
        try serverKey.pemRepresentation.write(toFile: folder + "/server-key.pem", atomically: true, encoding: .utf8)
    }
}
