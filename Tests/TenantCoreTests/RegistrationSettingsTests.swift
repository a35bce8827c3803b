import Foundation
import TenantCore
import XCTest

/// `spec.dns.registration`: read into the desired state, off unless allowed, and every mistake
/// reported where it was written.
final class RegistrationSettingsTests: XCTestCase {
    static let registration = """
      dns:
        registration:
          allowed: true
          maxPrice: {amount: 15, currency: EUR}
          period: 2
          contacts:
            registrant: vault:platform/dns/contacts/registrant
            tech: vault:platform/dns/contacts/noc
          ovh: {subsidiary: FR}
        providers:
    """

    func build(_ replacement: String) -> DesiredStateBuilder.Result {
        let files = TestRepository.files.map { path, text in
            ManifestFile(path: path, bytes: Array((path == "tenantctl.yaml" ? text.replacingOccurrences(of: "  dns:\n    providers:", with: replacement) : text).utf8))
        }
        return DesiredStateBuilder.build(ManifestLoader.load(files.sorted { $0.path < $1.path }, links: []))
    }

    func testTheSettingsReachTheDesiredState() {
        let result = build(Self.registration)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.description), [])
        let settings = result.state.dns.registration
        XCTAssertEqual(settings?.allowed, true)
        XCTAssertEqual(settings?.maxPrice, DomainRegistration.Price(amount: 15, currency: "EUR"))
        XCTAssertEqual(settings?.periodYears, 2)
        XCTAssertEqual(settings?.contactPath(.registrant), "platform/dns/contacts/registrant")
        XCTAssertEqual(settings?.contactPath(.admin), "platform/dns/contacts/registrant", "a role without its own contact takes the registrant's")
        XCTAssertEqual(settings?.contactPath(.tech), "platform/dns/contacts/noc")
        XCTAssertEqual(settings?.ovhSubsidiary, "FR")
    }

    func testNothingIsBoughtUnlessAllowed() {
        let result = build("  dns:\n    providers:")
        XCTAssertEqual(result.state.dns.registration?.allowed, false)
    }

    func testMistakesAreLocatedAndUnknownKeysRefused() {
        let broken = """
          dns:
            registration:
              allowed: true
              maxPrice: {amount: -3, currency: euro}
              period: 12
              contacts: {registrant: "vault:platform/contacts#email", billing: vault:x}
              ovh: {subsidiary: XX}
              budget: 100
            providers:
        """
        let errors = build(broken).diagnostics.filter { $0.severity == .error }.map(\.description)
        let expected = [
            "spec.dns.registration.budget: unknown key 'budget' in dns.registration",
            "spec.dns.registration.maxPrice.amount: expected an amount above 0",
            "spec.dns.registration.maxPrice.currency: 'euro' is not a currency code",
            "spec.dns.registration.period: expected a number of years from 1 to 10, got 12",
            "spec.dns.registration.contacts.billing: unknown key 'billing'",
            "spec.dns.registration.contacts.registrant: 'vault:platform/contacts#email' names one key",
            "spec.dns.registration.ovh.subsidiary: 'XX' is not an OVH subsidiary",
        ]
        for text in expected {
            XCTAssertTrue(errors.contains { $0.contains(text) && $0.hasPrefix("tenantctl.yaml:") }, "missing \(text) in \(errors)")
        }
    }

    func testAllowedWithoutACapIsRefused() {
        let errors = build("  dns:\n    registration: {allowed: true}\n    providers:").diagnostics.filter { $0.severity == .error }.map(\.description)
        XCTAssertTrue(errors.contains { $0.contains("registration is allowed but has no maxPrice") }, "\(errors)")
    }

    func testContactsAreNeverWrittenInClear() {
        let errors = build("  dns:\n    registration:\n      contacts: {registrant: ada@example.com}\n    providers:").diagnostics.map(\.description)
        XCTAssertTrue(errors.contains { $0.contains("must be a Vault path (vault:<path>)") }, "\(errors)")
    }
}
