//! The headless door. `kos-desk call <command> '<json args>'` runs any command the window can run, through
//! the same `kos_core::api::dispatch`, and prints its JSON result; a failure prints the typed error
//! `{ "code", "message", "message_en", "details" }` as JSON and exits 1.

use std::path::PathBuf;

use std::time::Duration;

use kos_core::api;
use kos_core::db_lock::{HolderKind, Opener};
use kos_core::{Actor, ApiError, Clock, CoreError, Service};

use crate::paths;

pub const USAGE: &str = "KOS 工作台 (KOS Desk)

用法 Usage:
  kos-desk [--db PATH]                          打开窗口 open the window
  kos-desk demo [--db PATH] [--seed N]          载入演示数据 load demo data into an empty database
  kos-desk call --list                          列出全部命令 list every command with its types
  kos-desk call <command> ['<json args>'] [--db PATH] [--as USER]
                                                运行命令并输出 JSON run a command, print its JSON result
  kos-desk import notes FILE [--brand ID] [--date YYYY-MM-DD] [--db PATH] [--as USER]
                                                导入平台笔记数据 import a platform note export (CSV/XLSX)
  kos-desk backup FILE [--db PATH] [--as USER]  备份数据库、在职证明和密钥（口令封存）到一个文件
                                                back up the database, proofs and key (sealed by a passphrase)
  kos-desk restore FILE [--db PATH] [--replace] 从备份恢复（已有品牌数据时需 --replace，原文件移到 replaced-日期）
                                                restore a backup (--replace moves an existing database aside)
  kos-desk export-ts [PATH]                     生成 ui/src/api/commands.gen.ts regenerate the UI's typed commands
  kos-desk --version | --help

