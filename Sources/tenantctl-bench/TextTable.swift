/// Columns padded to their widest cell; the first column left-aligned, the others as asked.
struct TextTable {
    enum Alignment { case left, right }

    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ alignments: [Alignment]) {
        self.alignments = alignments
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    func render(indent: String = "  ") -> String {
        let columns = alignments.count
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            let cells = (0..<columns).map { index -> String in
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return alignments[index] == .left ? cell + padding : padding + cell
            }
            return indent + cells.joined(separator: "  ").replacingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

private extension String {
    func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
