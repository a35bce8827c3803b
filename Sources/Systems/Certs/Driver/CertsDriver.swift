import CertsPlanning
import DNSPlanning
import Foundation
import JujuDriver
import PlanModel
import Reconciler
import TenantCore

/// Certificates' driver half: observes certbot's lineages, and carries out `cert.issue` and
/// `cert.renew` by running certbot non-interactively, its DNS-01 challenges answered by
/// `tenantctl cert-hook` through the DNS providers of the fleet. Private keys stay in certbot's
/// 0600 files: nothing here reads them.
public struct CertsDriver: SystemDriver {
    public var system: String { CertsPlanner.systemName }
    public let settings: CertsDriverSettings
    /// The desired state being applied (ACME settings, providers); nil: observe only.
    public let desired: DesiredState?
    let redactor = SecretRedactor()
    /// One certbot at a time on tenantctl's certbot folders (``CertbotTurns``).
    let turns = CertbotTurns()

    public init(settings: CertsDriverSettings, desired: DesiredState? = nil) {
        self.settings = settings
        self.desired = desired
    }

    var reader: LineageReader { LineageReader(configDirectory: settings.configDirectory) }

    public func observe(_ request: ObservationRequest) async -> any SystemObservation {
        var lineages: [String: LineageObservation] = [:]
        let requests = CertificateRequest.all(in: request.desired)
        for certificate in requests {
            lineages[certificate.lineage] = reader.read(certificate.lineage)
        }
        var deliveries: [String: DeliveryObservation] = [:]
        if let juju = settings.juju { deliveries = await SecretDelivery(juju: juju).observe(requests) }
        let now = Date()
        var history: [CertificateOrder] = []
        var historyProblem: String?
        if let book = settings.book, let acme = request.desired.certificates, acme.rateLimits.longestWindow > 0 {
            do {
                history = try book.certificateOrders(since: now.addingTimeInterval(-Double(acme.rateLimits.longestWindow)))
            } catch {
                historyProblem = "\(error)"
            }
        }
        return CertsObservation(lineages: lineages, deliveries: deliveries, observedAt: Int(now.timeIntervalSince1970),
                                history: history, historyProblem: historyProblem)
    }