数据库 Database: --db PATH, else $KOS_DESK_DB, else the app-data folder. One process at a time uses a
database: a command waits up to --wait SECONDS (default 5) for the window or another command holding it,
then refuses with who holds it (database_in_use).
USER: a user id or exact name (see `kos-desk call list_users`); default: the user acting in the window.
密钥 Key: 系统密钥库 the OS key store; where none exists set KOS_DESK_KEY_FILE=PATH (outside the database's folder).
口令 Passphrase: typed without echo (twice for a backup); when stdin is not a terminal, its first line.
文件 Files: 命令的文件参数（\"file\"，批量校验的 \"proofs_folder\"）在命令行里直接写本机路径，
  命令行是您自己的终端，会为这一次调用授权该路径（读取、写入一次或文件夹）；窗口里的文件只能经由
  程序打开的系统对话框选择。
  A command's file arguments (\"file\", bulk_validate's \"proofs_folder\") take a local path here: the
  command line is your own shell, so it grants that path for this one call (to read, to write once, or a
  folder). In the window, files come only from the native dialogs the program opens.
  e.g. kos-desk call export_juguang '{\"enterprise_id\":1,\"format\":\"csv\",\"file\":\"juguang.csv\"}'";

#[derive(Debug, Clone, PartialEq)]
pub enum Invocation {
    Window {
        db: Option<PathBuf>,
    },
    Demo {
        db: Option<PathBuf>,
        seed: Option<u32>,
        wait: Option<u64>,
    },
    List,
    Call {
        command: String,
        args: String,
        db: Option<PathBuf>,
        user: Option<String>,
        wait: Option<u64>,
    },
    ImportNotes {
        file: PathBuf,
        brand: Option<i64>,
        date: Option<String>,
        db: Option<PathBuf>,
        user: Option<String>,
        wait: Option<u64>,
    },
    Backup {
        file: PathBuf,
        db: Option<PathBuf>,
        user: Option<String>,
        wait: Option<u64>,
    },
    Restore {
        file: PathBuf,
        db: Option<PathBuf>,
        replace: bool,
        wait: Option<u64>,
    },
    ExportTs {
        path: PathBuf,
    },
    Help,
    Version,
}

/// Parses the command line (without the program name).
pub fn parse(args: &[String]) -> Result<Invocation, String> {
    let mut db = None;
    let mut user = None;
    let mut seed = None;
    let mut brand = None;
    let mut date = None;
    let mut wait = None;
    let mut list = false;
    let mut replace = false;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value =
            |name: &str| it.next().cloned().ok_or_else(|| format!("{name} 需要一个值 (needs a value)\n\n{USAGE}"));
        match a.as_str() {
            "--db" => db = Some(PathBuf::from(value("--db")?)),
            "--as" => user = Some(value("--as")?),
            "--seed" => {
                let v = value("--seed")?;
                seed = Some(v.parse::<u32>().map_err(|_| format!("--seed 应为非负整数 (must be a number): {v}"))?);
            }
            "--brand" => {
                let v = value("--brand")?;
                brand = Some(v.parse::<i64>().map_err(|_| format!("--brand 应为品牌 ID (must be a brand id): {v}"))?);
            }
            "--date" => date = Some(value("--date")?),
            "--wait" => {
                let v = value("--wait")?;
                wait = Some(v.parse::<u64>().map_err(|_| format!("--wait 应为秒数 (must be seconds): {v}"))?);
            }
            "--list" => list = true,
            "--replace" => replace = true,
            "--help" | "-h" => return Ok(Invocation::Help),
            "--version" | "-V" => return Ok(Invocation::Version),
            // Tauri/WebKit may pass their own flags to the window process; only positional words matter here
            s if s.starts_with("--") && positional.is_empty() => {}
            s if s.starts_with("--") => return Err(format!("未知选项 (unknown option) {s}\n\n{USAGE}")),
            _ => positional.push(a.clone()),
        }
    }
    let mut pos = positional.into_iter();
    match pos.next().as_deref() {
        None => Ok(Invocation::Window { db }),
        Some("demo") => Ok(Invocation::Demo { db, seed, wait }),
        Some("call") if list => Ok(Invocation::List),
        Some("call") => {
            let command = pos.next().ok_or_else(|| format!("call 需要命令名 (needs a command)\n\n{USAGE}"))?;
            let args = pos.next().unwrap_or_else(|| "{}".into());
            if let Some(extra) = pos.next() {
                return Err(format!("多余的参数 (unexpected argument) {extra}\n\n{USAGE}"));
            }
            Ok(Invocation::Call { command, args, db, user, wait })
        }
        Some("import") => match (pos.next().as_deref(), pos.next()) {
            (Some("notes"), Some(file)) => {
                Ok(Invocation::ImportNotes { file: PathBuf::from(file), brand, date, db, user, wait })
            }
            _ => Err(format!("用法 (usage): kos-desk import notes FILE\n\n{USAGE}")),
        },
        Some(verb @ ("backup" | "restore")) => {
            let file = pos.next().ok_or_else(|| format!("用法 (usage): kos-desk {verb} FILE\n\n{USAGE}"))?;
            if let Some(extra) = pos.next() {
                return Err(format!("多余的参数 (unexpected argument) {extra}\n\n{USAGE}"));
            }
            let file = PathBuf::from(file);
            Ok(if verb == "backup" {
                Invocation::Backup { file, db, user, wait }
            } else {
                Invocation::Restore { file, db, replace, wait }
            })
        }
        // `export-bindings`: the name before the file was renamed (issue 15), still accepted for old notes and scripts
        Some("export-ts" | "export-bindings") => Ok(Invocation::ExportTs {
            path: PathBuf::from(pos.next().unwrap_or_else(|| "ui/src/api/commands.gen.ts".into())),
        }),
        Some("help") => Ok(Invocation::Help),
        Some(other) => Err(format!("未知子命令 (unknown subcommand) {other}\n\n{USAGE}")),
    }
}

