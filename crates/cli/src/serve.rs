//! `strongroom serve`: the HTTPS server for the shop's browsers, on the embedded default store
//! or PostgreSQL, with the shop key held by this process.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::Args;
use strongroom_app::Vault;
use strongroom_server::{ServerOptions, ServerState, TlsIdentity, server_config};

use crate::Cli;
use crate::open::open_vault;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "0.0.0.0:8443")]
    pub listen: SocketAddr,
    /// The shop's own certificate chain (PEM); without it a self-signed one is made for the
    /// LAN names and kept in the data directory.
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key of --tls-cert (PEM).
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Another name or address the self-signed certificate should cover (repeatable).
    #[arg(long = "tls-name")]
    pub tls_names: Vec<String>,
    /// Networks allowed to connect, e.g. 192.168.1.0/24 (repeatable; adds to `[server] allow`).
    #[arg(long = "allow")]
    pub allow: Vec<String>,
    /// Serve plain HTTP, for a TLS-terminating reverse proxy on this machine (loopback only).
    #[arg(long)]
    pub insecure_http: bool,
    /// Turns off the limits per address (for a load test). Costs: one address can then send
    /// requests and guess passwords and tokens as fast as the machine answers; the per-account
    /// delays and lockout still hold.
    #[arg(long)]
    pub no_address_limits: bool,
    /// Logs as JSON lines (for a log collector) instead of text.
    #[arg(long)]
    pub log_json: bool,
    /// The address staff type into their browsers (https://shop-pc.local:8443). Passkeys are
    /// bound to it and need a host name, not an IP address. Default: https://localhost:PORT.
    #[arg(long)]
    pub public_url: Option<String>,
}

/// The names a self-signed certificate covers: this host's name, localhost, loopback, the
/// listening address if it is a specific one (else this machine's LAN address), and any given
/// with --tls-name.
fn certificate_names(listen: &SocketAddr, extra: &[String]) -> Vec<String> {
    let mut names = vec!["localhost".to_owned(), "127.0.0.1".to_owned(), "::1".to_owned()];
    if let Ok(host) = std::fs::read_to_string("/etc/hostname") {
        let host = host.trim();
        if !host.is_empty() {
            names.push(host.to_owned());
            names.push(format!("{host}.local"));
        }
    }
    if !listen.ip().is_unspecified() {
        names.push(listen.ip().to_string());
    } else if let Some(lan) = lan_address() {
        names.push(lan.to_string());
    }
    names.extend(extra.iter().cloned());
    names.sort();
    names.dedup();
    names
}

/// This machine's address on the shop's network: the source address of a route outwards (a
/// UDP "connect" sends nothing). `None` without a network.
fn lan_address() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    socket.local_addr().ok().map(|address| address.ip()).filter(|ip| !ip.is_loopback() && !ip.is_unspecified())
}

