import DNSPlanning
import Foundation
import PlanModel
import TenantCore
import XCTest

/// A purchase in the plan's three renderings: the domain, the registrar, the period and the
/// quoted price are in each, and a withheld purchase says why.
final class RegistrationRenderingTests: XCTestCase {
    typealias R = RegistrationPlannerTests

    func plan(_ settings: DesiredRegistration, _ state: RegistrationObservation.State) -> Plan {
        let system = DNSFixtures.plan(R.desired(settings), R.observed(state))
        var plan = Plan(changes: system.changes, skipped: system.skipped, withheld: system.withheld)
        plan.notes = system.notes
        return plan
    }

    func testTextMarkdownAndJSONShowWhatIsBoughtAndItsPrice() throws {
        let plan = plan(R.allowed, R.available())
        let text = PlanTextRenderer(color: false).render(plan)
        XCTAssertTrue(text.contains("  + domain.register maison.fr at Route 53 Domains, 1 year, 12.00 USD\n"), text)
        XCTAssertTrue(text.contains("      registered: AVAILABLE -> maison.fr, 1 year, 12.00 USD (cap 15.00 USD)\n"), text)
        XCTAssertTrue(text.contains("  + dns.zone.create hosted zone maison.fr at route53\n"), text)
        let markdown = PlanMarkdownRenderer.render(plan)
        XCTAssertTrue(markdown.contains("maison.fr at Route 53 Domains, 1 year, 12.00 USD"), markdown)
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        for fragment in [#""kind":"domain.register""#, #""price":"12.00""#, #""currency":"USD""#, #""years":1"#, #""registrar":"route53""#] {
            XCTAssertTrue(json.contains(fragment), "\(fragment) not in \(json)")
        }
    }

    func testAWithheldPurchaseSaysWhyInText() {
        let text = PlanTextRenderer(color: false).render(plan(R.allowed, R.available(40)))
        XCTAssertTrue(text.contains("! maison/production: domain.register maison.fr at Route 53 Domains (40.00 USD for 1 year) withheld: Route 53 Domains quotes 40.00 USD for 1 year, above the fleet's cap of 15.00 USD"), text)
    }
}