/// Runs a non-window invocation; returns the exit code.
pub fn run(inv: Invocation) -> i32 {
    attach_console();
    match inv {
        Invocation::Help => {
            println!("{USAGE}");
            0
        }
        Invocation::Version => {
            println!("kos-desk {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Invocation::List => {
            for c in api::commands() {
                println!("{}({}) -> {}\n    {}", c.name, c.args, c.result, c.doc);
            }
            println!("\n类型定义见 ui/src/api/commands.gen.ts (type definitions: ui/src/api/commands.gen.ts)");
            0
        }
        #[cfg(feature = "export-ts")]
        Invocation::ExportTs { path } => match crate::ts_export::export(&path) {
            Ok(()) => {
                println!("{}", path.display());
                0
            }
            Err(e) => {
                eprintln!("{e}");
                1
            }
        },
        #[cfg(not(feature = "export-ts"))]
        Invocation::ExportTs { .. } => {
            eprintln!(
                "export-ts 是开发命令：用开发构建运行 `cargo run -- export-ts` \
                 (export-ts is a developer command: run `cargo run -- export-ts` from a development build)"
            );
            2
        }
        Invocation::Demo { db, seed, wait } => {
            let args = serde_json::json!({ "seed": seed }).to_string();
            run_call("load_demo".into(), args, db, Some("1".into()), wait)
        }
        Invocation::Call { command, args, db, user, wait } => run_call(command, args, db, user, wait),
        Invocation::ImportNotes { file, brand, date, db, user, wait } => {
            let args = serde_json::json!({
                "enterprise_id": brand,
                "file": file.display().to_string(),
                "data_date": date,
            });
            run_call(IMPORT_NOTES.into(), args.to_string(), db, user, wait)
        }
        Invocation::Backup { file, db, user, wait } => {
            let passphrase = match read_passphrase(true) {
                Ok(p) => p,
                Err(e) => return print_error(&e),
            };
            let args = serde_json::json!({ "file": file.display().to_string(), "passphrase": passphrase });
            run_call("backup_now".into(), args.to_string(), db, user, wait)
        }
        Invocation::Restore { file, db, replace, wait } => {
            let passphrase = match read_passphrase(false) {
                Ok(p) => p,
                Err(e) => return print_error(&e),
            };
            let Some(runtime) = runtime() else { return 1 };
            let target = paths::resolve_db(db);
            let result = runtime.block_on(async {
                // N-1, B-20: nothing else may hold the database while its files are replaced
                let opener =
                    Opener { kind: HolderKind::Cli, wait: Duration::from_secs(wait.unwrap_or(DEFAULT_WAIT_SECS)) };
                if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| CoreError::DbOpen {
                        path: target.display().to_string(),
                        reason: format!("无法创建目录 {}: {e}", dir.display()),
                    })?;
                }
                let _lock = kos_core::db_lock::DbLock::acquire(&target, opener).await?;
                let keys = kos_core::vault::KeyPlace::from_env().await?;
                kos_core::backup::restore(&file, &passphrase, &target, keys, replace).await
            });
            match result {
                Ok(report) => {
                    println!("{}", serde_json::to_string_pretty(&report).unwrap_or_else(|_| format!("{report:?}")));
                    0
                }
                Err(e) => print_error(&e),
            }
        }
        Invocation::Window { .. } => 2,
    }
}

/// How long a command waits for the database's holder (the window, another command) before refusing.
pub const DEFAULT_WAIT_SECS: u64 = 5;

fn print_error(e: &CoreError) -> i32 {
    let err: ApiError = e.to_api();
    println!("{}", serde_json::to_string_pretty(&err).unwrap_or_else(|_| format!("{err:?}")));
    1
}

fn runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// The backup passphrase: typed without echo at a terminal (twice when `confirm`), else the first line of
/// stdin (scripts and tests). Too short is refused before anything else happens.
fn read_passphrase(confirm: bool) -> Result<String, CoreError> {
    use std::io::{BufRead, IsTerminal};
    let io_err = |e: std::io::Error| {
        CoreError::invalid("passphrase", format!("无法读取口令：{e}"), format!("Cannot read the passphrase: {e}"))
    };
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(io_err)?;
        let pass = line.trim_end_matches(['\r', '\n']).to_string();
        kos_core::backup::check_passphrase(&pass)?;
        return Ok(pass);
    }
    let pass = rpassword::prompt_password("备份口令 (backup passphrase): ").map_err(io_err)?;
    kos_core::backup::check_passphrase(&pass)?;
    if confirm {
        let again = rpassword::prompt_password("再输入一次 (again): ").map_err(io_err)?;
        if again != pass {
            return Err(CoreError::invalid(
                "passphrase",
                "两次输入的口令不一致，未备份",
                "The two passphrases differ; no backup was made",
            ));
        }
    }
    Ok(pass)
}

