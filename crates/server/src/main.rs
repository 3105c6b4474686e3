//! `fairlog-server serve` (the API and the app), `import` (start a log from a file) and `rush`
//! (the load tool).
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "fairlog-server",
    about = "One shared, authoritative Fairlog log for organizers, enterprises and hosts"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Serve the JSON API under /api/ and the release app.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Folder of the embedded SQLite store (created if missing).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Use this database instead of the embedded one (postgres://user@host:port/db).
        #[arg(long)]
        database_url: Option<String>,
        /// Folder of the release app (trunk's dist/); without it only the API is served.
        #[arg(long)]
        dist: Option<PathBuf>,
    },
    /// Start an empty store's log from an exported file (verified and replayed first; the
    /// server must not be running on the store).
    Import {
        file: PathBuf,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        database_url: Option<String>,
    },
    /// The 10:00 rush: N enterprises ask for M booths at the same moment, over the real API.
    Rush {
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        #[arg(long, default_value_t = 200)]
        clients: usize,
        #[arg(long, default_value_t = 50)]
        booths: usize,
        /// Repeat with a new fair each round (a longer, sustained run).
        #[arg(long, default_value_t = 1)]
        rounds: usize,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    match Cli::parse().command {
        Cmd::Serve { listen, data, database_url, dist } => {
            let store = match fairlog_server::open_store(&data, database_url.as_deref()).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("fairlog-server: cannot open the store: {e}");
                    return std::process::ExitCode::from(2);
                }
            };
            let kind = store.kind();
            let app = match fairlog_server::app(store, dist).await {
                Ok(app) => app,
                Err(e) => {
                    eprintln!("fairlog-server: cannot load the log: {e}");
                    return std::process::ExitCode::from(2);
                }
            };
            let listener = match tokio::net::TcpListener::bind(listen).await {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("fairlog-server: cannot listen on {listen}: {e}");
                    return std::process::ExitCode::from(2);
                }
            };
            println!("fairlog-server: serving http://{listen}/ (store: {kind})");
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
                eprintln!("fairlog-server: {e}");
                return std::process::ExitCode::FAILURE;
            }
            std::process::ExitCode::SUCCESS
        }
        Cmd::Import { file, data, database_url } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("fairlog-server import: cannot read {}: {e}", file.display());
                    return std::process::ExitCode::from(2);
                }
            };
            let store = match fairlog_server::open_store(&data, database_url.as_deref()).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("fairlog-server import: cannot open the store: {e}");
                    return std::process::ExitCode::from(2);
                }
            };
            let started = std::time::Instant::now();
            match fairlog_server::import::import(store.as_ref(), &text).await {
                Ok(n) => {
                    println!("fairlog-server import: {n} events stored in {:.1} s", started.elapsed().as_secs_f64());
                    std::process::ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("fairlog-server import: {e}; nothing was stored");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Cmd::Rush { url, clients, booths, rounds } => {
            match fairlog_server::rush::run(&url, clients, booths, rounds).await {
                Ok(report) => {
                    println!("{}", serde_json::to_string(&report).expect("report"));
                    std::process::ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("fairlog-server rush: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
    }
}
