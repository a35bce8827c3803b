/// Recognises configuration keys that hold secrets, so that a password written in clear in git is
/// caught at validation instead of reaching a model.
public enum SecretNames {
    private static let secretWords: Set<String> = [
        "password", "passwd", "passphrase", "secret", "token", "credential", "credentials",
        "apikey", "privatekey", "secretkey", "accesskey", "tlskey", "sslkey", "encryptionkey", "signingkey", "cryptkey", "masterkey", "licensekey",
    ]

    /// True for `admin-password`, `db_passwd`, `api-key`, `secretAccessKey`, `tls-private-key`,
    /// `auth_token`…; false for `public-key`, `key-name`, `token-ttl`, `password-min-length`.
    public static func isSensitive(_ key: String) -> Bool {
        let words = split(key)
        guard let last = words.last else { return false }
        // Settings *about* a secret (its length, lifetime, policy) are not the secret.
        let qualifiers: Set<String> = ["ttl", "length", "policy", "expiry", "lifetime", "name", "file", "path", "url", "id", "min", "max", "enabled", "rotation", "algorithm", "type"]
        if qualifiers.contains(last) { return false }
        if secretWords.contains(last) { return true }
        if words.count >= 2 {
            let pair = words[words.count - 2] + last
            if secretWords.contains(pair) { return true }
        }
        return false
    }

    /// Splits kebab, snake and camel case into lower-case words.
    static func split(_ key: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in key {
            if character == "-" || character == "_" || character == "." || character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(Character(character.lowercased()))
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
