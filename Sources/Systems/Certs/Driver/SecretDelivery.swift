import CertsPlanning
import Foundation
import JujuDriver
#if canImport(Glibc)
import Glibc
#endif

/// Delivery of certificates to tenants' models as Juju user secrets (Juju 3.3+): one secret
/// per lineage, named after the host, with keys `certificate`, `chain` and `private-key`,
/// described (`--info`) by the certificate's serial, and granted to the domain's application.
///
/// The files go to juju as `key#file=<path>`: byte copies of certbot's, 0600, in the folder
/// juju can read (see `JujuFiles`), removed after the call. tenantctl never decodes the key, and
/// no content is on a command line.
struct SecretDelivery: Sendable {
    let juju: JujuCLI

    /// The user secrets of `model` (`<controller>:<model>`), by name → description.
    func secrets(in model: String) async throws -> [String: String?] {
        let output = try await juju.run(["secrets", "--format", "json", "-m", model])
        guard let listing = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any] else {
            throw CertsDriverError("juju secrets -m \(model): not a JSON object")
        }
        var byName: [String: String?] = [:]
        for case let details as [String: Any] in listing.values {
            // User secrets have a name and `<model>` as owner; charms' secrets have labels.
            guard let name = details["name"] as? String, !name.isEmpty else { continue }
            byName[name] = details["description"] as? String
        }
        return byName
    }

    /// Observes each request's secret, one listing per model.
    func observe(_ requests: [CertificateRequest]) async -> [String: DeliveryObservation] {
        var result: [String: DeliveryObservation] = [:]
        let byModel = Dictionary(grouping: requests.filter { $0.application != nil }, by: \.model)
        for (model, requests) in byModel.sorted(by: { $0.key < $1.key }) {
            do {
                let secrets = try await secrets(in: model)
                for request in requests {
                    if let info = secrets[request.secretName] { result[request.lineage] = .delivered(info: info) } else { result[request.lineage] = .absent }
                }
            } catch {
                for request in requests { result[request.lineage] = .unknown("\(error)") }
            }
        }
        return result
    }

    /// Creates or updates the secret with the lineage's files, then grants it.
    func deliver(_ request: CertificateRequest, application: String, live: String, info: String) async throws {
        let exists = try await secrets(in: request.model)[request.secretName] != nil
        try prepareFolder()
        let stamp = "\(getpid())-\(UUID().uuidString)"
        var copies: [String] = []
        defer { for path in copies { unlink(path) } }
        var assignments: [String] = []
        for (key, file) in [("certificate", "cert.pem"), ("chain", "chain.pem"), ("private-key", "privkey.pem")] {
            let copy = "\(juju.files.directory)/\(stamp)-\(key).pem"
            copies.append(copy)
            try Self.copyPrivately(from: "\(live)/\(file)", to: copy)
            assignments.append("\(key)#file=\(copy)")
        }
        let verb = exists ? "update-secret" : "add-secret"
        try await juju.run([verb, request.secretName] + assignments + ["--info", info, "-m", request.model])
        try await juju.run(["grant-secret", request.secretName, application, "-m", request.model])
    }

    /// The juju files folder, made (0700) like `JujuFiles` makes it; `sweep()` removes what a
    /// killed run left, since the names start with the process id.
    func prepareFolder() throws {
        try PrivateFile.makeDirectory(juju.files.directory)
    }

    /// A byte copy into a new 0600 file.
    static func copyPrivately(from source: String, to destination: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { throw CertsDriverError("cannot read \(source)") }
        let fd = open(destination, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw CertsDriverError("cannot create \(destination): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw CertsDriverError("cannot write \(destination)") }
    }
}
