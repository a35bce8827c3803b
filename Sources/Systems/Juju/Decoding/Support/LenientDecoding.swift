import Foundation

/// Lenient reads for Juju's CLI output.
///
/// Juju adds, renames and drops fields between versions (2.9 → 3.6 → 4.0), JIMM emits a
/// status-like shape, and YAML output converted to JSON may turn a quoted-looking value into a
/// number. A field of an unexpected type is read as absent rather than failing the whole
/// status: one odd field must not make a model unobservable.
extension KeyedDecodingContainer {
    func string(_ key: Key) -> String? {
        if let value = try? decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return String(value) }
        if let value = try? decodeIfPresent(Double.self, forKey: key) { return String(value) }
        if let value = try? decodeIfPresent(Bool.self, forKey: key) { return String(value) }
        return nil
    }

    func int(_ key: Key) -> Int? {
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Int(text) }
        return nil
    }

    func bool(_ key: Key) -> Bool? {
        if let value = try? decodeIfPresent(Bool.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Bool(text) }
        return nil
    }

    func object<T: Decodable>(_ key: Key, as type: T.Type = T.self) -> T? {
        try? decodeIfPresent(T.self, forKey: key)
    }

    func strings(_ key: Key) -> [String] {
        (try? decodeIfPresent([LenientString].self, forKey: key))?.compactMap(\.value) ?? []
    }

    func stringMap(_ key: Key) -> [String: String] {
        (try? decodeIfPresent([String: LenientString].self, forKey: key))?.compactMapValues(\.value) ?? [:]
    }

    /// A map of objects where one malformed entry is dropped instead of losing the whole map.
    func map<T: Decodable>(_ key: Key, of type: T.Type = T.self) -> [String: T] {
        (try? decodeIfPresent([String: Lenient<T>].self, forKey: key))?.compactMapValues(\.value) ?? [:]
    }
}

/// One value decoded with `try?`, so that a container of them survives a bad element.
struct Lenient<T: Decodable>: Decodable {
    let value: T?
    init(from decoder: Decoder) throws { value = try? T(from: decoder) }
}

/// A scalar read as text whatever its JSON type.
struct LenientString: Decodable {
    let value: String?
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { value = text }
        else if let number = try? container.decode(Int.self) { value = String(number) }
        else if let number = try? container.decode(Double.self) { value = String(number) }
        else if let flag = try? container.decode(Bool.self) { value = String(flag) }
        else { value = nil }
    }
}
