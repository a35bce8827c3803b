import Foundation
import JujuDriver
import Reconciler

/// How the certificate driver is set up.
public struct CertsDriverSettings: Sendable {
    /// Where certbot keeps everything (`config`, `work`, `logs` below it): tenantctl's own
    /// folder under the state directory, never `/etc/letsencrypt`.
    public var directory: String
    /// The certbot binary.
    public var certbot: String
    /// The tenantctl binary certbot calls back as its hook (`<it> cert-hook auth`).
    public var hookBinary: String
    /// Reads DNS provider credentials and EAB keys (Vault references).
    public var secrets: (any SecretSource)?
    /// `--dns-endpoint` overrides, by provider.
    public var dnsEndpoints: [String: String]
    public var dnsTimeout: Duration
    /// How long the hook waits for the authoritative server to answer a challenge.
    public var propagationTimeout: Duration
    /// How long one certbot run may take.
    public var certbotTimeout: Duration
    /// Extra environment for certbot (tests: `REQUESTS_CA_BUNDLE` for pebble's CA).
    public var environment: [String: String]
    /// The juju CLI certificates are delivered through (user secrets); nil: none are.
    public var juju: JujuCLI?
    /// The journal of certificate orders (rate-limit forecast); nil: none is kept.
    public var book: (any CertificateOrderBook)?

    public init(directory: String, certbot: String = "certbot", hookBinary: String = CertsDriverSettings.currentExecutable,
                secrets: (any SecretSource)?, dnsEndpoints: [String: String] = [:], dnsTimeout: Duration = .seconds(30),
                propagationTimeout: Duration = .seconds(120), certbotTimeout: Duration = .seconds(600), environment: [String: String] = [:]) {
        self.directory = directory
        self.certbot = certbot
        self.hookBinary = hookBinary
        self.secrets = secrets
        self.dnsEndpoints = dnsEndpoints
        self.dnsTimeout = dnsTimeout
        self.propagationTimeout = propagationTimeout
        self.certbotTimeout = certbotTimeout
        self.environment = environment
    }

    public var configDirectory: String { directory + "/config" }
    public var workDirectory: String { directory + "/work" }
    public var logsDirectory: String { directory + "/logs" }
    /// Where hook contexts and EAB files live for one run.
    public var runsDirectory: String { directory + "/runs" }

    /// This process's executable: the tenantctl binary when the CLI runs the driver.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
