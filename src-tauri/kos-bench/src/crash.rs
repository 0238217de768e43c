//! `kos-bench crash`: the crash suite (issue 11, item 7). A child process does the work — a note import of a
//! generated platform export (bulk load with the queue indexes dropped, then rebuilt), the migration of a
//! database at an old schema version, a backup of a database with data, or a restore of that backup over
//! another brand's database — and is killed with SIGKILL at a random moment. After every kill the
//! file is checked as the killed process left it (`PRAGMA integrity_check` = ok, `PRAGMA foreign_key_check`
//! empty, no half-applied migration); then the work is started again (and may be killed again) until it
//! completes, and the result must equal an uninterrupted run exactly: every row count, the import's counters,
//! the sums of the metrics, the indexes.
//!
//! A backup killed part-way must leave either no backup file or a whole one (it restores to the same data),
//! and the database untouched; a restore killed part-way must leave, once the database is opened again,
//! either the old database or the backup's, whole, and when it completes the old files kept aside.
//!
//!     kos-bench crash [--kills N] [--notes N] [--staff N] [--scenario import|migration|backup|restore|all]
//!                     [--seed S]
//!
//! `--kills N` kills in total (split between the scenarios). One JSON line per scenario; exit 1 on any
//! failure. Scenarios are a list (`SCENARIOS`), each with its own `prepare`, child work and fingerprint.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use kos_core::db_lock::{HolderKind, Opener};
use kos_core::service::{BackupArgs, JobState, StartNoteImportArgs};
use kos_core::{Clock, Service};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{ConnectOptions, Connection, Row};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The data date every import of the suite uses (the generated notes are published before it).
const DATA_DATE: &str = "2026-11-26";

/// A kind of work the suite interrupts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scenario {
    /// a note import of the generated file into a database with the brand's bound accounts
    Import,
    /// opening a database at schema version `OLD_VERSION` with data: every later migration runs
    Migration,
    /// `backup_now` of a database holding the import's data: the database is unchanged and the backup file,
    /// when there is one, restores to the same data
    Backup,
    /// `kos-desk restore --replace` of that backup over another brand's database (the CLI's path: the lock,
    /// then unpack, check, move): afterwards the database opens as one or the other, whole
    Restore,
}

const SCENARIOS: [Scenario; 4] = [Scenario::Import, Scenario::Migration, Scenario::Backup, Scenario::Restore];
/// The passphrase that seals the key in the suite's backups.
const PASSPHRASE: &str = "崩溃测试的备份口令";
/// The old schema the migration scenario starts from: 0006 (rewrites every note and snapshot column) and
/// 0007 (re-masks staff and history) and every later one run under the kills.
const OLD_VERSION: i64 = 5;

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Scenario::Import => "import",
            Scenario::Migration => "migration",
            Scenario::Backup => "backup",
            Scenario::Restore => "restore",
        }
    }

    fn parse(s: &str) -> Option<Scenario> {
        SCENARIOS.into_iter().find(|x| x.name() == s)
    }
}

struct Opts {
    kills: usize,
    notes: usize,
    staff: usize,
    scenarios: Vec<Scenario>,
    seed: u64,
}

fn opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts { kills: 20, notes: 200_000, staff: 2_000, scenarios: SCENARIOS.to_vec(), seed: 20261126 };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--kills" => o.kills = v()?.parse().map_err(|e| format!("--kills: {e}"))?,
            "--notes" => o.notes = v()?.parse().map_err(|e| format!("--notes: {e}"))?,
            "--staff" => o.staff = v()?.parse().map_err(|e| format!("--staff: {e}"))?,
            "--seed" => o.seed = v()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--scenario" => {
                let s = v()?;
                o.scenarios = if s == "all" {
                    SCENARIOS.to_vec()
                } else {
                    vec![Scenario::parse(&s)
                        .ok_or(format!("--scenario: import, migration, backup, restore or all, not {s}"))?]
                };
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.notes < 1_000 || o.staff == 0 {
        return Err("--notes must be at least 1000 and --staff positive".into());
    }
    Ok(o)
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).single().unwrap_or_default()
}

