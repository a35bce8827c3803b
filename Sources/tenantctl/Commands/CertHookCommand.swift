import ArgumentParser
import CertsDriver
import Foundation

/// certbot's manual hooks during `tenantctl apply` (hidden: people never run it). It answers
/// one DNS-01 challenge through the fleet's DNS providers; see ``CertHook``.
struct CertHookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert-hook",
        abstract: "certbot's DNS-01 hook: set (auth) or remove (cleanup) an _acme-challenge TXT record.",
        shouldDisplay: false)

    @Argument(help: "auth or cleanup")
    var phase: String

    func run() async throws {
        guard let phase = CertHook.Phase(rawValue: phase) else {
            throw ValidationError("expected auth or cleanup, got '\(phase)'")
        }
        do {
            let message = try await CertHook.run(phase, environment: ProcessInfo.processInfo.environment)
            print(message)
        } catch {
            // certbot shows the hook's error output in its own failure message.
            FileHandle.standardError.write(Data("tenantctl cert-hook \(phase.rawValue): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
