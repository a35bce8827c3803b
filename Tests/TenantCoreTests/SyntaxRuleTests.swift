import TenantCore
import XCTest

/// Table tests of the small syntax rules manifests rely on.
final class SyntaxRuleTests: XCTestCase {
    func testDNSLabels() {
        let valid = ["acme", "a", "boulangerie-durand", "shop42", "0abc", String(repeating: "a", count: 63)]
        for name in valid { XCTAssertNil(Names.labelProblem(name), name) }
        let invalid: [(String, String)] = [
            ("", "must not be empty"),
            ("Acme", "contains upper-case 'A'; use lower case letters, digits and '-'"),
            ("acme_shop", "contains '_'; only lower case letters, digits and '-' are allowed"),
            ("-acme", "must start and end with a letter or a digit"),
            ("acme-", "must start and end with a letter or a digit"),
            ("café", "contains 'é'; only lower case letters, digits and '-' are allowed"),
            (String(repeating: "a", count: 64), "is 64 characters long; a DNS label has at most 63"),
        ]
        for (name, problem) in invalid { XCTAssertEqual(Names.labelProblem(name), problem, name) }
    }

    func testHostnames() {
        for host in ["shop.acme.fr", "acme.bibind.com", "a.b", "xn--caf-dma.fr"] { XCTAssertNil(Names.hostnameProblem(host), host) }
        XCTAssertEqual(Names.hostnameProblem("acme"), "must have at least two labels (like shop.example.com)")
        XCTAssertEqual(Names.hostnameProblem("shop.acme.fr."), "must not end with '.'")
        XCTAssertEqual(Names.hostnameProblem("*.acme.fr"), "must not be a wildcard; name the host")
        XCTAssertEqual(Names.hostnameProblem("shop..fr"), "has a label '' that must not be empty")
        XCTAssertEqual(Names.hostnameProblem("10.0.0.1"), "has a numeric top-level label; an address is not a hostname")
        XCTAssertTrue(Names.host("shop.acme.fr", isIn: "acme.fr"))
        XCTAssertTrue(Names.host("acme.fr", isIn: "acme.fr"))
        XCTAssertFalse(Names.host("notacme.fr", isIn: "acme.fr"), "a suffix must match whole labels")
    }

    func testIPAddresses() {
        let cases: [(String, IPAddress.Family?)] = [
            ("203.0.113.10", .v4), ("0.0.0.0", .v4), ("255.255.255.255", .v4),
            ("256.1.1.1", nil), ("1.2.3", nil), ("01.2.3.4", nil), ("1.2.3.4.5", nil), ("a.b.c.d", nil),
            ("2001:db8::1", .v6), ("::1", .v6), ("::", .v6), ("2001:db8:0:0:0:0:0:1", .v6), ("::ffff:192.0.2.1", .v6),
            ("2001:db8::1::2", nil), ("2001:db8:0:0:0:0:0:0:1", nil), ("12345::1", nil), ("shop.acme.fr", nil),
        ]
        for (text, family) in cases { XCTAssertEqual(IPAddress.family(of: text), family, text) }
    }

    func testVaultReferences() throws {
        let reference = try VaultReference.parse("vault:tenants/acme#admin_password").get()
        XCTAssertEqual(reference.path, "tenants/acme")
        XCTAssertEqual(reference.key, "admin_password")
        XCTAssertEqual(reference.description, "vault:tenants/acme#admin_password")
        let problems: [(String, String)] = [
            ("vault:tenants/acme", "has no '#<key>' part; write vault:<path>#<key>"),
            ("vault:#key", "has an empty path; write vault:<path>#<key>"),
            ("vault:tenants/acme#", "has an empty key after '#'"),
            ("vault:/tenants/acme#k", "has path '/tenants/acme', which must not start or end with '/' nor contain '//'"),
            ("vault:tenants/../root#k", "has path 'tenants/../root', which must not contain '.' or '..' segments"),
            ("vault:tenants/acme#a b", "has key 'a b', which contains ' '; use letters, digits, '-', '_' and '.'"),
            ("secret:tenants/acme#k", "does not start with 'vault:'"),
        ]
        for (text, problem) in problems {
            XCTAssertThrowsError(try VaultReference.parse(text).get(), text) { error in
                XCTAssertEqual("\(error)", problem, text)
            }
        }
    }

    func testSecretNames() {
        for key in ["admin-password", "db_passwd", "api-key", "secretAccessKey", "tls-private-key", "auth_token", "client-secret",
                    "smtp-password", "ssl_key", "credentials", "passphrase"] {
            XCTAssertTrue(SecretNames.isSensitive(key), key)
        }
        for key in ["public-key", "key-name", "token-ttl", "password-min-length", "base-url", "hostname", "keyboard",
                    "secret-rotation", "tokenizer", "ssh-key-file", "passwordless"] {
            XCTAssertFalse(SecretNames.isSensitive(key), key)
        }
    }
}
