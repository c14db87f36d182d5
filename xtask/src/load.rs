//! `cargo xtask load`: the JSON API under load, measured two ways, printed as one JSON object.
//!
//! 1. The real `strongroom serve` process on a demo shop of `--customers` customers (with their
//!    purchases, jobs and staff): first `wrk` over TLS on loopback asking for `/healthz` (the
//!    floor: TLS, HTTP and the guards, nothing else), then asking for whole customer records
//!    with a `customers:read` token; the ratio of the two is the cost of the token check, the
//!    reads, the decryption and the durable event. The server's resident memory is read from
//!    `/proc` while the load runs, and its CPU time per request from `/proc/{pid}/stat`.
//! 2. `strongroom bench --api-seconds`, which serves the same endpoint from an encrypted vault
//!    and from a plaintext store of the same synthetic rows in one process, one after the
//!    other, so the cost of protection is a ratio measured in one run.
//!
//! It needs `wrk` (`apt-get install wrk`) and takes about a minute and a half at 100,000 customers.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};
use strongroom_bench::load::{WrkRun, cpu_seconds_of, resident_mb_of, wrk, wrk_url};

struct Options {
    customers: u64,
    seconds: u64,
    connections: usize,
}

fn options(args: &[String]) -> Result<Options> {
    let mut options = Options { customers: 100_000, seconds: 10, connections: 64 };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--customers" => options.customers = value.parse()?,
            "--seconds" => options.seconds = value.parse()?,
            "--connections" => options.connections = value.parse()?,
            _ => bail!("unknown flag {flag}"),
        }
    }
    Ok(options)
}

/// The server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let options = options(args)?;
    let status = Command::new(env!("CARGO")).args(["build", "--release", "-p", "strongroom"]).current_dir(root).status()?;
    ensure!(status.success(), "the release build failed");
    let binary = root.join("target/release/strongroom");
    let dir = root.join(format!("target/load-{}", std::process::id()));
    let outcome = measure(&binary, &dir, &options);
    let _ = std::fs::remove_dir_all(&dir);
    println!("{}", serde_json::to_string_pretty(&outcome?)?);
    Ok(())
}

fn strongroom(binary: &Path, dir: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new(binary)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--key-file")
        .arg(dir.join("demo.key"))
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    ensure!(output.status.success(), "strongroom {} failed", args.join(" "));
    Ok(String::from_utf8(output.stdout)?)
}

/// A demo shop of `options.customers` customers in `dir`, with a `customers:read` token and
/// the ids of a thousand of its customers.
fn demo_shop(binary: &Path, dir: &Path, options: &Options) -> Result<(String, Vec<String>)> {
    eprintln!("creating a demo shop of {} customers …", options.customers);
    let status = Command::new(binary)
        .args(["demo", "--no-serve", "--customers", &options.customers.to_string(), "--dir"])
        .arg(dir)
        .stdout(Stdio::null())
        .status()?;
    ensure!(status.success(), "strongroom demo failed");
    let made: Value =
        serde_json::from_str(&strongroom(binary, dir, &["token", "create", "--name", "load", "--scope", "customers:read", "--json"])?)?;
    let token = made["token"].as_str().context("token create printed no token")?.to_owned();
    let listed: Value = serde_json::from_str(&strongroom(binary, dir, &["customer", "list", "--limit", "1000", "--json"])?)?;
    let ids: Vec<String> =
        listed.as_array().context("a customer list")?.iter().filter_map(|c| c["id"].as_str().map(str::to_owned)).collect();
    Ok((token, ids))
}

