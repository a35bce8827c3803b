// Yams does not expose libyaml's event stream, so the pre-scan reads it from the C library Yams
// itself builds and links; no second copy of libyaml is involved.
import CYaml

/// Walks a file's YAML events, without building any node, and refuses what would make composing
/// it explode: documents that expand through aliases past the node budget, nesting deeper than
/// the depth budget, and mappings or lists used as mapping keys.
///
/// Why before Yams: to reject duplicate keys, Yams hashes every key node of a mapping. A key that
/// is an alias to a nested alias bomb is hashed through its whole expansion, which takes minutes
/// for a 1 KB file. Manifests never need a non-scalar key, so they are refused here; counting the
/// expansion also bounds every later walk over the tree (bundle pass-through fields are copied
/// node by node).
enum YAMLPreScan {
    struct Refusal: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private struct Frame {
        var isMapping: Bool
        var size = 1
        var children = 0
        var anchor: String?
    }

    /// The first reason to refuse the text, or nil. Syntax errors are left for Yams to report
    /// with its own wording.
    static func check(_ text: String, limits: ManifestLimits) -> Refusal? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return walk(&parser, limits: limits)
        }
    }

    private static func walk(_ parser: inout yaml_parser_t, limits: ManifestLimits) -> Refusal? {
        var stack: [Frame] = []
        var anchors: [String: (size: Int, isScalar: Bool)] = [:]
        var total = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            func refuse(_ message: String) -> Refusal {
                Refusal(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message)
            }
            // A finished node: its expanded size joins its parent; a key must be a scalar.
            func finish(size: Int, isScalar: Bool) -> Refusal? {
                guard !stack.isEmpty else { return nil }
                let parent = stack.count - 1
                if stack[parent].isMapping, stack[parent].children % 2 == 0, !isScalar {
                    return refuse("a mapping key must be a plain value, not a mapping or a list; manifests never need complex keys")
                }
                stack[parent].children += 1
                stack[parent].size += size
                return nil
            }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                anchors = [:]
            case YAML_SCALAR_EVENT:
                total += 1
                if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = (1, true) }
                if let refusal = finish(size: 1, isScalar: true) { return refusal }
            case YAML_ALIAS_EVENT:
                let target = string(event.data.alias.anchor).flatMap { anchors[$0] } ?? (1, true)
                total += target.size
                if total > limits.maxNodes {
                    return refuse("this YAML expands to more than \(limits.maxNodes) nodes once its aliases (*name) are replaced by what they point at; it is refused unread (an alias bomb?)")
                }
                if let refusal = finish(size: target.size, isScalar: target.isScalar) { return refusal }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                // A collection key is refused when it opens, before anything inside it is read.
                if let parent = stack.last, parent.isMapping, parent.children % 2 == 0 {
                    return refuse("a mapping key must be a plain value, not a mapping or a list; manifests never need complex keys")
                }
                total += 1
                stack.append(Frame(isMapping: isMapping, anchor: anchor))
                if stack.count > limits.maxDepth {
                    return refuse("mappings and lists are nested more than \(limits.maxDepth) levels deep; manifests need far fewer")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                if let anchor = frame.anchor { anchors[anchor] = (frame.size, false) }
                if let refusal = finish(size: frame.size, isScalar: false) { return refusal }
            default:
                continue
            }
            if total > limits.maxNodes {
                return refuse("this YAML holds more than \(limits.maxNodes) nodes; it is refused unread")
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}
