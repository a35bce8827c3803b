import Foundation

/// The frame of every dashboard page: one HTML document, its CSS inline (no build step, no
/// script, nothing fetched), a viewport for phones, light and dark colours. Pages hand in their
/// body already escaped.
public enum DashboardLayout {
    public static func page(title: String, heading: String, meta: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(HTMLText.escape(title))</title>
        <style>\(css)</style>
        </head><body>
        <header><h1>\(heading)</h1><p class="meta">\(meta)</p></header>
        <main>
        \(body)
        </main>
        </body></html>

        """
    }

    /// Mobile first: cards in one column on a phone, as many as fit on a wide screen.
    static let css = """
    :root{color-scheme:light dark;--bg:#f5f6f8;--card:#fff;--fg:#1c2330;--muted:#5b6575;--line:#dde1e7;\
    --ok:#1a7f37;--warn:#9a6700;--bad:#c62828;--info:#0b5cad}
    @media (prefers-color-scheme:dark){:root{--bg:#0f1419;--card:#182029;--fg:#e6edf3;--muted:#9aa7b4;--line:#2b3640;\
    --ok:#3fb950;--warn:#d29922;--bad:#f85149;--info:#58a6ff}}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
    header{padding:.75rem max(1rem,calc((100% - 75rem)/2 + 1rem));border-bottom:1px solid var(--line);background:var(--card)}
    header h1{font-size:1.15rem;margin:0}
    header h1 a{color:inherit;text-decoration:none}
    main{padding:.75rem 1rem 2rem;max-width:75rem;margin:0 auto}
    .meta{color:var(--muted);font-size:.85rem;margin:.2rem 0 0;overflow-wrap:anywhere}
    h2{font-size:1.05rem;margin:1.3rem 0 .5rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
    .grid{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr))}
    .card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.6rem .75rem;min-width:0}
    .card h3{margin:0 0 .4rem;font-size:1rem;display:flex;justify-content:space-between;gap:.5rem;align-items:center}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .7rem;margin:0;font-size:.9rem}
    dt{color:var(--muted)}
    dd{margin:0;min-width:0;overflow-wrap:anywhere}
    .badge{display:inline-block;font-size:.75rem;font-weight:600;line-height:1.3;padding:.05rem .45rem;border-radius:1rem;\
    border:1px solid currentColor;white-space:nowrap}
    .ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}.info{color:var(--info)}.muted{color:var(--muted)}
    .summary{display:flex;flex-wrap:wrap;gap:.4rem;margin:.2rem 0 0;padding:0;list-style:none}
    .summary li{background:var(--card);border:1px solid var(--line);border-radius:.4rem;padding:.25rem .6rem;font-size:.9rem}
    .notice{background:var(--card);border:1px solid var(--bad);border-radius:.4rem;padding:.5rem .7rem;color:var(--bad);overflow-wrap:anywhere}
    ul.list{list-style:none;padding:0;margin:0}
    ul.list>li{background:var(--card);border:1px solid var(--line);border-radius:.4rem;padding:.45rem .7rem;margin-bottom:.4rem;min-width:0}
    .line{display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline}
    .reasons{margin:.25rem 0 0;padding-left:1.1rem;font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}
    .error{color:var(--bad);font-size:.85rem;margin:.25rem 0 0;overflow-wrap:anywhere}
    code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
    a{color:var(--info)}
    """

    /// `2026-11-30 09:41:07 UTC`: the same on every machine and in every test. gmtime_r, not a
    /// DateFormatter: a large fleet's page has two per environment, and it is thread-safe.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "?" }
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d UTC", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `12.3 s`, `4 min 5 s`.
    public static func duration(from start: Date, to end: Date) -> String {
        let seconds = max(0, end.timeIntervalSince(start))
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        return "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
    }

    /// A badge; `text` is escaped here.
    public static func badge(_ text: String, _ tone: Tone) -> String {
        "<span class=\"badge \(tone.rawValue)\">\(HTMLText.escape(text))</span>"
    }

    public enum Tone: String, Sendable {
        case ok, warn, bad, info, muted

        /// The tone of a look's outcome as ReconcileLook words it.
        public static func ofOutcome(_ outcome: String?) -> Tone {
            guard let outcome else { return .muted }
            if ["failed", "not observed", "interrupted"].contains(where: outcome.hasPrefix) { return .bad }
            if ["suspended", "planned"].contains(where: outcome.hasPrefix) { return .warn }
            return .ok
        }

        /// The tone of a run's or an attempt's status in the journal.
        public static func ofStatus(_ status: String) -> Tone {
            switch status {
            case "succeeded": return .ok
            case "failed", "interrupted": return .bad
            case "refused", "skipped": return .warn
            case "running": return .info
            default: return .muted
            }
        }
    }
}