/// `kos-bench crash …`: the parent.
pub async fn main(args: &[String]) -> Res<()> {
    let o = opts(args)?;
    let dir = std::env::temp_dir().join(format!("kos-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut failed = false;
    let per = o.kills.div_ceil(o.scenarios.len().max(1));
    for (i, scenario) in o.scenarios.iter().enumerate() {
        let kills = per.min(o.kills.saturating_sub(per * i));
        let report = run_scenario(*scenario, &o, kills, &dir.join(scenario.name())).await?;
        failed |= report["failures"].as_u64() != Some(0);
        println!("{report}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    if failed {
        return Err("the crash suite found failures (see the lines above)".into());
    }
    Ok(())
}

/// The kill loop of one scenario; returns its JSON line. Every run works on a copy of the prepared database
/// in a folder of its own (`<dir>/<run>/kos.db`, its key file `<dir>/<run>.keys`), as the proofs, a backup's
/// working folder and a restore's replaced-… folder sit beside the database.
async fn run_scenario(scenario: Scenario, o: &Opts, kills: usize, dir: &Path) -> Res<serde_json::Value> {
    std::fs::create_dir_all(dir)?;
    let started = Instant::now();
    let base = dir.join("base").join("kos.db");
    std::fs::create_dir_all(dir.join("base"))?;
    let csv = dir.join("notes.csv");
    match scenario {
        Scenario::Import => prepare_import(&base, &csv, o).await?,
        Scenario::Migration => prepare_migration(&base, o).await?,
        Scenario::Backup => {
            prepare_import(&base, &csv, o).await?;
            run_child(Scenario::Import, &base, &csv)?;
        }
        Scenario::Restore => {
            // the backup of a brand with the import's notes, restored over another brand's database
            let src = dir.join("src").join("kos.db");
            prepare_import(&src, &csv, o).await?;
            run_child(Scenario::Import, &src, &csv)?;
            run_child(Scenario::Backup, &src, &dir.join("source.kosbackup"))?;
            prepare_import(&base, &csv, o).await?;
        }
    }
    let extra = |db: &Path| match scenario {
        Scenario::Import | Scenario::Migration => csv.clone(),
        Scenario::Backup => backup_file_of(db),
        Scenario::Restore => dir.join("source.kosbackup"),
    };
    // the uninterrupted run: what every interrupted one must end up as
    let reference = fresh_run(&base, "reference")?;
    let t = Instant::now();
    let status = spawn_child(scenario, &reference, &extra(&reference))?.wait()?;
    let full = t.elapsed();
    if !status.success() {
        return Err(format!("{}: the uninterrupted run failed ({status})", scenario.name()).into());
    }
    let expected = fingerprint(scenario, &reference).await?;
    eprintln!("{}: uninterrupted run {:.1} s: {expected}", scenario.name(), full.as_secs_f64());

    let mut rng = super::Rng(o.seed ^ scenario as u64);
    let (mut killed, mut rounds, mut failures, mut longest_chain) = (0usize, 0usize, Vec::<String>::new(), 0usize);
    let mut phases: std::collections::BTreeMap<String, usize> = Default::default();
    let limit = full * 10 + Duration::from_secs(30);
    while killed < kills {
        rounds += 1;
        let work = fresh_run(&base, "work")?;
        let mut chain = 0usize;
        loop {
            let mut child = spawn_child(scenario, &work, &extra(&work))?;
            // kill at a random moment of a full run (resumed runs are shorter: some end before it)
            let at = Duration::from_micros(rng.below((full.as_micros() as u64 * 6 / 5).max(1)));
            let last = killed >= kills;
            match wait_or_kill(&mut child, if last { limit } else { at })? {
                Some(status) if status.success() => break,
                Some(status) => {
                    failures.push(format!("round {rounds}: the child failed ({status})"));
                    break;
                }
                None if last => {
                    failures.push(format!("round {rounds}: the child did not finish within {limit:?}"));
                    break;
                }
                None => {
                    killed += 1;
                    chain += 1;
                    *phases
                        .entry(phase(scenario, &work).await.unwrap_or_else(|e| format!("unreadable: {e}")))
                        .or_default() += 1;
                    if let Err(e) = after_kill(scenario, &work).await {
                        failures.push(format!("kill {killed} (round {rounds}): {e}"));
                    }
                }
            }
        }
        longest_chain = longest_chain.max(chain);
        if let Err(e) = check_file(&work).await {
            failures.push(format!("round {rounds} after completion: {e}"));
        }
        match fingerprint(scenario, &work).await {
            Ok(got) if got == expected => {}
            Ok(got) => failures.push(format!("round {rounds} ({chain} kills): {got} != {expected}")),
            Err(e) => failures.push(format!("round {rounds}: {e}")),
        }
    }
    for f in &failures {
        eprintln!("{}: FAILED {f}", scenario.name());
    }
    Ok(serde_json::json!({
        "scenario": scenario.name(),
        "kills": killed,
        "rounds": rounds,
        "longest_chain_of_kills": longest_chain,
        "killed_during": phases,
        "integrity_ok_after_every_kill": failures.iter().all(|f| !f.contains("integrity") && !f.contains("foreign")),
        "completed_exactly_as_uninterrupted": rounds - failures.iter().filter(|f| f.contains("!=")).count(),
        "failures": failures.len(),
        "uninterrupted_run_s": (full.as_secs_f64() * 10.0).round() / 10.0,
        "notes": if scenario == Scenario::Migration { o.notes / 2 } else { o.notes },
        "wall_s": started.elapsed().as_secs(),
    }))
}

/// Waits for the child up to `at`: its exit status, or `None` after killing it with SIGKILL.
fn wait_or_kill(child: &mut Child, at: Duration) -> Res<Option<std::process::ExitStatus>> {
    let deadline = Instant::now() + at;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            // std's kill is SIGKILL on Unix: no handler, no clean-up, as a crash or a power cut
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The key file of a scenario's databases (B-10: the explicit fallback where no OS key store exists, outside
/// the databases' folder); copies of one database share its key.
fn key_file(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).with_extension("keys")
}

fn spawn_child(scenario: Scenario, db: &Path, csv: &Path) -> Res<Child> {
    Ok(Command::new(std::env::current_exe()?)
        .env("KOS_DESK_KEY_FILE", key_file(db))
        .arg("crash-child")
        .arg(scenario.name())
        .arg(db)
        .arg(csv)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()?)
}

/// The database with its WAL, as a process that ended left it.
fn copy_db(from: &Path, to: &Path) -> Res<()> {
    for suffix in ["", "-wal", "-shm", ".lock", ".key"] {
        let (f, t) =
            (PathBuf::from(format!("{}{suffix}", from.display())), PathBuf::from(format!("{}{suffix}", to.display())));
        let _ = std::fs::remove_file(&t);
        if f.exists() {
            std::fs::copy(&f, &t)?;
        }
    }
    Ok(())
}

/// A copy of the prepared database `base` (with its key file) in the folder `<dir>/<name>/`, made anew.
fn fresh_run(base: &Path, name: &str) -> Res<PathBuf> {
    let dir = base.parent().and_then(Path::parent).ok_or("no scenario folder")?;
    let run = dir.join(name);
    let _ = std::fs::remove_dir_all(&run);
    std::fs::create_dir_all(&run)?;
    let db = run.join("kos.db");
    copy_db(base, &db)?;
    let _ = std::fs::remove_file(key_file(&db));
    if key_file(base).exists() {
        std::fs::copy(key_file(base), key_file(&db))?;
    }
    Ok(db)
}

/// The backup file the backup scenario writes: beside its database.
fn backup_file_of(db: &Path) -> PathBuf {
    db.with_file_name("out.kosbackup")
}

/// Runs the child's work to its end, uninterrupted.
fn run_child(scenario: Scenario, db: &Path, extra: &Path) -> Res<()> {
    let status = spawn_child(scenario, db, extra)?.wait()?;
    if !status.success() {
        return Err(format!("preparing: {} of {} failed ({status})", scenario.name(), db.display()).into());
    }
    Ok(())
}

/// The checks right after a kill, on the files as the killed process left them.
async fn after_kill(scenario: Scenario, db: &Path) -> Res<()> {
    match scenario {
        Scenario::Import | Scenario::Migration => check_file(db).await,
        Scenario::Backup => {
            check_file(db).await?;
            let unchanged = db_fingerprint(Scenario::Import, db).await?;
            let file = backup_file_of(db);
            if file.exists() {
                // a backup file under its real name is a whole one: it restores to the database's data
                let restored = restored_fingerprint(&file).await.map_err(|e| format!("the backup file left: {e}"))?;
                if restored != unchanged {
                    return Err(format!("the backup file left restores to {restored}, not {unchanged}").into());
                }
            }
            Ok(())
        }
        Scenario::Restore => {
            // the next start: opening the database finishes a restore the kill cut off, then it is one of
            // the two databases, whole
            open_and_close(db).await?;
            check_file(db).await?;
            let got = db_fingerprint(Scenario::Import, db).await?;
            let (old, new) = restore_sides(db).await?;
            if got != old && got != new {
                return Err(
                    format!("after the kill the database is neither the old one nor the backup's: {got}").into()
                );
            }
            Ok(())
        }
    }
}

/// Opens the database as the app does (the lock, an interrupted restore finished, migrations), then closes.
async fn open_and_close(db: &Path) -> Res<()> {
    let keys = Some(kos_core::vault::KeyPlace::File(key_file(db)));
    let svc = Service::open_with_keys(db, Clock::fixed(now()), keys).await?;
    svc.db().close().await;
    Ok(())
}

/// The restore scenario's two databases: the one replaced (`base`) and the backup's source (`src`).
async fn restore_sides(db: &Path) -> Res<(String, String)> {
    let dir = db.parent().and_then(Path::parent).ok_or("no scenario folder")?;
    let old = db_fingerprint(Scenario::Import, &dir.join("base").join("kos.db")).await?;
    let new = db_fingerprint(Scenario::Import, &dir.join("src").join("kos.db")).await?;
    Ok((old, new))
}

/// Restores a backup file into a new folder beside it (`kos-desk restore` onto another machine: its own key
/// file) and fingerprints what came out.
async fn restored_fingerprint(file: &Path) -> Res<String> {
    let db = file.with_extension("verify").join("kos.db");
    let _ = std::fs::remove_dir_all(db.parent().unwrap_or(Path::new(".")));
    let _ = std::fs::remove_file(key_file(&db));
    let keys = kos_core::vault::KeyPlace::File(key_file(&db));
    kos_core::backup::restore(file, PASSPHRASE, &db, keys, false).await?;
    let fp = db_fingerprint(Scenario::Import, &db).await;
    let _ = std::fs::remove_dir_all(db.parent().unwrap_or(Path::new(".")));
    let _ = std::fs::remove_file(key_file(&db));
    fp
}

/// `kos-bench crash-child <scenario> <db> <csv>`: the work that gets killed.
pub async fn child(args: &[String]) -> Res<()> {
    let [scenario, db, extra] = args else { return Err("crash-child <scenario> <db> <csv|backup file>".into()) };
    let scenario = Scenario::parse(scenario).ok_or("unknown scenario")?;
    let (db, extra) = (Path::new(db), Path::new(extra));
    // the killed holder's lock went with it: a short wait covers the moment the OS takes to release it
    let wait = Duration::from_secs(10);
    if scenario == Scenario::Restore {
        // as `kos-desk restore FILE --replace`: the lock, then the restore (which first finishes one a kill
        // cut off), the key into the key file named by the environment
        let _lock = kos_core::db_lock::DbLock::acquire(db, Opener { kind: HolderKind::Cli, wait }).await?;
        let keys = kos_core::vault::KeyPlace::from_env().await?;
        kos_core::backup::restore(extra, PASSPHRASE, db, keys, true).await?;
        return Ok(());
    }
    let svc = Service::open_as(db, Clock::fixed(now()), Opener { kind: HolderKind::Job, wait }).await?;
    match scenario {
        Scenario::Import => {
            // a kill after the import finished leaves nothing to redo: the user would not import the file again
            let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM note_imports WHERE status = 'done'")
                .fetch_one(svc.db().lite_pool()?)
                .await?;
            if done == 0 {
                let actor = svc.actor(super::bench_user(&svc).await?).await?;
                let args = StartNoteImportArgs {
                    enterprise_id: 1,
                    file: svc.grant_open(extra)?.token,
                    mapping: None,
                    data_date: Some(DATA_DATE.into()),
                };
                let job = svc.import_notes_and_wait(&actor, args, |_| {}).await?;
                if job.state != JobState::Done {
                    return Err(format!("import ended {:?}: {:?}", job.state, job.error).into());
                }
            }
        }
        Scenario::Backup => {
            // the administrator's 立即备份 (the local administrator is user 1)
            let admin = svc.actor(1).await?;
            let args = BackupArgs { file: svc.grant_save(extra)?.token, passphrase: PASSPHRASE.into() };
            svc.backup_now(&admin, args).await?;
        }
        Scenario::Migration | Scenario::Restore => {}
    }
    svc.db().close().await;
    Ok(())
}

/// The import's database (the brand, its staff and bound accounts) and the export file: the bench's
/// generated notes, then rows the import refuses (a bad publish time), keeps aside (an unknown account) and
/// notes listed again with other figures (updated in a later batch).
async fn prepare_import(db: &Path, csv: &Path, o: &Opts) -> Res<()> {
    let keys = Some(kos_core::vault::KeyPlace::File(key_file(db)));
    let svc = Service::open_with_keys(db, Clock::fixed(now()), keys).await?;
    super::seed_brand(&svc, o.staff, &kos_core::clock::ts(now())).await?;
    svc.db().close().await;
    super::write_csv(&csv.to_path_buf(), o.notes, o.staff, now())?;
    use std::io::Write;
    let mut out = std::fs::OpenOptions::new().append(true).open(csv)?;
    for j in 0..o.notes / 100 {
        let again = 0x6400_0000_0000_0000_0000_0000u128 + (j * 37 % o.notes) as u128;
        writeln!(
            out,
            "{again:024x},再次出现的笔记 {j},图文,2026-11-01 10:00:00,kb{:08},{},{},3,1,1,0,0,7,12.5,,40.0%,",
            1 + j % o.staff,
            900 + j,
            300 + j
        )?;
        writeln!(
            out,
            "{:024x},不认识的账号 {j},图文,2026-11-02 10:00:00,kz{j:08},10,5,1,0,0,0,0,3,5.0,,20.0%,",
            0x6500_0000_0000_0000_0000_0000u128 + j as u128
        )?;
        writeln!(
            out,
            "{:024x},发布时间写错 {j},图文,昨天下午,kb{:08},10,5,1,0,0,0,0,3,5.0,,20.0%,",
            0x6600_0000_0000_0000_0000_0000u128 + j as u128,
            1 + j % o.staff
        )?;
    }
    Ok(())
}

/// A database at schema version `OLD_VERSION` holding a brand with staff (ID masks in the old form that 0007
/// rewrites), bound accounts, `notes / 2` notes with a snapshot each (0006 copies every column) and history.
async fn prepare_migration(db: &Path, o: &Opts) -> Res<()> {
    let options = SqliteConnectOptions::new().filename(db).create_if_missing(true).foreign_keys(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
    let old = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(
            kos_core::db::MIGRATOR.migrations.iter().filter(|m| m.version <= OLD_VERSION).cloned().collect(),
        ),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    old.run(&pool).await?;
    // an install of that version kept its key beside the database; opening it moves the key to the key file
    std::fs::write(format!("{}.key", db.display()), "6b".repeat(32))?;
    let (staff, notes, at) = (o.staff as i64, (o.notes / 2) as i64, kos_core::clock::ts(now()));
    let mut tx = pool.begin().await?;
    for (sql, binds) in [
        (
            "INSERT INTO enterprises (id, name, industry, city, store_count, professional_account, staff_mgmt_permission, created_at)
             VALUES (1, '迁移家政', '家政', '上海', 10, 1, 1, ?1)",
            1,
        ),
        (
            "INSERT INTO stores (id, enterprise_id, name, city, district, address, opened_on)
             WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 10)
             SELECT i, 1, '第' || i || '门店', '上海', '中心区', '中心路 1 号', '2020-01-01' FROM s",
            0,
        ),
        (
            "INSERT INTO staff (id, enterprise_id, store_id, name, id_hmac, id_masked, hired_on, created_at)
             WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?2)
             SELECT i, 1, 1 + i % 10, '员工' || i, 'crash-' || i, '110105********' || printf('%04d', i % 10000),
                    '2024-01-01', ?1 FROM s",
            2,
        ),
        (
            "INSERT INTO xhs_accounts (id, xhs_id, nickname, followers, has_shop, phone_bound, owner_staff_id, created_at)
             WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?2)
             SELECT i, printf('km%08d', i), '员工号' || i, i % 1000, 0, 1, i, ?1 FROM s",
            2,
        ),
        (
            "INSERT INTO bindings (enterprise_id, account_id, staff_id, mode, job_title, status, invited_by, invited_at, effective_at)
             WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?2)
             SELECT 1, i, i, 'enterprise', '员工', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z' FROM s",
            2,
        ),
        (
            "INSERT INTO notes (note_id, account_id, enterprise_id, staff_id, title, note_type, published_at, exposure,
                                reads, likes, collects, comments, shares, follows_gained, read_uv, metrics_date)
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
             SELECT printf('%024x', i), 1 + i % ?2, 1, 1 + i % ?2, '笔记 ' || i,
                    CASE WHEN i % 3 = 0 THEN 'video' ELSE 'image' END,
                    strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-01', '-' || (i % 300) || ' days'),
                    i % 5000, i % 900, i % 50, i % 20, i % 7, i % 5, i % 3, i % 400, '2026-11-20' FROM n",
            3,
        ),
        (
            "INSERT INTO note_snapshots (note_row_id, date, exposure, reads, likes, collects, comments, shares,
                                         follows_gained, read_uv)
             SELECT id, metrics_date, exposure, reads, likes, collects, comments, shares, follows_gained, read_uv
             FROM notes",
            0,
        ),
        (
            "INSERT INTO history (at, actor_id, enterprise_id, entity_type, entity_id, action, summary_zh, summary_en)
             SELECT ?1, 1, 1, 'staff', id, 'create', '新增员工 ' || name || '，身份证 ' || id_masked,
                    'Added staff ' || id || ', ID ' || id_masked FROM staff",
            1,
        ),
    ] {
        // (numbered parameters: a statement takes as many as its highest number)
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if binds >= 1 {
            q = q.bind(&at);
        }
        if binds >= 2 {
            q = q.bind(staff);
        }
        if binds >= 3 {
            q = q.bind(notes);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    pool.close().await;
    Ok(())
}

/// Where the killed work stood, from the file it left.
async fn phase(scenario: Scenario, db: &Path) -> Res<String> {
    let beside = |prefix: &str| -> bool {
        std::fs::read_dir(db.parent().unwrap_or(Path::new(".")))
            .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().starts_with(prefix)))
            .unwrap_or(false)
    };
    match scenario {
        Scenario::Backup if backup_file_of(db).exists() => return Ok("after the backup file took its name".into()),
        Scenario::Backup if beside(".out.kosbackup.partial") => return Ok("writing the backup file".into()),
        Scenario::Backup if beside(".kos-backup-") => return Ok("taking the snapshot".into()),
        Scenario::Backup => return Ok("before the snapshot".into()),
        Scenario::Restore if beside("kos.db.restoring") => return Ok("between the moves".into()),
        Scenario::Restore if beside("replaced-") => return Ok("after the moves".into()),
        Scenario::Restore if beside(".kos-restore-") => return Ok("unpacking and checking".into()),
        Scenario::Restore => return Ok("before unpacking".into()),
        Scenario::Import | Scenario::Migration => {}
    }
    let mut conn = SqliteConnectOptions::new().filename(db).read_only(true).connect().await?;
    let p = match scenario {
        Scenario::Import => {
            let row: Option<(String, i64, i64)> =
                sqlx::query_as("SELECT status, rows_done, rows_total FROM note_imports ORDER BY id DESC LIMIT 1")
                    .fetch_optional(&mut conn)
                    .await?;
            match row {
                None => "before the import row".into(),
                Some((_, 0, _)) => "before the first batch".into(),
                Some((_, done, total)) if done < total => "loading batches".into(),
                Some((status, _, _)) if status == "done" => "after the import".into(),
                Some(_) => "building indexes".into(),
            }
        }
        Scenario::Migration => {
            let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
                .fetch_one(&mut conn)
                .await?;
            format!("schema version {}", v.unwrap_or(0))
        }
        Scenario::Backup | Scenario::Restore => unreachable!("answered above"),
    };
    conn.close().await?;
    Ok(p)
}

