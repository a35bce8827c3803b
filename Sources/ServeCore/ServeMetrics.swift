import Prometheus

/// The daemon's Prometheus metrics (`GET /metrics`), on swift-prometheus's registry. Label values
/// are tenant and environment names (validated manifest names) and fixed outcome words: nothing
/// from a request or an error message, so no secret can reach a label.
public final class ServeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    /// Seconds: a run may take from a second (nothing moved) to an hour (models deployed).
    static let runBuckets: [Duration] = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600].map { .seconds($0) }
    static let changeBuckets: [Duration] = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800].map { .milliseconds(Int($0 * 1000)) }

    public init() {}

    private func descriptor(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tenantctl", metricName: name, unitName: unit, helpText: help)
    }

    /// A look taken from the trigger: a poll, a webhook, a sweep, or any number of them coalesced.
    /// Beside the webhooks received, it shows how many of them were coalesced into how few looks.
    public func lookStarted() {
        registry.makeCounter(descriptor: descriptor("looks", unit: "total", help: "Looks taken (polls, webhooks and sweeps, coalesced)."),
                             labels: []).increment()
    }

    /// outcome: succeeded, failed, interrupted, nothing_to_do, refused (the lock stayed busy, the
    /// repository or the store could not be read).
    public func runFinished(outcome: String, duration: Duration) {
        registry.makeCounter(descriptor: descriptor("runs", unit: "total", help: "Reconcile runs by outcome."),
                             labels: [("outcome", outcome)]).increment()
        registry.makeDurationHistogram(descriptor: descriptor("run_duration", unit: "seconds", help: "Duration of reconcile runs."),
                                       labels: [], buckets: Self.runBuckets).record(duration)
    }

    /// outcome: succeeded, failed, skipped, not_run.
    public func changeFinished(outcome: String, duration: Duration?) {
        registry.makeCounter(descriptor: descriptor("changes", unit: "total", help: "Changes by outcome."),
                             labels: [("outcome", outcome)]).increment()
        if let duration {
            registry.makeDurationHistogram(descriptor: descriptor("change_duration", unit: "seconds", help: "Duration of change attempts."),
                                           labels: [], buckets: Self.changeBuckets).record(duration)
        }
    }

    public func driftItems(tenant: String, count: Int) {
        registry.makeGauge(descriptor: descriptor("drift", unit: "items", help: "Differences between git and the world, by tenant, at the last look."),
                           labels: [("tenant", tenant)]).set(Double(count))
    }

    public func reconciled(environment: String, at secondsSince1970: Double) {
        registry.makeGauge(descriptor: descriptor("last_success", unit: "timestamp_seconds",
                                                  help: "When each environment was last reconciled without failure (Unix time)."),
                           labels: [("environment", environment)]).set(secondsSince1970)
    }

    /// result: look, ignored, unauthorized, too_large.
    public func webhookReceived(result: String) {
        registry.makeCounter(descriptor: descriptor("webhook_events_received", unit: "total", help: "GitLab webhook requests by result."),
                             labels: [("result", result)]).increment()
    }

    public func webhookCoalesced() {
        registry.makeCounter(descriptor: descriptor("webhook_events_coalesced", unit: "total",
                                                    help: "Webhook events that joined a look already pending."),
                             labels: []).increment()
    }

    public func lockWaited() {
        registry.makeCounter(descriptor: descriptor("lock_waits", unit: "total",
                                                    help: "Runs that found an environment locked by another run and waited."),
                             labels: []).increment()
    }

    /// A GitLab commit status that could not be set (or a look that could not set any: no
    /// token, a bad URL). Statuses are best effort; this is how their loss is seen.
    public func gitlabStatusFailed() {
        registry.makeCounter(descriptor: descriptor("gitlab_status_errors", unit: "total",
                                                    help: "GitLab commit statuses that could not be set."),
                             labels: []).increment()
    }

    public func text() -> String { registry.emitToString() }
}
