import Yams

extension Node {
    /// How a node reads to a user: "a string", "an integer", "a list"… for "expected X, got Y".
    var typeDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch tagName {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            default: return "a string"
            }
        }
    }

    var isNull: Bool {
        if case .scalar = self, tagName == .null { return true }
        return false
    }
}

extension Node {
    /// The resolved tag (str, int, bool…); Yams keeps `Tag.name` internal.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
