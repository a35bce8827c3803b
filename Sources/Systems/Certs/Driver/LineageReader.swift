import CertsPlanning
import Foundation
import X509

/// Reads certbot's lineages under tenantctl's own config directory: `live/<lineage>/cert.pem`
/// parsed with swift-certificates (never openssl, never `certbot certificates`' text), and the
/// `server` line of `renewal/<lineage>.conf`. Never opens `privkey.pem`.
public struct LineageReader: Sendable {
    /// certbot's `--config-dir`.
    public let configDirectory: String

    public init(configDirectory: String) {
        self.configDirectory = configDirectory
    }

    public func livePath(_ lineage: String) -> String { "\(configDirectory)/live/\(lineage)" }
    public func renewalPath(_ lineage: String) -> String { "\(configDirectory)/renewal/\(lineage).conf" }
    public func archivePath(_ lineage: String) -> String { "\(configDirectory)/archive/\(lineage)" }

    public func read(_ lineage: String) -> LineageObservation {
        let path = livePath(lineage) + "/cert.pem"
        guard FileManager.default.fileExists(atPath: livePath(lineage)) else { return .missing }
        guard let data = FileManager.default.contents(atPath: path) else { return .failed("\(path) cannot be read") }
        do {
            return .present(try Self.facts(pem: String(decoding: data, as: UTF8.self), directory: renewalServer(lineage)))
        } catch {
            return .failed("\(path) is not a PEM certificate (\(type(of: error)))")
        }
    }

    /// What a PEM certificate says about itself.
    public static func facts(pem: String, directory: String?) throws -> CertificateFacts {
        let certificate = try Certificate(pemEncoded: pem)
        var names: [String] = []
        if let alternatives = try certificate.extensions.subjectAlternativeNames {
            for name in alternatives {
                if case let .dnsName(dns) = name { names.append(dns.lowercased()) }
            }
        }
        return CertificateFacts(names: names, notBefore: Int(certificate.notValidBefore.timeIntervalSince1970),
                                notAfter: Int(certificate.notValidAfter.timeIntervalSince1970),
                                issuer: certificate.issuer.description, keyType: keyType(certificate.publicKey),
                                serial: certificate.serialNumber.description, directory: directory)
    }

    static func keyType(_ key: Certificate.PublicKey) -> String {
        let text = key.description
        switch text {
        case "P256.PublicKey": return "ECDSA P-256"
        case "P384.PublicKey": return "ECDSA P-384"
        case "P521.PublicKey": return "ECDSA P-521"
        case "Ed25519.PublicKey": return "Ed25519"
        default:
            if text.hasPrefix("RSA"), let bits = Int(text.dropFirst(3).prefix { $0.isNumber }) { return "RSA \(bits)" }
            return text
        }
    }

    /// The `server = …` line of the renewal configuration: a `key = value` file certbot writes
    /// for itself (configobj), read for this one key.
    func renewalServer(_ lineage: String) -> String? {
        guard let data = FileManager.default.contents(atPath: renewalPath(lineage)) else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "server" { return parts[1] }
        }
        return nil
    }
}