fn run_call(command: String, args: String, db: Option<PathBuf>, user: Option<String>, wait: Option<u64>) -> i32 {
    let Some(runtime) = runtime() else { return 1 };
    let opener = Opener { kind: HolderKind::Cli, wait: Duration::from_secs(wait.unwrap_or(DEFAULT_WAIT_SECS)) };
    let result = runtime.block_on(call(&command, &args, db, user.as_deref(), opener));
    match result {
        Ok(value) => {
            println!("{}", serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string()));
            0
        }
        Err(e) => {
            let err: ApiError = e.to_api();
            println!("{}", serde_json::to_string_pretty(&err).unwrap_or_else(|_| format!("{err:?}")));
            1
        }
    }
}

/// The pseudo-command behind `kos-desk import notes`: start the import and wait, then print the report.
const IMPORT_NOTES: &str = "import notes";

async fn call(
    command: &str,
    args: &str,
    db: Option<PathBuf>,
    user: Option<&str>,
    opener: Opener,
) -> Result<serde_json::Value, CoreError> {
    if command != IMPORT_NOTES && !api::commands().iter().any(|c| c.name == command) {
        return Err(CoreError::UnknownCommand(command.into()));
    }
    let mut json: serde_json::Value = serde_json::from_str(args).map_err(|e| {
        CoreError::invalid("args", format!("参数不是合法的 JSON：{e}"), format!("Arguments are not valid JSON: {e}"))
    })?;
    // N-1, B-20: one process per database; the lock is held until the command ends
    let svc = Service::open_as(&paths::resolve_db(db), Clock::system(), opener).await?;
    let actor = resolve_actor(&svc, user).await?;
    grant_typed_paths(&svc, if command == IMPORT_NOTES { "start_note_import" } else { command }, &mut json)?;
    let out = if command == IMPORT_NOTES {
        if json["enterprise_id"].is_null() {
            let brands = svc.list_enterprises(&actor, Default::default()).await?;
            let brand = actor.enterprise_id.or(brands.first().map(|b| b.id));
            json["enterprise_id"] = brand.map_or(serde_json::Value::Null, serde_json::Value::from);
        }
        import_notes(&svc, &actor, json).await
    } else {
        match api::dispatch(&svc, &actor, command, json).await {
            // a long job started from the command line runs to its end here, progress on stderr
            Ok(v) if command.starts_with("start_") && v["state"] == "running" => {
                let id = v["id"].as_i64().unwrap_or_default();
                let done = svc.wait_job(&actor, id, print_progress).await?;
                eprintln!();
                serde_json::to_value(done).map_err(|e| CoreError::invalid("result", e.to_string(), e.to_string()))
            }
            other => other,
        }
    };
    svc.db().close().await;
    out
}

/// The command line is the user's own shell: the paths typed into a command's file fields are granted for
/// this call, for the purpose the command declares (`api::file_fields`), and replaced by their tokens.
fn grant_typed_paths(svc: &Service, command: &str, json: &mut serde_json::Value) -> Result<(), CoreError> {
    for (field, purpose) in api::file_fields(command) {
        if let Some(path) = json.get(*field).and_then(|v| v.as_str()).map(str::to_owned) {
            json[*field] = svc.grant_file(std::path::Path::new(&path), *purpose)?.token.into();
        }
    }
    Ok(())
}

fn print_progress(p: &kos_core::service::JobProgress) {
    use std::io::Write;
    let pct = if p.total > 0 { p.done * 100 / p.total } else { 0 };
    let eta = p.eta_secs.map(|s| format!(" 预计剩余 {s} 秒")).unwrap_or_default();
    eprint!("\r{} {}/{} 行 ({pct}%) {} 行/秒{eta}    ", p.phase, p.done, p.total, p.rows_per_sec);
    let _ = std::io::stderr().flush();
}

async fn import_notes(svc: &Service, actor: &Actor, json: serde_json::Value) -> Result<serde_json::Value, CoreError> {
    let args: kos_core::service::StartNoteImportArgs = serde_json::from_value(json).map_err(|e| {
        CoreError::invalid(
            "args",
            format!("参数不正确：{e}（需要 --brand）"),
            format!("Bad arguments: {e} (need --brand)"),
        )
    })?;
    let done = svc.import_notes_and_wait(actor, args, print_progress).await?;
    eprintln!();
    let report = match done.import_id {
        Some(id) => Some(svc.note_import_report(actor, kos_core::service::ImportArgs { import_id: id }).await?),
        None => None,
    };
    if done.state != kos_core::service::JobState::Done {
        return Err(CoreError::invalid(
            "import",
            done.error.clone().unwrap_or_else(|| done.phase.clone()),
            done.error_en.clone().unwrap_or_else(|| done.phase_en.clone()),
        ));
    }
    Ok(serde_json::json!({ "job": done, "report": report }))
}