pub fn init_logging(json: bool) {
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("STRONGROOM_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<()> {
    init_logging(args.log_json);
    let settings = Settings::load(&cli.data_dir, cli.database_url.as_deref())?;
    let secret_file = cli.key.key_file.as_deref().or(cli.key.passphrase_file.as_deref());
    serve_vault(&cli.data_dir, secret_file, &settings, open_vault(cli)?, args)
}

/// Serves an open vault until Ctrl-C or SIGTERM; the self-signed certificate, if any, is kept
/// in `data_dir/tls`.
pub fn serve_vault(data_dir: &Path, key_file: Option<&Path>, settings: &Settings, mut vault: Vault, args: &ServeArgs) -> Result<()> {
    strongroom_server::set_shop_zone(settings.time_zone.as_deref()).map_err(anyhow::Error::msg)?;
    let mut allow = settings.allow.clone();
    for network in &args.allow {
        allow.push(crate::settings::parse_network(network)?);
    }
    let public_url = args.public_url.clone().unwrap_or_else(|| format!("https://localhost:{}", args.listen.port()));
    match vault.set_web_origin(&public_url) {
        Ok(()) if args.public_url.is_none() => eprintln!(
            "note: passkeys are bound to {public_url}; give --public-url with the address staff browse to (https://shop-pc.local:{})",
            args.listen.port()
        ),
        Ok(()) => {}
        Err(problem) => eprintln!("warning: {problem}"),
    }
    let vault = Arc::new(vault);
    if args.insecure_http && !args.listen.ip().is_loopback() {
        bail!(
            "--insecure-http serves passwords and customer data in plain text: it is only for a TLS-terminating proxy on this machine, so listen on a loopback address (e.g. --listen 127.0.0.1:8080)"
        );
    }
    let tls = if args.insecure_http {
        eprintln!(
            "WARNING: serving plain HTTP. Passwords and customer data cross the network readable by anyone on it, unless a TLS-terminating proxy on this machine is the only client."
        );
        None
    } else {
        let identity = match (&args.tls_cert, &args.tls_key) {
            (Some(cert), Some(key)) => TlsIdentity::load(cert, key)?,
            _ => TlsIdentity::load_or_create_self_signed(
                &data_dir.join("tls"),
                &certificate_names(&args.listen, &args.tls_names),
                vault.as_ref(),
            )?,
        };
        println!("Certificate fingerprint (SHA-256), for staff to check once in their browser:");
        println!("  {}", identity.fingerprint());
        Some(server_config(&identity)?)
    };
    // Behind a proxy every request comes from the proxy's address: limits per address would
    // put the whole shop in one bucket, so they are off (the proxy should limit instead).
    let per_ip_limits = !args.insecure_http && !args.no_address_limits;
    if args.insecure_http {
        eprintln!("note: limits per address are off behind a proxy; configure rate limits in the proxy");
    } else if args.no_address_limits {
        eprintln!("WARNING: limits per address are off: one address can guess passwords and tokens as fast as the machine answers");
    }
    // Plain HTTP on the port is sent to the same host only if the server answers to that name,
    // else to the public address: never to whatever host a request claims.
    let mut known_hosts = certificate_names(&args.listen, &args.tls_names);
    if let Some(host) = url_host(&public_url) {
        known_hosts.push(host);
    }
    let redirect = strongroom_server::HttpsRedirect { public_url: Some(public_url.clone()), known_hosts };
    let options = ServerOptions {
        listen: args.listen,
        allow,
        insecure_http: args.insecure_http,
        per_ip_limits,
        host: host_paths(data_dir, key_file, args),
        ..ServerOptions::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(options.listen).await.with_context(|| format!("cannot listen on {}", options.listen))?;
        let address = listener.local_addr()?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        let shown = if address.ip().is_unspecified() { SocketAddr::new(IpAddr::from([127, 0, 0, 1]), address.port()) } else { address };
        println!("Strongroom is serving on {scheme}://{shown}/ (listening on {address}); stop it with Ctrl-C.");
        let stale = strongroom_server::remove_stale_uploads();
        if stale > 0 {
            eprintln!("note: removed {stale} import uploads left by a server that stopped before it could delete them");
        }
        let state = Arc::new(ServerState::new(Arc::clone(&vault), options));
        let housekeeping = tokio::spawn(purge_sessions(Arc::clone(&state)));
        let backups = tokio::spawn(scheduled_backups(Arc::clone(&state)));
        let mail = tokio::spawn(send_mail(Arc::clone(&state)));
        let mut listening = state.listening(tls);
        listening.redirect = redirect;
        strongroom_server::serve(listener, strongroom_server::router(state), listening, shutdown_signal()).await?;
        housekeeping.abort();
        backups.abort();
        mail.abort();
        anyhow::Ok(())
    })
}

/// The host of `https://host:port/…`, without brackets around an IPv6 address.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split_once(']')?.0,
        None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Hands the outbox's queued messages (alerts, customers' letters) to the shop's mail server
/// every 20 seconds, once mail is set up. A refused or unreachable server leaves them queued with
/// the reason, which the outbox page shows; the next round tries again.
async fn send_mail(state: Arc<ServerState>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(20));
    loop {
        every.tick().await;
        let sent = state
            .run(|vault| {
                let actor = strongroom_domain::Actor::system("mail sender");
                if vault.mail_settings(&actor)?.is_none() {
                    return Ok(None);
                }
                vault.deliver_mail(&actor, 500).map(Some)
            })
            .await;
        match sent {
            Ok(Some(delivery)) if delivery.sent + delivery.refused > 0 || delivery.stopped.is_some() => {
                tracing::info!(sent = delivery.sent, refused = delivery.refused, waiting = delivery.waiting, stopped = ?delivery.stopped, "mail")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "mail could not be sent"),
        }
    }
}

