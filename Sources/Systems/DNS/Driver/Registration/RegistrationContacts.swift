import DNSPlanning
import Foundation
import Reconciler
import TenantCore

/// One contact of a registration, as read from Vault at apply time (``ContactFields``). Its
/// description hides every value: a contact is personal data, never printed nor journaled.
public struct RegistrationContact: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Vault key → value (`firstName` → `Ada`).
    let fields: [String: String]

    public init(fields: [String: String]) {
        self.fields = fields
    }

    public var description: String { "contact (\(fields.count) fields, values hidden)" }
    public var debugDescription: String { description }

    /// Route 53 Domains' `ContactDetail`: the Vault keys with their first letter capitalised.
    var awsShape: [String: String] {
        var shape: [String: String] = ["ContactType": "PERSON"]
        for (key, value) in fields { shape[key.prefix(1).uppercased() + key.dropFirst()] = value }
        return shape
    }

    /// Reads the contact at `path`: every required key (a missing one fails the purchase,
    /// saying which key, never its value), then the optional keys that are there.
    static func read(path: String, from secrets: any SecretSource, redactor: SecretRedactor) async throws -> RegistrationContact {
        var fields: [String: String] = [:]
        for key in ContactFields.required {
            do {
                let value = try await secrets.value(for: VaultReference(path: path, key: key))
                redactor.register(value)
                fields[key] = value
            } catch {
                throw DNSDriverError("reading the registration contact vault:\(path) failed at key \(key): \(redactor.redact("\(error)"))")
            }
        }
        for key in ContactFields.optional {
            // Optional: absent is the usual case, so a failure here only leaves the key out (the
            // required keys above already proved the path readable).
            if let value = try? await secrets.value(for: VaultReference(path: path, key: key)) {
                redactor.register(value)
                fields[key] = value
            }
        }
        return RegistrationContact(fields: fields)
    }
}

/// The three contacts Route 53 Domains asks for.
public struct RegistrationContacts: Sendable {
    public var registrant: RegistrationContact
    public var admin: RegistrationContact
    public var tech: RegistrationContact

    public init(registrant: RegistrationContact, admin: RegistrationContact, tech: RegistrationContact) {
        self.registrant = registrant
        self.admin = admin
        self.tech = tech
    }

    /// Each role's contact from the fleet's Vault paths (a role without its own takes the registrant's).
    static func read(_ settings: DesiredRegistration, from secrets: (any SecretSource)?, redactor: SecretRedactor) async throws -> RegistrationContacts {
        guard let secrets else { throw DNSDriverError("registration contacts are Vault paths, and no Vault (or secrets file) is configured") }
        var read: [String: RegistrationContact] = [:]
        func contact(_ role: DomainRegistration.ContactRole) async throws -> RegistrationContact {
            guard let path = settings.contactPath(role) else {
                throw DNSDriverError("spec.dns.registration.contacts has no \(role.rawValue) (nor registrant) contact")
            }
            if let known = read[path] { return known }
            let value = try await RegistrationContact.read(path: path, from: secrets, redactor: redactor)
            read[path] = value
            return value
        }
        return RegistrationContacts(registrant: try await contact(.registrant), admin: try await contact(.admin), tech: try await contact(.tech))
    }
}