async fn resolve_actor(svc: &Service, user: Option<&str>) -> Result<Actor, CoreError> {
    let Some(user) = user else { return svc.local_actor().await };
    if let Ok(id) = user.parse::<i64>() {
        return svc.actor(id).await;
    }
    let admin = svc.actor(1).await?;
    let users = svc.list_users(&admin, Default::default()).await?;
    let found: Vec<_> = users.iter().filter(|u| u.name == user).collect();
    match found.as_slice() {
        [one] => svc.actor(one.id).await,
        [] => Err(CoreError::not_found("user", user)),
        _ => Err(CoreError::invalid(
            "as",
            format!("有多个用户名为「{user}」，请改用用户 ID"),
            format!("Several users are named \"{user}\"; use the user id"),
        )),
    }
}

#[cfg(windows)]
fn attach_console() {
    // release builds have no console of their own; print into the terminal that started us
    unsafe {
        windows_sys::Win32::System::Console::AttachConsole(windows_sys::Win32::System::Console::ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Invocation, String> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(p(&[]), Ok(Invocation::Window { db: None }));
        assert_eq!(p(&["--db", "x.db"]), Ok(Invocation::Window { db: Some("x.db".into()) }));
        assert_eq!(
            p(&["demo", "--db", "x.db", "--seed", "7"]),
            Ok(Invocation::Demo { db: Some("x.db".into()), seed: Some(7), wait: None })
        );
        assert_eq!(p(&["call", "--list"]), Ok(Invocation::List));
        assert_eq!(
            p(&["call", "list_staff", "{\"a\":1}", "--db", "x.db", "--as", "周敏"]),
            Ok(Invocation::Call {
                command: "list_staff".into(),
                args: "{\"a\":1}".into(),
                db: Some("x.db".into()),
                user: Some("周敏".into()),
                wait: None
            })
        );
        assert!(p(&["call"]).is_err());
        assert_eq!(
            p(&["import", "notes", "a.csv", "--brand", "2", "--date", "2026-11-20"]),
            Ok(Invocation::ImportNotes {
                file: "a.csv".into(),
                brand: Some(2),
                date: Some("2026-11-20".into()),
                db: None,
                user: None,
                wait: None
            })
        );
        assert_eq!(
            p(&["call", "app_info", "--wait", "30"]),
            Ok(Invocation::Call {
                command: "app_info".into(),
                args: "{}".into(),
                db: None,
                user: None,
                wait: Some(30)
            })
        );
        assert!(p(&["call", "app_info", "--wait", "soon"]).is_err());
        assert!(p(&["import", "staff", "a.csv"]).is_err());
        assert_eq!(
            p(&["backup", "b.kosbackup", "--db", "x.db"]),
            Ok(Invocation::Backup { file: "b.kosbackup".into(), db: Some("x.db".into()), user: None, wait: None })
        );
        assert_eq!(
            p(&["restore", "b.kosbackup", "--replace"]),
            Ok(Invocation::Restore { file: "b.kosbackup".into(), db: None, replace: true, wait: None })
        );
        assert_eq!(
            p(&["restore", "b.kosbackup"]),
            Ok(Invocation::Restore { file: "b.kosbackup".into(), db: None, replace: false, wait: None })
        );
        // issue 15: the generated client is ui/src/api/commands.gen.ts; the old verb still writes it
        assert_eq!(p(&["export-ts"]), Ok(Invocation::ExportTs { path: "ui/src/api/commands.gen.ts".into() }));
        assert_eq!(p(&["export-bindings"]), Ok(Invocation::ExportTs { path: "ui/src/api/commands.gen.ts".into() }));
        assert_eq!(p(&["export-ts", "x.ts"]), Ok(Invocation::ExportTs { path: "x.ts".into() }));
        assert!(p(&["backup"]).is_err());
        assert!(p(&["restore", "a", "b"]).is_err());
        assert!(p(&["frobnicate"]).is_err());
        assert!(p(&["demo", "--seed", "x"]).is_err());
    }
}
