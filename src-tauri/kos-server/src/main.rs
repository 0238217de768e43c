//! `kos-server`: KOS Desk's team server (U-4).
//!
//! ```text
//! kos-server [--config FILE]                      serve (settings: KOS_SERVER_* variables, see --help)
//! kos-server [--config FILE] --create-admin NAME  an administrator who can sign in; password on stdin
//! kos-server [--config FILE] --import-solo PATH    moves a solo database file into the (empty) team store
//! ```

use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use kos_core::Clock;
use kos_server::config;

const HELP: &str = "kos-server — KOS 工作台团队服务器 (KOS Desk team server)

用法 (usage):
  kos-server [--config FILE]                       启动服务 (serve)
  kos-server [--config FILE] --create-admin NAME   设立可登录的管理员，密码从标准输入读取 (password on stdin)
  kos-server [--config FILE] --import-solo PATH    把单机数据库文件（及其在职证明与密钥）搬入空的团队数据库，
                                                   并逐表核对行数与校验和 (move a solo database into the empty
                                                   team store and check every table); the solo file's key is
                                                   read as the window reads it (KOS_DESK_KEY_FILE, else the OS
                                                   key store)
  kos-server --version | --help

设置 (settings, environment; a --config FILE of KEY=VALUE lines may add to them):
  KOS_SERVER_DATABASE_URL   postgres://user:password@host/db   (required; the database must collate as C)
  KOS_SERVER_DATA           folder for employment proofs and transfers (required)
  KOS_SERVER_KEY_FILE       the ID-hash and proof key file, outside KOS_SERVER_DATA (else the OS key store);
                            created 0600 on the first start of an empty server
  KOS_SERVER_LISTEN         address:port (default 127.0.0.1:8787); plain HTTP only on loopback
  KOS_SERVER_TLS_CERT       TLS certificate chain (PEM), with KOS_SERVER_TLS_KEY (PEM private key)
  KOS_SERVER_MAX_UPLOAD_MB  largest upload (default 512)
  KOS_SERVER_DB_CONNECTIONS PostgreSQL connections (default 16)
  KOS_SERVER_WEB            the built UI (ui/dist) for phone browsers at / (U-5); default: the folder web/
                            beside this binary when present; off: none
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut config_file: Option<PathBuf> = None;
    let mut create_admin: Option<String> = None;
    let mut import_solo: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--help" | "-h" => {
                print!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--version" | "-V" => {
                println!("kos-server {}", kos_server::http::VERSION);
                return ExitCode::SUCCESS;
            }
            "--config" => match args.next() {
                Some(f) => config_file = Some(PathBuf::from(f)),
                None => return usage("--config 需要文件路径 (needs a file)"),
            },
            "--create-admin" => match args.next() {
                Some(n) => create_admin = Some(n),
                None => return usage("--create-admin 需要管理员姓名 (needs a name)"),
            },
            "--import-solo" => match args.next() {
                Some(p) => import_solo = Some(PathBuf::from(p)),
                None => return usage("--import-solo 需要单机数据库文件路径 (needs the solo database file)"),
            },
            other => return usage(&format!("未知参数 {other} (unknown argument)")),
        }
    }
    let vars: HashMap<String, String> = std::env::vars().collect();
    let config = match config::from_sources(&vars, config_file.as_deref()) {
        Ok(c) => c,
        Err(e) => return usage(&e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => return fatal(&format!("无法启动运行时 (cannot start the runtime): {e}")),
    };
    runtime.block_on(async move {
        if let Some(solo) = import_solo {
            return import(&solo, &config).await;
        }
        let svc = match kos_server::open_service(&config, Clock::system()).await {
            Ok(s) => s,
            Err(e) => return fatal(&e.to_api().message),
        };
        if let Some(name) = create_admin {
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line).is_err() || line.trim_end_matches(['\r', '\n']).is_empty() {
                return fatal("请从标准输入提供密码 (give the password on stdin)");
            }
            let password = line.trim_end_matches(['\r', '\n']);
            return match svc.create_admin(&name, password).await {
                Ok(id) => {
                    println!("管理员「{name}」已可登录 (administrator {name} can sign in; user id {id})");
                    ExitCode::SUCCESS
                }
                Err(e) => fatal(&e.to_api().message),
            };
        }
        if let Some(dir) = &config.web_dir {
            match kos_server::web::Web::open(dir) {
                Ok(w) => eprintln!("kos-server: phone pages from {}", w.root().display()),
                Err(e) => return fatal(&e),
            }
        }
        let listener = match tokio::net::TcpListener::bind(config.listen).await {
            Ok(l) => l,
            Err(e) => return fatal(&format!("无法监听 {} (cannot listen): {e}", config.listen)),
        };
        let tls = match &config.tls {
            Some((cert, key)) => match kos_server::tls::acceptor(cert, key) {
                Ok(a) => Some(a),
                Err(e) => return fatal(&e),
            },
            None => None,
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        eprintln!("kos-server {} listening on {scheme}://{}", kos_server::http::VERSION, config.listen);
        let state = kos_server::state(svc, &config);
        let served = match tls {
            Some(acceptor) => kos_server::tls::serve(listener, acceptor, state).await,
            None => kos_server::serve(listener, state).await,
        };
        match served {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fatal(&format!("服务中断 (serving stopped): {e}")),
        }
    })
}

/// Issue 13 item 6 (U-4): the solo file, its proofs and its key into the empty team store, then every table
/// compared on both sides; the report on stdout, exit 1 on a refusal or a difference.
async fn import(solo: &std::path::Path, config: &config::Config) -> ExitCode {
    let solo_keys = match kos_core::vault::KeyPlace::from_env().await {
        Ok(k) => k,
        Err(e) => return fatal(&e.to_api().message),
    };
    let target = kos_core::team_move::TeamTarget {
        url: config.database_url.clone(),
        data_dir: config.data_dir.clone(),
        keys: kos_server::key_place(config),
    };
    eprintln!("kos-server: 搬迁 {} → {} …", solo.display(), kos_core::db::without_credentials(&target.url));
    match kos_core::team_move::move_solo_to_team(solo, solo_keys, &target).await {
        Ok(report) => {
            print!("{}", report.to_text());
            ExitCode::SUCCESS
        }
        Err(e) => fatal(&e.to_api().message),
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("kos-server: {message}\n\n{HELP}");
    ExitCode::from(2)
}

fn fatal(message: &str) -> ExitCode {
    eprintln!("kos-server: {message}");
    ExitCode::FAILURE
}
