/// `ubuntu@22.04` as Juju 3 prints it in status: `{name, channel}`.
struct JujuBaseText {
    var name: String
    var channel: String

    init?(_ text: String) {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        name = parts[0]
        channel = String(parts[1].split(separator: "/").first ?? Substring(parts[1]))
    }

    var json: JSONValue { .object([("name", .string(name)), ("channel", .string(channel))]) }
}
