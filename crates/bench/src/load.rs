//! The API load benchmark: `wrk`, a real HTTP client, over TLS on loopback, asking for whole
//! customer records (`GET /api/v1/customers/{id}?purpose=sale`: token check, decryption and an
//! audit event on disk each), and then the same endpoint served from a plaintext store without
//! keys, checks or events, through the same listener, TLS and guards. The ratio of the two is
//! the cost of protection, measured in one run; the server's resident memory is sampled while
//! the protected run goes on.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::baseline::PlaintextCustomers;
use axum::Router;
use axum::extract::Path as UrlPath;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use strongroom_app::Vault;
use strongroom_domain::CustomerId;

use strongroom_server::api::json::{CustomerJson, CustomerRecordJson};
use strongroom_server::{ServerOptions, ServerState, TlsIdentity};

/// What one `wrk` run measured.
#[derive(Debug, Clone, Copy, Default)]
pub struct WrkRun {
    pub requests_per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Answers that were not 2xx (must be none for the figures to count).
    pub non_2xx: u64,
}

/// The figures of the API load benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiLoad {
    pub protected: WrkRun,
    pub plaintext: WrkRun,
    /// The largest resident set of this process seen while the protected run went on.
    pub rss_under_load_mb: f64,
    pub connections: usize,
    pub seconds: u64,
}

/// Runs both loads. `token` is an API token of `vault` with `customers:read`; `ids` are
/// customers that exist in both `vault` and `baseline`'s store (the same synthetic rows).
pub async fn api_load(
    vault: Arc<Vault>,
    baseline: Arc<PlaintextCustomers>,
    token: String,
    vault_ids: Vec<CustomerId>,
    baseline_ids: Vec<CustomerId>,
    connections: usize,
    seconds: u64,
) -> std::io::Result<ApiLoad> {
    let (dir, tls) = self_signed(&vault)?;
    let options = || ServerOptions { per_ip_limits: false, ..ServerOptions::default() };

    let protected_state = Arc::new(ServerState::new(Arc::clone(&vault), options()));
    let protected = strongroom_server::router(protected_state);
    let baseline_state = Arc::new(ServerState::new(vault, options()));
    let baseline_routes: Router<Arc<ServerState>> = Router::new().route(
        "/api/v1/customers/{id}",
        get(move |UrlPath(id): UrlPath<String>| {
            let baseline = Arc::clone(&baseline);
            async move { plaintext_customer(baseline, id).await }
        }),
    );
    let plaintext = strongroom_server::with_guards(baseline_routes, baseline_state);

    let mut figures = ApiLoad { connections, seconds, ..ApiLoad::default() };
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let sampling = Arc::clone(&sampling);
        tokio::spawn(async move {
            let mut largest = 0.0f64;
            while sampling.load(Ordering::Relaxed) {
                largest = largest.max(resident_mb_of(None, false));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            largest
        })
    };
    figures.protected = run_against(protected, Arc::clone(&tls), &dir, "protected", &token, &vault_ids, connections, seconds).await?;
    sampling.store(false, Ordering::Relaxed);
    figures.rss_under_load_mb = sampler.await.map_err(std::io::Error::other)?;
    figures.plaintext = run_against(plaintext, tls, &dir, "plaintext", &token, &baseline_ids, connections, seconds).await?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(figures)
}

async fn plaintext_customer(baseline: Arc<PlaintextCustomers>, id: String) -> Response {
    let Ok(id) = CustomerId::parse(&id) else { return axum::http::StatusCode::NOT_FOUND.into_response() };
    match tokio::task::spawn_blocking(move || baseline.customer(id)).await {
        Ok(Ok(Some(customer))) => {
            Json(CustomerRecordJson { customer: CustomerJson::from(&customer), purchases: None, repairs: None, aml_records: None })
                .into_response()
        }
        Ok(Ok(None)) => axum::http::StatusCode::NOT_FOUND.into_response(),
        _ => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Serves `app` on a loopback port and points `wrk` at it, each connection going round the ids.
#[allow(clippy::too_many_arguments)]
async fn run_against(
    app: Router,
    tls: Arc<rustls::ServerConfig>,
    dir: &Path,
    name: &str,
    token: &str,
    ids: &[CustomerId],
    connections: usize,
    seconds: u64,
) -> std::io::Result<WrkRun> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let listening = strongroom_server::Listening { per_ip_limits: false, ..strongroom_server::Listening::new(Some(tls), Arc::default()) };
    let server = tokio::spawn(strongroom_server::serve(listener, app, listening, async {
        let _ = stopped.await;
    }));
    let url = format!("https://localhost:{}", address.port());
    let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let (token, script) = (token.to_owned(), dir.join(format!("{name}.lua")));
    let run =
        tokio::task::spawn_blocking(move || wrk(&url, &token, &ids, connections, seconds, &script)).await.map_err(std::io::Error::other)?;
    let _ = stop.send(());
    let _ = server.await;
    run
}

/// Runs `wrk` against `url` for `seconds`, each connection asking for the customers `ids` in
/// turn (`/api/v1/customers/{id}?purpose=sale`) with `token`; `script` is where its Lua goes.
pub fn wrk(url: &str, token: &str, ids: &[String], connections: usize, seconds: u64, script: &Path) -> std::io::Result<WrkRun> {
    std::fs::write(script, wrk_script(token, ids))?;
    run_wrk(url, connections, seconds, Some(script))
}

/// Runs `wrk` asking for `url` itself (say `https://localhost:8443/healthz`) for `seconds`: the
/// floor a server's TLS, HTTP and guards put under every request.
pub fn wrk_url(url: &str, connections: usize, seconds: u64) -> std::io::Result<WrkRun> {
    run_wrk(url, connections, seconds, None)
}

fn run_wrk(url: &str, connections: usize, seconds: u64, script: Option<&Path>) -> std::io::Result<WrkRun> {
    let mut command = std::process::Command::new("wrk");
    command.args(["--threads", "2", "--connections", &connections.to_string(), "--duration", &format!("{seconds}s"), "--latency"]);
    if let Some(script) = script {
        command.arg("--script").arg(script);
    }
    let output = command
        .arg(url)
        .output()
        .map_err(|error| std::io::Error::other(format!("cannot run wrk ({error}); install it: apt-get install wrk")))?;
    let report = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(std::io::Error::other(format!("wrk failed: {report}{}", String::from_utf8_lossy(&output.stderr))));
    }
    parse_wrk(&report).ok_or_else(|| std::io::Error::other(format!("cannot read wrk's report:\n{report}")))
}