/// `PRAGMA integrity_check` = ok, no foreign-key violation, no migration left half-applied.
async fn check_file(db: &Path) -> Res<()> {
    let mut conn = SqliteConnectOptions::new().filename(db).connect().await?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}").into());
    }
    let fk = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut conn).await?;
    if !fk.is_empty() {
        let first: String = fk[0].try_get::<String, _>(0).unwrap_or_default();
        return Err(format!("foreign_key_check: {} violations (first in {first})", fk.len()).into());
    }
    let dirty: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = 0")
        .fetch_one(&mut conn)
        .await
        .unwrap_or(0);
    if dirty > 0 {
        return Err(format!("{dirty} migrations recorded as failed").into());
    }
    conn.close().await?;
    Ok(())
}

/// What a completed run must equal, as text: the database's fingerprint; for a backup also what its file
/// restores to; for a restore also whether the replaced database was kept whole.
async fn fingerprint(scenario: Scenario, db: &Path) -> Res<String> {
    match scenario {
        Scenario::Import | Scenario::Migration => db_fingerprint(scenario, db).await,
        Scenario::Backup => {
            let restored = restored_fingerprint(&backup_file_of(db)).await?;
            Ok(format!("database {} | backup restores to {restored}", db_fingerprint(scenario, db).await?))
        }
        Scenario::Restore => {
            open_and_close(db).await?;
            let (old, _) = restore_sides(db).await?;
            let mut kept = false;
            for e in std::fs::read_dir(db.parent().unwrap_or(Path::new(".")))?.flatten() {
                let aside = e.path().join("kos.db");
                if e.file_name().to_string_lossy().starts_with("replaced-") && aside.exists() {
                    kept |= db_fingerprint(scenario, &aside).await.is_ok_and(|f| f == old);
                }
            }
            Ok(format!("database {} | the replaced one kept whole: {kept}", db_fingerprint(scenario, db).await?))
        }
    }
}

