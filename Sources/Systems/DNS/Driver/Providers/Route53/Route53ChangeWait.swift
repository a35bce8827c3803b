/// Waits for a change to reach `INSYNC` (GetChange), checking at growing intervals until a
/// deadline. Route 53 usually takes seconds; past the deadline the change is still pending on
/// AWS's side, which is worth another attempt later, not a failure of the request.
struct Route53ChangeWait: Sendable {
    var firstDelay: Duration = .milliseconds(500)
    var maxDelay: Duration = .seconds(10)
    var deadline: Duration = .seconds(300)

    func until(inSync changeID: String, status: @Sendable () async throws -> String) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        var delay = firstDelay
        while true {
            if try await status() == "INSYNC" { return }
            let elapsed = clock.now - start
            guard elapsed + delay <= deadline else {
                throw DNSProviderError(.transient, "route53: change \(changeID) is still PENDING after \(elapsed.components.seconds) s; Route 53 will apply it, the next run will see it")
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, maxDelay)
        }
    }
}
