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
    ///
    /// Manifests are parsed with Yams' basic resolver (`YAMLFile`), which calls every untagged
    /// scalar a string; a scalar's type is decided here instead, from its own tag when it has one
    /// (quoted scalars have `str`), else by `ImplicitTag`. Reading `Node.Scalar.tag` leaves the
    /// tag unresolved. Mapping keys, which Yams resolves with the basic resolver while checking
    /// duplicates, read as strings: they are only ever read as names.
    var tagName: Tag.Name {
        guard case let .scalar(scalar) = self else { return Tag.Name(rawValue: tag.rawValue) }
        switch scalar.tag.rawValue {
        case Tag.Name.implicit.rawValue: return ImplicitTag.of(plain: scalar.string)
        case Tag.Name.nonSpecific.rawValue: return .str
        case let name: return Tag.Name(rawValue: name)
        }
    }
}