/// Deletes expired sessions and day-old idempotency keys every ten minutes, the identity records
/// whose five years have passed, and finishes an erasure's purge that another process's reading
/// held up; runs the host doctor and the self-assessment, queues the training reminders, and
/// refreshes the news feeds, once a day.
async fn purge_sessions(state: Arc<ServerState>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    let mut last_doctor: Option<std::time::Instant> = None;
    loop {
        every.tick().await;
        // The host doctor once a day; a check that changed is recorded.
        if last_doctor.is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(86_400)) {
            last_doctor = Some(std::time::Instant::now());
            let paths = state.host_paths();
            match state.run(move |vault| vault.doctor_daily(&strongroom_app::desk::HostFacts::probe(&paths))).await {
                Ok(changes) if !changes.is_empty() => tracing::info!(changes = %changes.join(", "), "the host doctor's checks changed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "the host doctor's daily run failed"),
            }
            // The self-assessment once a day too, so the owner's start page shows today's score.
            let assessed = state
                .run(|vault| {
                    vault
                        .assessment(&strongroom_domain::Actor::system("housekeeping"), strongroom_server::shop_today())
                        .map(|done| done.score)
                })
                .await;
            if let Err(error) = assessed {
                tracing::warn!(%error, "the daily self-assessment failed");
            }
            // Training reminders once a day, when mail is set up (each person at most weekly).
            let reminded = state
                .run(|vault| {
                    vault.send_training_reminders(&strongroom_domain::Actor::system("housekeeping"), strongroom_server::shop_today())
                })
                .await;
            match reminded {
                Ok(reminded) if reminded.people + reminded.escalated > 0 => {
                    tracing::info!(people = reminded.people, escalated = reminded.escalated, "training reminders queued")
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "the training reminders failed"),
            }
            // The news feeds once a day; a feed that fails is shown on the page, not here.
            if let Err(error) = state.run(|vault| vault.refresh_feeds(&strongroom_domain::Actor::system("housekeeping"))).await {
                tracing::warn!(%error, "the news feeds could not be refreshed");
            }
        }
        if let Err(error) = state.run(|vault| vault.purge_expired_sessions()).await {
            tracing::warn!(%error, "could not purge expired sessions");
        }
        if let Err(error) = state.run(|vault| vault.purge_idempotency_keys()).await {
            tracing::warn!(%error, "could not purge old idempotency keys");
        }
        // Identity records past their five years: deleted, each recorded.
        let retention = state
            .run(|vault| vault.run_retention(&strongroom_domain::Actor::system("retention"), strongroom_server::shop_today(), false))
            .await;
        match retention {
            Ok(run) if !run.aml_deleted.is_empty() => {
                tracing::info!(deleted = run.aml_deleted.len(), "identity records past their keeping deleted")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "the retention run failed"),
        }
        match state.run(|vault| vault.retry_purge()).await {
            Ok(false) => {}
            Ok(true) => tracing::warn!("a destroyed key is still in the database's write-ahead log: another process keeps reading"),
            Err(error) => tracing::warn!(%error, "could not purge the database's write-ahead log"),
        }
    }
}

/// Makes the day's backup to every backup folder at the shop's backup time (or as soon as
/// `serve` runs after it, for a PC that is off at night), and a restore drill every 30 days
/// after a good backup; a failed try is retried hourly. Checked every five minutes, with the
/// settings in force then (the owner may change the time on the backup page); each run is
/// recorded in the trail, where the owner's pages read it.
async fn scheduled_backups(state: Arc<ServerState>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
    loop {
        every.tick().await;
        let today = strongroom_server::shop_today_start();
        let ran = state
            .run(move |vault| {
                let actor = strongroom_domain::Actor::system("scheduled backup");
                let daily = vault.backup_settings_in_force()?.time;
                let scheduled = today + time::Duration::hours(daily.hour.into()) + time::Duration::minutes(daily.minute.into());
                let scheduled = (scheduled.unix_timestamp_nanos() / 1000) as i64;
                let now = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000) as i64;
                if !vault.backup_health(&actor)?.backup_due(now, scheduled) {
                    return Ok(());
                }
                for (folder, made) in vault.backup_now(&actor)? {
                    match made {
                        Ok(made) => tracing::info!(file = %made.file.display(), bytes = made.bytes, "backup written"),
                        Err(error) => tracing::warn!(folder = %folder.display(), %error, "backup failed"),
                    }
                }
                if vault.backup_health(&actor)?.drill_due(now) {
                    for drilled in vault.backup_drill(&actor)? {
                        if !drilled.problems.is_empty() {
                            tracing::warn!(folder = %drilled.dir.display(), problems = %drilled.problems.join("; "), "restore drill failed");
                        }
                    }
                }
                Ok::<_, strongroom_app::AppError>(())
            })
            .await;
        if let Err(error) = ran {
            tracing::warn!(%error, "the scheduled backup could not run");
        }
    }
}

/// Completes on Ctrl-C or SIGTERM (systemd's stop).
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}

/// Where the doctor's page looks: the data directory, the key file, the certificate in use.
fn host_paths(data_dir: &Path, key_file: Option<&Path>, args: &ServeArgs) -> strongroom_app::desk::HostPaths {
    let own = data_dir.join("tls").join("cert.pem");
    strongroom_app::desk::HostPaths {
        data_dir: data_dir.to_owned(),
        key_file: key_file.map(Path::to_owned),
        backup_dirs: Vec::new(),
        tls_cert: if args.insecure_http { None } else { args.tls_cert.clone().or(Some(own)) },
        // The vault's antivirus settings fill this in (`ServerState::host_paths`).
        clamd: strongroom_app::antivirus::ClamdAddress::default(),
    }
}