    public func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
        guard let desired, let acme = desired.certificates else { throw CertsDriverError("this certificate driver was made to observe, not to apply") }
        if change.kind == .certDeliver { return try await deliver(change, desired: desired) }
        guard change.kind == .certIssue || change.kind == .certRenew else {
            throw CertsDriverError("\(change.id): \(change.kind.rawValue) is not a kind of change certificates know (a plan file edited by hand?)")
        }
        guard let request = CertificateRequest.all(in: desired).first(where: { CertAddress.lineage($0) == change.address }) else {
            throw CertsDriverError("\(change.id): no tls domain of git asks for this certificate any more")
        }
        // Idempotence: an earlier run that was interrupted after certbot finished left the
        // certificate the change wanted.
        let before = reader.read(request.lineage)
        if case .upToDate = CertsPlanner.decide(request, observed: before, settings: acme, now: Int(Date().timeIntervalSince1970)) {
            return Self.values(before.facts)
        }
        if case .missing = before { try removeLeftovers(of: request.lineage) }
        try await PrivateFile.withFolder(in: settings.runsDirectory) { folder in
            let contextPath = folder + "/hook-context.json"
            try PrivateFile.write(try await hookContext(for: request, desired: desired), to: contextPath)
            var eabFile: String?
            if let eab = acme.eab {
                let path = folder + "/eab.ini"
                let kid = try await secret(eab.kid)
                let hmacKey = try await secret(eab.hmacKey)
                try PrivateFile.write("eab-kid = \(kid)\neab-hmac-key = \(hmacKey)\n", to: path)
                eabFile = path
            }
            for directory in [settings.configDirectory, settings.workDirectory, settings.logsDirectory] { try PrivateFile.makeDirectory(directory) }
            let invocation = CertbotInvocation(configDirectory: settings.configDirectory, workDirectory: settings.workDirectory,
                                               logsDirectory: settings.logsDirectory, directory: acme.directory, email: acme.email,
                                               lineage: request.lineage, names: request.names,
                                               hookCommand: "\(CertbotInvocation.shellQuoted(settings.hookBinary)) cert-hook",
                                               forceRenewal: change.kind == .certRenew, eabConfigFile: eabFile)
            var environment = ProcessInfo.processInfo.environment.merging(settings.environment) { _, new in new }
            environment[HookContext.environmentVariable] = contextPath
            await turns.take()
            let order: Int64?
            let output: ProcessOutput
            do {
                order = try startOrder(request, directory: acme.directory, renewal: change.kind == .certRenew)
                do {
                    output = try await ProcessRunner(environment: environment).run(settings.certbot, invocation.arguments, timeout: settings.certbotTimeout)
                } catch {
                    try finishOrder(order, issued: false)
                    throw CertsDriverError("running certbot: \(error)")
                }
            } catch {
                await turns.give()
                throw error
            }
            await turns.give()
            // A run that timed out may have been issued: its order stays open (counted as issued).
            if !output.timedOut { try finishOrder(order, issued: output.exitCode == 0) }
            if output.timedOut { throw CertsDriverError("certbot did not finish within \(settings.certbotTimeout.components.seconds) s", transient: true) }
            guard output.exitCode == 0 else {
                throw CertsDriverError("certbot failed (exit \(output.exitCode)) for \(request.lineage): \(Self.failureSummary(output.stdoutText + "\n" + output.stderrText))",
                                       transient: Self.looksTransient(output.stderrText))
            }
        }
        let after = reader.read(request.lineage)
        guard let facts = after.facts, facts.names == request.names.sorted() else {
            throw CertsDriverError("certbot succeeded, but \(reader.livePath(request.lineage))/cert.pem does not hold \(request.names.joined(separator: ", "))")
        }
        return Self.values(facts)
    }

    /// Journals the order certbot is about to place, so that the rate-limit forecast counts
    /// it whatever comes of it. A journal that cannot be written stops the order: an order
    /// nobody counted could break the CA's limits unseen.
    func startOrder(_ request: CertificateRequest, directory: String, renewal: Bool) throws -> Int64? {
        guard let book = settings.book else { return nil }
        do {
            return try book.startCertificateOrder(directory: directory, lineage: request.lineage, names: request.names, renewal: renewal)
        } catch {
            throw CertsDriverError("journaling the certificate order for \(request.lineage) failed, so it was not placed: \(error)")
        }
    }

    func finishOrder(_ id: Int64?, issued: Bool) throws {
        guard let book = settings.book, let id else { return }
        do {
            try book.finishCertificateOrder(id, issued: issued)
        } catch {
            throw CertsDriverError("certbot ran, but journaling the outcome of order \(id) failed: \(error)")
        }
    }

    /// Gives the lineage's current certificate to its application (see ``SecretDelivery``).
    func deliver(_ change: Change, desired: DesiredState) async throws -> [String: String] {
        guard let juju = settings.juju else { throw CertsDriverError("this certificate driver has no juju to deliver through") }
        guard let request = CertificateRequest.all(in: desired).first(where: { CertAddress.delivery($0) == change.address }),
              let application = request.application else {
            throw CertsDriverError("\(change.id): no tls domain of git points this certificate at an application any more")
        }
        guard let facts = reader.read(request.lineage).facts else {
            throw CertsDriverError("\(change.id): lineage \(request.lineage) has no certificate to deliver")
        }
        let info = DeliveryInfo.text(lineage: request.lineage, facts: facts)
        do {
            try await SecretDelivery(juju: juju).deliver(request, application: application, live: reader.livePath(request.lineage), info: info)
        } catch let error as JujuCommandError {
            throw CertsDriverError("delivering \(request.lineage) to \(application) in \(request.model): \(error)", transient: error.kind == .transient)
        }
        return ["secret": request.secretName, "serial": facts.serial]
    }

    /// What dependents (delivery) may need: the certificate's serial and end, no key material.
    static func values(_ facts: CertificateFacts?) -> [String: String] {
        guard let facts else { return [:] }
        return ["serial": facts.serial, "not_after": UTCDate.text(facts.notAfter)]
    }

    /// A lineage whose `live/` folder was removed by hand leaves its renewal configuration and
    /// archive behind, which make certbot refuse the name; they are tenantctl's own files.
    func removeLeftovers(of lineage: String) throws {
        for path in [reader.renewalPath(lineage), reader.archivePath(lineage)] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
    }

    /// The hook's context for the zones of `request`'s names: providers and their credentials.
    func hookContext(for request: CertificateRequest, desired: DesiredState) async throws -> String {
        guard let provider = desired.dns.providers[request.provider] else {
            throw CertsDriverError("zone \(request.zone): no DNS provider named '\(request.provider)' in tenantctl.yaml")
        }
        var credentials: [String: String] = [:]
        for (key, text) in provider.credentials.sorted(by: { $0.key < $1.key }) {
            do {
                credentials[key] = try await secret(text)
            } catch {
                throw CertsDriverError("provider '\(request.provider)': reading credential \(key) (\(text)) failed: \(redactor.redact("\(error)"))")
            }
        }
        let context = HookContext(zones: [.init(zone: request.zone, provider: request.provider)], providers: [request.provider: provider],
                                  credentials: [request.provider: credentials], endpoints: settings.dnsEndpoints,
                                  dnsTimeoutSeconds: Int(settings.dnsTimeout.components.seconds),
                                  propagationTimeoutSeconds: Int(settings.propagationTimeout.components.seconds), ttl: 60)
        return String(decoding: try JSONEncoder().encode(context), as: UTF8.self)
    }

    /// A Vault reference's value, registered for masking.
    func secret(_ text: String) async throws -> String {
        guard case let .success(reference) = VaultReference.parse(text) else { throw CertsDriverError("'\(text)' is not a Vault reference") }
        guard let secrets = settings.secrets else {
            throw CertsDriverError("\(text) is a Vault reference, and no Vault (or secrets file) is configured")
        }
        let value = try await secrets.value(for: reference)
        redactor.register(value)
        return value
    }

    /// The lines of certbot's output that say what went wrong, without its advice boilerplate.
    static func failureSummary(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { line in
            !line.isEmpty && !line.hasPrefix("Saving debug log") && !line.hasPrefix("Ask for help") && !line.hasPrefix("See the logfile")
                && !line.hasPrefix("- - -") && !line.contains("https://community.letsencrypt.org")
        }
        // certbot goes on after a failed hook and only warns: the hook's own words come first.
        let hook = lines.filter { $0.contains("tenantctl cert-hook") }
        let summary = (hook + lines.suffix(6).filter { !hook.contains($0) }).joined(separator: " | ")
        return summary.count > 1500 ? String(summary.suffix(1500)) : summary
    }

    /// A CA that could not be reached, or asked to come back later; another certbot holding
    /// the folders; or Debian's certbot on Python 3.11+ crashing with "can't set attribute"
    /// where it meant to report the ACME server's error (certbot/certbot#9539): most often a
    /// nonce the CA rejected twice in a row (pebble rejects 5% of them), worth another order,
    /// and retrying a lasting error costs only the retry policy's few attempts.
    static func looksTransient(_ text: String) -> Bool {
        ["Connection refused", "Max retries exceeded", "timed out", "503 Service", "rateLimited", "badNonce",
         "Another instance of Certbot is already running", "AttributeError: can't set attribute"]
            .contains { text.contains($0) }
    }

    public func classify(_ error: any Error) -> ErrorClass {
        (error as? CertsDriverError)?.transient == true ? .transient : .permanent
    }

    public func redact(_ text: String) -> String { redactor.redact(text) }
}

public struct CertsDriverError: Error, UserFacingError, Sendable, CustomStringConvertible {
    public let description: String
    public let transient: Bool
    public init(_ description: String, transient: Bool = false) {
        self.description = description
        self.transient = transient
    }
    public var userMessage: String { description }
}
