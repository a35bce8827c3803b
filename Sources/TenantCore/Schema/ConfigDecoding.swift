import Yams

extension Field {
    /// A charm option map. Strings starting with `vault:` must be valid references; options whose
    /// name says they hold a secret must be references (a secret in clear in git is an error).
    func configMap(requireVaultForSecrets: Bool = true) -> [String: Located<ConfigValue>]? {
        guard let entries = dictionary() else { return nil }
        var result: [String: Located<ConfigValue>] = [:]
        for (key, field) in entries {
            if field.node.isNull { continue }
            guard let value = field.configValue() else { continue }
            // Whatever the scalar's type: `admin-password: 12345678` is an integer to YAML and a
            // password in clear to everyone else. Only an empty string (no secret set) passes.
            if requireVaultForSecrets, SecretNames.isSensitive(key.value), value.value.isValueInClear {
                field.error("'\(key.value)' holds a secret and must be a Vault reference (vault:<path>#<key>), not a value in clear")
                continue
            }
            result[key.value] = value
        }
        return result
    }

    func configValue() -> Located<ConfigValue>? {
        guard case let .scalar(scalar) = node else {
            typeMismatch(expected: "a string, number or boolean")
            return nil
        }
        switch node.tagName {
        case .bool:
            return node.bool.map { Located(.bool($0), at: location) }
        case .int:
            return node.int.map { Located(.int($0), at: location) }
        case .float:
            return node.float.map { Located(.double($0), at: location) }
        default:
            return vaultOrString(scalar.string)
        }
    }

    /// A value that must be a Vault reference (credentials in tenantctl.yaml).
    func vaultReference() -> Located<VaultReference>? {
        guard let text = string() else { return nil }
        guard VaultReference.looksLikeReference(text.value) else {
            error("must be a Vault reference (vault:<path>#<key>); secrets are never written in clear")
            return nil
        }
        guard case let .secret(reference) = vaultOrString(text.value)?.value else { return nil }
        return Located(reference, at: location)
    }

    private func vaultOrString(_ text: String) -> Located<ConfigValue>? {
        guard VaultReference.looksLikeReference(text) else { return Located(.string(text), at: location) }
        switch VaultReference.parse(text) {
        case let .success(reference):
            return Located(.secret(reference), at: location)
        case let .failure(problem):
            error("malformed Vault reference '\(text)': it \(problem)")
            return nil
        }
    }
}

private extension ConfigValue {
    /// A value written in the manifest itself rather than referenced in Vault.
    var isValueInClear: Bool {
        switch self {
        case .secret: return false
        case let .string(text): return !text.isEmpty
        case .int, .double, .bool: return true
        }
    }
}
