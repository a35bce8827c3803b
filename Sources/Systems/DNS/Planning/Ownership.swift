/// How tenantctl marks the record sets it owns, as external-dns does: a TXT record beside each,
/// at `_tenantctl.<name>` (a prefix, because a CNAME forbids any other type at its own name),
/// whose text is `heritage=tenantctl,tenantctl/owner=<ownerId>,tenantctl/tenant=<tenant>,
/// tenantctl/environment=<environment>`.
///
/// The TXT covers the managed types (A, AAAA, CNAME) at that name, nothing else: an MX someone
/// keeps beside an owned A is never touched.
public struct Ownership: Sendable, Hashable, Codable {
    public var owner: String
    public var tenant: String
    public var environment: String

    public init(owner: String, tenant: String, environment: String) {
        self.owner = owner
        self.tenant = tenant
        self.environment = environment
    }

    public static let prefix = "_tenantctl"

    /// Where the TXT of `name` lives: `_tenantctl.www.acme.fr`, `_tenantctl.acme.fr` for an apex.
    public static func txtName(for name: String) -> String { "\(prefix).\(DNSName.normalized(name))" }

    /// The record name a TXT name marks, or nil when it is not an ownership name.
    public static func markedName(_ txtName: String) -> String? {
        let name = DNSName.normalized(txtName)
        guard name.hasPrefix(prefix + ".") else { return nil }
        return String(name.dropFirst(prefix.count + 1))
    }

    /// The environment id (`acme/production`).
    public var environmentID: String { "\(tenant)/\(environment)" }

    public var text: String {
        "heritage=tenantctl,tenantctl/owner=\(owner),tenantctl/tenant=\(tenant),tenantctl/environment=\(environment)"
    }

    /// Reads one TXT value; nil when it is not tenantctl's (another tool's, a person's note) or
    /// lacks a field. Fields may come in any order; unknown ones are ignored (a later version
    /// may add some).
    public static func parse(_ text: String) -> Ownership? {
        guard text.utf8.count <= 1024 else { return nil }
        var fields: [String: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let key = String(part[..<equals]), value = String(part[part.index(after: equals)...])
            guard fields[key] == nil else { return nil }  // a repeated field is a forgery or a mistake
            fields[key] = value
        }
        guard fields["heritage"] == "tenantctl", let owner = fields["tenantctl/owner"], let tenant = fields["tenantctl/tenant"],
              let environment = fields["tenantctl/environment"], !owner.isEmpty, !tenant.isEmpty, !environment.isEmpty
        else { return nil }
        return Ownership(owner: owner, tenant: tenant, environment: environment)
    }

    /// What a TXT set at an ownership name says: the single tenantctl marking in it, if exactly
    /// one (two markings disagree: nobody may trust either).
    public static func of(_ set: DNSRecordSet?) -> Marking {
        guard let set else { return .absent }
        let parsed = Set(set.values.compactMap(parse))
        switch parsed.count {
        case 0: return .unreadable(set.values)
        case 1: return .marked(parsed.first!)
        default: return .unreadable(set.values)
        }
    }

    public enum Marking: Equatable {
        /// No TXT at the ownership name.
        case absent
        case marked(Ownership)
        /// A TXT is there but says nothing tenantctl can trust.
        case unreadable([String])
    }
}