/// The database's own figures, as text.
async fn db_fingerprint(scenario: Scenario, db: &Path) -> Res<String> {
    let mut conn = SqliteConnectOptions::new().filename(db).read_only(true).connect().await?;
    let sql = match scenario {
        Scenario::Import | Scenario::Backup | Scenario::Restore => {
            "SELECT (SELECT COUNT(*) FROM notes) || ' notes, exposure ' || (SELECT TOTAL(exposure) FROM notes)
                 || ', interactions ' || (SELECT TOTAL(interactions) FROM notes)
                 || ', snapshots ' || (SELECT COUNT(*) FROM note_snapshots)
                 || ', rejects ' || (SELECT COUNT(*) FROM note_import_rejects)
                 || ', aside ' || (SELECT COUNT(*) FROM note_import_aside)
                 || ', imports ' || (SELECT COUNT(*) FROM note_imports)
                 || ', import ' || ifnull((SELECT group_concat(status || ' done ' || rows_done || '/' || rows_total
                        || ' ins ' || inserted || ' upd ' || updated || ' same ' || unchanged || ' rej ' || rejected
                        || ' aside ' || set_aside, '; ') FROM note_imports), '-')
                 || ', indexes ' || (SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notes')"
        }
        Scenario::Migration => {
            "SELECT 'schema ' || (SELECT group_concat(version) FROM (SELECT version FROM _sqlx_migrations
                        WHERE success = 1 ORDER BY version))
                 || ', notes ' || (SELECT COUNT(*) FROM notes) || ' interactions ' || (SELECT TOTAL(interactions) FROM notes)
                 || ' read_uv ' || (SELECT TOTAL(read_uv) FROM notes)
                 || ', snapshots ' || (SELECT COUNT(*) FROM note_snapshots) || ' likes '
                 || (SELECT TOTAL(likes) FROM note_snapshots)
                 || ', staff masked to 4 ' || (SELECT COUNT(*) FROM staff WHERE id_masked LIKE '**************%')
                 || ', history ' || (SELECT COUNT(*) FROM history) || ' old masks '
                 || (SELECT COUNT(*) FROM history WHERE instr(summary_zh, '110105********') > 0)
                 || ', indexes ' || (SELECT COUNT(*) FROM sqlite_master WHERE type = 'index')
                 || ', triggers ' || (SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger')"
        }
    };
    let text: String = sqlx::query_scalar(sql).fetch_one(&mut conn).await?;
    conn.close().await?;
    Ok(text)
}
