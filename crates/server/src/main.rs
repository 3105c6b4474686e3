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
    /// Accounts on the command line.
    Admin {
        #[command(subcommand)]
        command: AdminCmd,
    },
    /// The 10:00 rush: N enterprises ask for M booths at the same moment, over the real API.
    /// Signs in as an existing organizer (`--organizer`, password in FAIRLOG_RUSH_PASSWORD),
    /// invites the enterprises, and each joins and books with its own session.
    Rush {
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        /// An organizer account's name.
        #[arg(long)]
        organizer: String,
        #[arg(long, default_value_t = 200)]
        clients: usize,
        #[arg(long, default_value_t = 50)]
        booths: usize,
        /// Repeat with a new fair each round (a longer, sustained run).
        #[arg(long, default_value_t = 1)]
        rounds: usize,
    },
}

#[derive(Subcommand)]
enum AdminCmd {
    /// Create an organizer: prints a one-time sign-in link (an organizer invitation for NAME,
    /// valid 7 days) where they choose their password.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        database_url: Option<String>,
        /// Where the server is reached, for the printed link.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        /// Only when the store has no accounts yet (scripts/serve on a fresh store).
        #[arg(long)]
        if_none: bool,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
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
            let accounts = store.count_accounts().await.unwrap_or(0);
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
            if accounts == 0 {
                println!(
                    "fairlog-server: no accounts yet: open the link `admin create` printed, or make one with\n  \
                     fairlog-server admin create --name NAME (with the same --data or --database-url)"
                );
            }
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            let app = app.into_make_service_with_connect_info::<SocketAddr>();
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
        Cmd::Admin { command: AdminCmd::Create { name, data, database_url, url, if_none } } => {
            let store = match fairlog_server::open_store(&data, database_url.as_deref()).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("fairlog-server admin: cannot open the store: {e}");
                    return std::process::ExitCode::from(2);
                }
            };
            if if_none && store.count_accounts().await.unwrap_or(0) > 0 {
                return std::process::ExitCode::SUCCESS;
            }
            let name = match fairlog_server::auth::check_name(&name) {
                Ok(n) => n,
                Err(e) => {
                    eprintln!("fairlog-server admin: {}", e.message());
                    return std::process::ExitCode::from(2);
                }
            };
            if let Ok(Some(_)) = store.account_by_name(&name).await {
                eprintln!("fairlog-server admin: an account named {name} exists already");
                return std::process::ExitCode::FAILURE;
            }
            let clock = fairlog_server::auth::Clock::default();
            let made = fairlog_server::auth::make_invitation(
                store.as_ref(),
                &clock,
                fairlog_domain::Role::Organizer,
                None,
                Some(name.clone()),
                None,
            )
            .await;
            match made {
                Ok((token, row)) => {
                    let _ = store
                        .audit(&fairlog_server::store::accounts::AuditRow {
                            at: row.created_at,
                            kind: "invitation_created".into(),
                            account_id: None,
                            name: Some("admin create".into()),
                            address: None,
                            detail: serde_json::json!({"role": "organizer", "name": name}).to_string(),
                        })
                        .await;
                    println!(
                        "Organizer {name}: open this link once to choose a password (valid until {}):\n  {}/#/join/{token}",
                        fairlog_server::auth::rfc3339(row.expires_at),
                        url.trim_end_matches('/')
                    );
                    std::process::ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("fairlog-server admin: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Cmd::Rush { url, organizer, clients, booths, rounds } => {
            let Ok(password) = std::env::var("FAIRLOG_RUSH_PASSWORD") else {
                eprintln!("fairlog-server rush: set FAIRLOG_RUSH_PASSWORD to the organizer's password");
                return std::process::ExitCode::from(2);
            };
            let login = fairlog_server::rush::Login { name: organizer, password };
            match fairlog_server::rush::run(&url, &login, clients, booths, rounds).await {
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
