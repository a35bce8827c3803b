import Foundation
import GitLab
import HTTPClient
import Logging
import ServeCore
import TenantCore

/// serve's GitLab commit statuses, `tenantctl/<tenant>/<environment>` on the commit a look
/// reconciled: `running` when the run starts on the environment, then its outcome. Posting is
/// best effort: every post goes through the daemon's `StatusQueue` (the run never waits for
/// GitLab), each is bounded in time, and a failure is logged (never with the token: the client
/// holds it as a credential) and counted in `tenantctl_gitlab_status_errors_total`.
struct CommitStatusReporter: Sendable {
    let client: GitLabClient
    let project: GitLabProjectID
    let sha: String
    let ref: String?
    /// --external-url: statuses link to the dashboard there (nil: no link).
    let externalURL: String?
    let queue: StatusQueue
    let logger: Logger
    let metrics: ServeMetrics

    /// A post may take 10 seconds, tried twice on 429/5xx: a GitLab that is down costs the queue
    /// at most ~25 s per status, never the run.
    static var clientConfiguration: HTTPClientConfiguration {
        HTTPClientConfiguration(connectTimeout: .seconds(5), totalTimeout: .seconds(10), maxResponseBytes: 1 << 20,
                                retry: HTTPRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(500), maxDelay: .seconds(2)))
    }

    /// The reporter for one look, or nil when statuses are off (no --gitlab-url) or cannot be
    /// set (logged and counted once per look).
    static func make(_ settings: ServeCommand, fleet: Fleet?, sha: String, queue: StatusQueue, logger: Logger, metrics: ServeMetrics) async -> CommitStatusReporter? {
        guard let url = settings.gitlabURL, let project = settings.gitlabProject else { return nil }
        do {
            let token = try await settings.gitlabToken(fleet: fleet)
            let client = try GitLabClient(apiURL: ServeCommand.apiURL(url), token: token, configuration: clientConfiguration)
            return CommitStatusReporter(client: client, project: try GitLabProjectID(project), sha: sha, ref: settings.repository.ref,
                                        externalURL: settings.externalURL, queue: queue, logger: logger, metrics: metrics)
        } catch {
            metrics.gitlabStatusFailed()
            logger.error("cannot set GitLab commit statuses", metadata: ["error": .string("\(error)")])
            return nil
        }
    }

    /// Queues one status per environment; returns at once. Each links to the page of `run` on
    /// the dashboard (`<external-url>/runs/<id>`) when the environment was in a run, else to the
    /// fleet page (`running` is posted before the run has an id; in sync needs no run).
    func post(_ statuses: [(tenant: String, environment: String, state: CommitState, description: String)], run: Int64?) {
        let targetURL = externalURL.map { ServeCommand.dashboardURL($0, run: run) }
        for status in statuses {
            let update = CommitStatusUpdate(state: status.state, name: CommitStatusUpdate.name(tenant: status.tenant, environment: status.environment),
                                            ref: ref, targetURL: targetURL, description: status.description)
            let (client, project, sha, logger, metrics) = (client, project, sha, logger, metrics)
            let queued = queue.enqueue {
                do {
                    try await client.setStatus(project: project, sha: sha, update)
                    logger.debug("commit status set", metadata: ["status": .string(update.name), "state": .string(update.state.rawValue)])
                } catch {
                    metrics.gitlabStatusFailed()
                    logger.warning("cannot set a GitLab commit status; the run goes on", metadata: [
                        "status": .string(update.name), "state": .string(update.state.rawValue), "commit": .string(sha), "error": .string("\(error)"),
                    ])
                }
            }
            if !queued {
                metrics.gitlabStatusFailed()
                logger.warning("too many GitLab commit statuses waiting; one is dropped", metadata: ["status": .string(update.name)])
            }
        }
    }
}