/// [`api_load`]'s protected half alone: `vault`'s whole records behind `token` under `wrk`,
/// for the same load on another backend (`bench` on PostgreSQL measures SQLite's in the same
/// run, the figure the two are compared by).
pub async fn protected_load(
    vault: Arc<Vault>,
    token: String,
    ids: Vec<CustomerId>,
    connections: usize,
    seconds: u64,
) -> std::io::Result<WrkRun> {
    let (dir, tls) = self_signed(&vault)?;
    let state = Arc::new(ServerState::new(vault, ServerOptions { per_ip_limits: false, ..ServerOptions::default() }));
    let run = run_against(strongroom_server::router(state), tls, &dir, "protected", &token, &ids, connections, seconds).await;
    let _ = std::fs::remove_dir_all(&dir);
    run
}

/// A wrk script that asks for the customers in turn, with the token.
fn wrk_script(token: &str, ids: &[String]) -> String {
    let list: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    format!(
        "local ids = {{{}}}\nlocal n = 0\nwrk.headers[\"Authorization\"] = \"Bearer {token}\"\n\
         request = function()\n  n = n + 1\n  return wrk.format(\"GET\", \"/api/v1/customers/\" .. ids[(n % #ids) + 1] .. \"?purpose=sale\")\nend\n",
        list.join(",")
    )
}

/// Reads requests per second, the 50th and 99th latency percentiles and the non-2xx count from
/// wrk's `--latency` report.
fn parse_wrk(report: &str) -> Option<WrkRun> {
    let requests_per_s = report.lines().find_map(|line| line.trim().strip_prefix("Requests/sec:"))?.trim().parse().ok()?;
    let percentile =
        |label: &str| report.lines().map(str::trim).find_map(|line| line.strip_prefix(label)).map(str::trim).and_then(duration_ms);
    let non_2xx = report
        .lines()
        .find_map(|line| line.trim().strip_prefix("Non-2xx or 3xx responses:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    Some(WrkRun { requests_per_s, p50_ms: percentile("50%")?, p99_ms: percentile("99%")?, non_2xx })
}

/// wrk's durations: `812.00us`, `1.23ms`, `2.01s`.
fn duration_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().ok()?;
    match unit {
        "us" => Some(value / 1000.0),
        "ms" => Some(value),
        "s" => Some(value * 1000.0),
        "m" => Some(value * 60_000.0),
        _ => None,
    }
}

/// The CPU time (user and system) a process has used so far, in seconds, from
/// `/proc/{pid}/stat` (0 when it cannot be read).
pub fn cpu_seconds_of(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |index: usize| fields.get(index).and_then(|value| value.parse::<f64>().ok()).unwrap_or(0.0);
    // The kernel's USER_HZ is 100 on every Linux that Strongroom runs on.
    (ticks(11) + ticks(12)) / 100.0
}

/// The resident memory of a process (`None`: this one) in MiB, from `/proc`: `VmRSS` now, or
/// `VmHWM`, the most it has held, with `high_water`.
pub fn resident_mb_of(pid: Option<u32>, high_water: bool) -> f64 {
    let path = pid.map_or_else(|| "/proc/self/status".to_owned(), |pid| format!("/proc/{pid}/status"));
    let label = if high_water { "VmHWM:" } else { "VmRSS:" };
    std::fs::read_to_string(path)
        .ok()
        .and_then(|status| status.lines().find_map(|line| line.strip_prefix(label).map(str::to_owned)))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A temporary directory holding a self-signed certificate for `localhost`, and the server's
/// TLS settings with it.
fn self_signed(vault: &Vault) -> std::io::Result<(std::path::PathBuf, Arc<rustls::ServerConfig>)> {
    let dir = tempfile_dir()?;
    let identity = TlsIdentity::load_or_create_self_signed(&dir, &["localhost".into()], vault).map_err(std::io::Error::other)?;
    let tls = strongroom_server::server_config(&identity).map_err(std::io::Error::other)?;
    Ok((dir, tls))
}

fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("strongroom-load-{}-{}", std::process::id(), uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrk_reports_are_read() {
        let report = "Running 10s test @ https://localhost:1\n  2 threads and 64 connections\n  Thread Stats   Avg      Stdev     Max   +/- Stdev\n    Latency     9.70ms    2.01ms  31.21ms   70.00%\n  Latency Distribution\n     50%  812.00us\n     75%   10.55ms\n     90%   12.16ms\n     99%    1.02s\n  65975 requests in 10.00s, 45.27MB read\n  Non-2xx or 3xx responses: 3\nRequests/sec:   6595.13\nTransfer/sec:      4.53MB\n";
        let run = parse_wrk(report).unwrap();
        assert_eq!((run.requests_per_s, run.p50_ms, run.p99_ms, run.non_2xx), (6595.13, 0.812, 1020.0, 3));
        assert_eq!(duration_ms("2.5m"), Some(150_000.0));
        assert!(parse_wrk("garbage").is_none());
    }
}
