/// certbot locks its config, work and logs folders for a whole run: a second certbot on the
/// same folders stops at once with "Another instance of Certbot is already running". The
/// orders of one apply share one account and one config folder, so they take turns here, in
/// the order they asked (the DNS changes and deliveries around them still run in parallel).
/// Another tenantctl process on the same state directory is met by certbot's own lock, which
/// reads as transient (retried).
actor CertbotTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the next in line, if any.
    func give() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
