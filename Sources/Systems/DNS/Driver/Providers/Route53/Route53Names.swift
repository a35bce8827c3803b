import DNSPlanning

/// Route 53's names: absolute with a trailing dot, characters outside letters, digits, `-` and
/// `_` written as `\DDD` octal escapes (`\052` for the `*` of a wildcard).
enum Route53Names {
    static func decode(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 3 < characters.count,
               characters[(index + 1)...(index + 3)].allSatisfy({ $0.isASCII && $0.isNumber }),
               let code = UInt8(String(characters[(index + 1)...(index + 3)]), radix: 8) {
                result.append(Character(Unicode.Scalar(code)))
                index += 4
            } else if character == "\\", index + 1 < characters.count {
                result.append(characters[index + 1])
                index += 2
            } else {
                result.append(character)
                index += 1
            }
        }
        return DNSName.normalized(result)
    }

    static func encode(_ name: String) -> String {
        DNSName.normalized(name) + "."
    }
}