/// `strongroom serve` on the demo shop in `dir`, on a free loopback port, once it answers.
fn start_server(binary: &Path, dir: &Path) -> Result<(Server, u16)> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let listen = format!("127.0.0.1:{port}");
    let child = Command::new(binary)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--key-file")
        .arg(dir.join("demo.key"))
        .args(["serve", "--listen", &listen, "--no-address-limits"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut server = Server(child);
    // Wait for "serving on …", then for the port.
    if let Some(stdout) = server.0.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            if line?.contains("serving on") {
                break;
            }
        }
    }
    let address: SocketAddr = listen.parse()?;
    let started = Instant::now();
    while TcpStream::connect(address).is_err() {
        ensure!(started.elapsed() < Duration::from_secs(20), "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((server, port))
}

/// A `wrk` run and the CPU seconds the server process `pid` spent during it.
fn with_cpu_of(pid: u32, run: impl FnOnce() -> std::io::Result<WrkRun>) -> (std::io::Result<WrkRun>, f64) {
    let before = cpu_seconds_of(pid);
    let outcome = run();
    (outcome, cpu_seconds_of(pid) - before)
}

fn measure(binary: &Path, dir: &Path, options: &Options) -> Result<Value> {
    let (token, ids) = demo_shop(binary, dir, options)?;
    let (server, port) = start_server(binary, dir)?;
    let pid = server.0.id();
    let idle_mb = resident_mb_of(Some(pid), false);
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let sampling = Arc::clone(&sampling);
        std::thread::spawn(move || {
            let mut largest = 0.0f64;
            while sampling.load(Ordering::Relaxed) {
                largest = largest.max(resident_mb_of(Some(pid), false));
                std::thread::sleep(Duration::from_millis(100));
            }
            largest
        })
    };
    eprintln!("wrk: {} connections for {} s against strongroom serve's /healthz …", options.connections, options.seconds);
    let (floor, cpu_floor) =
        with_cpu_of(pid, || wrk_url(&format!("https://localhost:{port}/healthz"), options.connections, options.seconds));
    eprintln!("wrk: {} connections for {} s against strongroom serve's API …", options.connections, options.seconds);
    let script: PathBuf = dir.join("load.lua");
    let (served, cpu_served) =
        with_cpu_of(pid, || wrk(&format!("https://localhost:{port}"), &token, &ids, options.connections, options.seconds, &script));
    sampling.store(false, Ordering::Relaxed);
    let rss_under_load_mb = sampler.join().map_err(|_| anyhow::anyhow!("the memory sampler panicked"))?;
    let high_water_mb = resident_mb_of(Some(pid), true);
    drop(server);
    let (served, floor) = (served?, floor?);
    ensure!(served.non_2xx == 0 && floor.non_2xx == 0, "{} answers were not 2xx", served.non_2xx + floor.non_2xx);
    // CPU microseconds the server spent per answer, over the whole run.
    let per_request = |cpu: f64, run: &WrkRun| {
        let answered = run.requests_per_s * options.seconds as f64;
        if answered > 0.0 { cpu * 1e6 / answered } else { 0.0 }
    };

    eprintln!("strongroom bench: the same endpoint, encrypted and audited against a plaintext baseline …");
    let output = Command::new(binary)
        .args(["bench", "--json", "--audit-events", "0", "--login-flood", "0", "--lookups", "100"])
        .args(["--customers", &options.customers.to_string(), "--api-seconds", &options.seconds.to_string()])
        .args(["--api-connections", &options.connections.to_string()])
        .stderr(Stdio::inherit())
        .output()?;
    ensure!(output.status.success(), "strongroom bench failed");
    let bench: Value = serde_json::from_slice(&output.stdout)?;

    Ok(json!({
        "customers": options.customers,
        "connections": options.connections,
        "seconds": options.seconds,
        "client": "wrk, 2 threads, TLS over loopback, GET /api/v1/customers/{id}?purpose=sale",
        "healthz_requests_per_s": floor.requests_per_s,
        "healthz_p50_ms": floor.p50_ms,
        "healthz_p99_ms": floor.p99_ms,
        "healthz_cpu_us_per_request": per_request(cpu_floor, &floor),
        "serve_requests_per_s": served.requests_per_s,
        "serve_vs_healthz": if floor.requests_per_s > 0.0 { served.requests_per_s / floor.requests_per_s } else { 0.0 },
        "serve_cpu_us_per_request": per_request(cpu_served, &served),
        "serve_p50_ms": served.p50_ms,
        "serve_p99_ms": served.p99_ms,
        "serve_rss_idle_mb": idle_mb,
        "serve_rss_under_load_mb": rss_under_load_mb,
        "serve_rss_high_water_mb": high_water_mb,
        "bench_api_reads_per_s": bench["api_reads_per_s"],
        "bench_api_reads_p99_ms": bench["api_reads_p99_ms"],
        "bench_plaintext_api_reads_per_s": bench["plaintext_api_reads_per_s"],
        "bench_plaintext_api_reads_p99_ms": bench["plaintext_api_reads_p99_ms"],
        "api_protected_vs_plaintext": bench["api_protected_vs_plaintext"],
    }))
}
