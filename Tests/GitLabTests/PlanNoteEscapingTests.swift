import PlanModel
import XCTest

/// The plan's Markdown (the sticky note's body) keeps manifest text inert: nothing from a tenant
/// name, a target or a configuration value can close a code element or the collapsible section,
/// open a code block, add HTML, a link, a mention, a heading or a table cell, or forge a marker.
final class PlanNoteEscapingTests: XCTestCase {
    func testHostileManifestTextStaysText() {
        let markdown = PlanMarkdownRenderer.render(SamplePlans.hostile, marker: nil)
        XCTAssertFalse(markdown.contains("<!--"), markdown)
        XCTAssertFalse(markdown.contains("<script"), markdown)
        XCTAssertFalse(markdown.contains("</code></details>"), markdown)
        XCTAssertFalse(markdown.contains("```"), markdown)
        XCTAssertFalse(markdown.contains("@root"), markdown)
        XCTAssertFalse(markdown.contains("](javascript"), markdown)
        XCTAssertFalse(markdown.contains("\n# heading"), markdown)
        XCTAssertFalse(markdown.contains("<b>x</b>"), markdown)
        // The structure the renderer made is all there is: one section, closed; table rows of four cells.
        XCTAssertEqual(markdown.components(separatedBy: "<details>").count - 1, 1)
        XCTAssertEqual(markdown.components(separatedBy: "</details>").count - 1, 1)
        for row in markdown.split(separator: "\n") where row.hasPrefix("| ") {
            // The summary table has five columns, the change tables four.
            XCTAssertTrue([5, 6].contains(row.filter { $0 == "|" }.count), String(row))
        }
        // Outside <code>, no character reference: GitLab would decode it, then find mentions,
        // references and emoji in the text.
        for line in markdown.split(separator: "\n") {
            let outside = line.components(separatedBy: "<code>").enumerated()
                .map { $0.offset == 0 ? $0.element : ($0.element.components(separatedBy: "</code>").dropFirst().joined()) }.joined()
            XCTAssertFalse(outside.contains("&#"), "manifest text outside <code>: \(line)")
        }
        // And the text is still readable once GitLab decodes the references.
        XCTAssertTrue(markdown.contains("<code>magento&#96; &#60;b&#62;x&#60;/b&#62;</code>"), markdown)
    }

    func testEscapeEncodesPunctuationAndNonASCIIAndBoundsLength() {
        XCTAssertEqual(PlanMarkdownRenderer.escape("shop.acme-fr/prod 2"), "shop.acme-fr/prod 2")
        XCTAssertEqual(PlanMarkdownRenderer.escape("a_b*c`d"), "a&#95;b&#42;c&#96;d")
        XCTAssertEqual(PlanMarkdownRenderer.escape("é\u{202E}"), "&#233;&#8238;")
        XCTAssertEqual(PlanMarkdownRenderer.escape("line\nbreak\r"), "line break ")
        XCTAssertEqual(PlanMarkdownRenderer.escape(String(repeating: "x", count: 10), limit: 4), "xxxx&#8230;")
    }
}
