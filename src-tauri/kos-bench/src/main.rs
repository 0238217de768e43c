//! `kos-bench`: generates the 1M-note workload deterministically (a brand, `--staff` bound accounts, notes
//! over the last 365 days), writes it as the platform's CSV export, imports it through the real import path
//! (`Service::start_note_import`), then measures the note queue: every filter × sort (first page and a deep
//! page), the counts, 2-character keyword search, the I-1/I-2 boards of running 30- and 365-day campaigns and
//! the D-1 dashboards over the analytics column store (its cold load once), the export of every row. One JSON
//! line per measure:
//! `{"measure": "...", "n": ..., "p50_ms": ..., "p95_ms": ...}`.
//!
//!     cargo run --release --bin kos-bench -- --notes 1000000 --staff 5000 [--csv PATH] [--db PATH] [--runs N]
//!
//! `kos-bench crash --kills N` is the crash suite instead (see `crash`); `kos-bench load --url …` the team
//! server's load benchmark (see `load`). With `--pg URL` the workload runs on the team store (PostgreSQL, an
//! empty database) instead of a SQLite file, imported through the same import path (UNNEST batches there).

mod crash;
// issue 13 (U-4): many signed-in users on one team server
mod load;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use kos_core::clock::{shanghai, ts};
use kos_core::incentives::engine::AwardRules;
use kos_core::note_file;
use kos_core::service::{
    sort_value, AccountHealthArgs, CampaignArgs, CreateCampaignArgs, DashboardArgs, EmployeeDashboardArgs,
    ExportFormat, ExportNotesArgs, HealthSort, JobState, LeaderViewArgs, ListNotesArgs, NoteList, NoteQuery, NoteSort,
    PreviewNoteFileArgs, StartNoteImportArgs,
};
use kos_core::store::note_queue::{self, Lane, NoteFilter, PageQuery, SortKey};
use kos_core::vault::KeyPlace;
use kos_core::{Actor, Clock, Service};

struct Opts {
    notes: usize,
    staff: usize,
    csv: Option<PathBuf>,
    db: Option<PathBuf>,
    runs: usize,
    /// run only the export measures against `--db` (a fresh process, so its peak memory is the export's)
    export_only: bool,
    /// run only the boards, leader view and dashboards against a `--db` an earlier run kept
    boards_only: bool,
    /// stop after the import, the parse of the file alone and the window's keyword calls
    import_only: bool,
    /// U-4: the team store instead of a SQLite file: an empty PostgreSQL database (C collation)
    pg: Option<String>,
}

fn opts() -> Result<Opts, String> {
    let mut o = Opts {
        notes: 1_000_000,
        staff: 5_000,
        csv: None,
        db: None,
        runs: 30,
        export_only: false,
        boards_only: false,
        import_only: false,
        pg: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut v = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--notes" => o.notes = v()?.parse().map_err(|e| format!("--notes: {e}"))?,
            "--staff" => o.staff = v()?.parse().map_err(|e| format!("--staff: {e}"))?,
            "--csv" => o.csv = Some(PathBuf::from(v()?)),
            "--db" => o.db = Some(PathBuf::from(v()?)),
            "--runs" => o.runs = v()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--export-only" => o.export_only = true,
            "--boards-only" => o.boards_only = true,
            "--import-only" => o.import_only = true,
            "--pg" => o.pg = Some(v()?),
            "--help" | "-h" => {
                return Err("kos-bench [--notes N] [--staff N] [--csv PATH] [--db PATH | --pg URL] [--runs N] [--export-only | --boards-only | --import-only]\n\
                     kos-bench load --url http://127.0.0.1:PORT --admin NAME --password P [--users 50] [--seconds 60]\n\
                     kos-bench crash --kills N …".into());
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.staff == 0 || o.notes == 0 {
        return Err("--notes and --staff must be positive".into());
    }
    if o.pg.is_some() && (o.db.is_some() || o.export_only || o.boards_only) {
        return Err(
            "--pg runs the whole workload on an empty PostgreSQL database: without --db, --export-only, --boards-only"
                .into(),
        );
    }
    Ok(o)
}

/// SplitMix64: small, fast, the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A heavy-tailed count with the given median.
    fn skewed(&mut self, median: f64) -> i64 {
        let u = self.unit().max(1e-9);
        (median * (u / (1.0 - u)).powf(0.9)).round() as i64
    }
}

const WORDS: [&str; 48] = [
    "上门保洁",
    "深度清洁",
    "月嫂",
    "育婴师",
    "收纳整理",
    "开荒保洁",
    "油烟机清洗",
    "空调清洗",
    "家电清洗",
    "保姆",
    "钟点工",
    "擦玻璃",
    "除螨",
    "厨房",
    "卫生间",
    "新房",
    "产后修复",
    "皮肤管理",
    "祛痘",
    "补水",
    "美容院",
    "护肤",
    "脱毛",
    "头皮护理",
    "肩颈放松",
    "经验分享",
    "行业揭秘",
    "日常工作记录",
    "顾客变美实录",
    "用户体验",
    "福利官",
    "明星员工",
    "培训日常",
    "品牌故事",
    "优惠",
    "新人",
    "干货",
    "避坑",
    "对比",
    "前后",
    "一周",
    "真实",
    "上海",
    "杭州",
    "苏州",
    "宝妈",
    "租房",
    "老房子",
];
const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗",
];
const GIVEN: [&str; 24] = [
    "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚",
    "桂英", "芳", "婷", "雪", "慧", "鑫",
];
/// appears in about one title in a thousand: the rare 2-character keyword
const RARE: &str = "鑫淼";

async fn seed_brand(svc: &Service, staff: usize, now: &str) -> Result<Actor, Box<dyn std::error::Error>> {
    // one SQL text for both stores (`$n` placeholders, TRUE/FALSE flags), run through the storage seam
    let mut tx = svc.db().write().await?;
    kos_core::on!(&mut *tx, |c| {
        sqlx::query(
        "INSERT INTO enterprises (id, name, industry, city, store_count, professional_account, staff_mgmt_permission, created_at)
         VALUES (1, '基准家政', '家政', '上海', 50, TRUE, TRUE, $1)",
    )
    .bind(now)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    for s in 1..=50i64 {
        kos_core::on!(&mut *tx, |c| sqlx::query(
            "INSERT INTO stores (id, enterprise_id, name, city, district, address, opened_on)
             VALUES ($1, 1, $2, $3, '中心区', '中心路 1 号', '2020-01-01')",
        )
        .bind(s)
        .bind(format!("第{s}门店"))
        .bind(["上海", "杭州", "苏州"][s as usize % 3])
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    let mut rng = Rng(7);
    for i in 1..=staff as i64 {
        let name = format!("{}{}", SURNAMES[rng.below(20) as usize], GIVEN[rng.below(24) as usize]);
        let followers = rng.skewed(300.0);
        kos_core::on!(&mut *tx, |c| sqlx::query(
            "INSERT INTO staff (id, enterprise_id, store_id, name, id_hmac, id_masked, hired_on, created_at)
             VALUES ($1, 1, $2, $3, $4, '**************0000', '2024-01-01', $5)",
        )
        .bind(i)
        .bind(1 + i % 50)
        .bind(&name)
        .bind(format!("bench-{i}"))
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))?;
        kos_core::on!(&mut *tx, |c| {
            sqlx::query(
            "INSERT INTO xhs_accounts (id, xhs_id, nickname, followers, has_shop, phone_bound, owner_staff_id, created_at)
             VALUES ($1, $2, $3, $4, FALSE, TRUE, $1, $5)",
        )
        .bind(i)
        .bind(format!("kb{i:08}"))
        .bind(format!("员工号{i}"))
        .bind(followers)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ())
        })?;
        kos_core::on!(&mut *tx, |c| {
            sqlx::query(
            "INSERT INTO bindings (enterprise_id, account_id, staff_id, mode, job_title, status, invited_by, invited_at, effective_at)
             VALUES (1, $1, $1, 'enterprise', '员工', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z')",
        )
        .bind(i)
        .execute(c)
        .await
        .map(|_| ())
        })?;
    }
    for table in ["enterprises", "stores", "staff", "xhs_accounts"] {
        kos_core::store::ex::after_explicit_ids(&mut *tx, table).await?;
    }
    let user: i64 = kos_core::on!(&mut *tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO users (name, role, enterprise_id, created_at) VALUES ('基准市场', 'brand_marketing', 1, $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    tx.commit().await?;
    Ok(svc.actor(user).await?)
}

/// The platform export the workload imports: one row per note, published over the last 365 days.
fn write_csv(path: &PathBuf, notes: usize, staff: usize, now: chrono::DateTime<Utc>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    out.write_all(
        "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享,涨粉,阅读UV,平均浏览时长,视频5s播放率,图文3s阅读率,视频总时长\n"
            .as_bytes(),
    )?;
    let mut rng = Rng(20231101);
    for i in 0..notes {
        let words = 3 + rng.below(3) as usize;
        let mut title = String::new();
        for w in 0..words {
            if w > 0 {
                title.push(' ');
            }
            title.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        }
        if rng.below(1000) == 0 {
            title.push(' ');
            title.push_str(RARE);
        }
        let video = rng.below(5) < 2;
        let at = now - Duration::seconds(rng.below(365 * 86_400) as i64);
        let local = at.with_timezone(&shanghai()).format("%Y-%m-%d %H:%M:%S");
        let exposure = rng.skewed(800.0);
        let reads = exposure * (10 + rng.below(40) as i64) / 100;
        let likes = rng.skewed(8.0);
        let (rate5, rate3, secs) = if video {
            (format!("{:.1}%", 20.0 + rng.unit() * 60.0), String::new(), (15 + rng.below(300)).to_string())
        } else {
            (String::new(), format!("{:.1}%", 20.0 + rng.unit() * 60.0), String::new())
        };
        writeln!(
            out,
            "{:024x},{title},{},{local},kb{:08},{exposure},{reads},{likes},{},{},{},{},{},{:.1},{rate5},{rate3},{secs}",
            0x6400_0000_0000_0000_0000_0000u128 + i as u128,
            if video { "视频" } else { "图文" },
            1 + rng.below(staff as u64),
            likes / 3,
            rng.skewed(2.0),
            rng.skewed(1.0),
            rng.skewed(0.5),
            reads * 8 / 10,
            5.0 + rng.unit() * 40.0,
        )?;
    }
    out.flush()
}

fn emit(measure: &str, n: i64, times: &mut [f64], extra: serde_json::Value) {
    times.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    let mut line = serde_json::json!({
        "measure": measure,
        "n": n,
        "p50_ms": (pick(0.5) * 100.0).round() / 100.0,
        "p95_ms": (pick(0.95) * 100.0).round() / 100.0,
    });
    if let (Some(l), Some(e)) = (line.as_object_mut(), extra.as_object()) {
        l.extend(e.clone());
    }
    println!("{line}");
}

// Peak memory and CPU time come from Linux's /proc; elsewhere the figures are left out of the report (null)
// and the timings still run.
#[cfg(target_os = "linux")]
fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

#[cfg(not(target_os = "linux"))]
fn peak_rss_mb() -> Option<f64> {
    None
}

/// CPU time this process has used (user + system, every thread), in ms: on a shared machine the wall time
/// of a phase depends on the other processes, its CPU time much less.
#[cfg(target_os = "linux")]
fn cpu_ms() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name (which is in parentheses and may hold spaces)
    let rest = s.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0) // USER_HZ is 100 on Linux
}

#[cfg(not(target_os = "linux"))]
fn cpu_ms() -> Option<f64> {
    None
}

#[cfg(target_os = "linux")]
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

#[cfg(not(target_os = "linux"))]
fn reset_peak_rss() {}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("kos-bench: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("crash") => return crash::main(&args[1..]).await,
        Some("crash-child") => return crash::child(&args[1..]).await,
        Some("load") => return load::main(&args[1..]).await,
        _ => {}
    }
    let o = opts()?;
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).single().ok_or("time")?;
    if o.export_only {
        let db = o.db.clone().ok_or("--export-only needs --db")?;
        return export_only(&db, now).await;
    }
    if o.boards_only {
        let db = o.db.clone().ok_or("--boards-only needs --db")?;
        let svc = Service::open(&db, Clock::fixed(now)).await?;
        let actor = svc.actor(bench_user(&svc).await?).await?;
        return boards_and_dashboards(&svc, &actor, now, o.runs).await;
    }
    let tmp = std::env::temp_dir().join(format!("kos-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let db = o.db.clone().unwrap_or_else(|| tmp.join("bench.db"));
    let svc = match &o.pg {
        // U-4: the team store, as kos-server opens it (its proofs and key beside the run's temp files)
        Some(url) => {
            let keys = KeyPlace::File(tmp.join("keys").join("kos-bench.keys"));
            let svc = Service::open_team(url, &tmp.join("data"), Clock::fixed(now), keys, 8).await?;
            eprintln!("team store: {}", svc.db().location());
            svc
        }
        None => Service::open(&db, Clock::fixed(now)).await?,
    };
    let t = Instant::now();
    let actor = seed_brand(&svc, o.staff, &ts(now)).await?;
    eprintln!("seeded {} staff and accounts in {:.0} ms", o.staff, t.elapsed().as_secs_f64() * 1e3);

    let csv = o.csv.clone().unwrap_or_else(|| tmp.join("notes.csv"));
    let t = Instant::now();
    write_csv(&csv, o.notes, o.staff, now)?;
    let gen_ms = t.elapsed().as_secs_f64() * 1e3;
    eprintln!("generated {} notes in {:.0} ms: {}", o.notes, gen_ms, csv.display());

    // the window's order: the file chosen and previewed (the whole file read and hashed), then 开始导入; the
    // import is timed from that click (it hashes the file again and takes the preview kept for that content)
    let file = svc.grant_open(&csv)?.token;
    let t = Instant::now();
    svc.preview_note_file(&actor, PreviewNoteFileArgs { enterprise_id: 1, file: file.clone() }).await?;
    emit("preview_note_file", o.notes as i64, &mut [t.elapsed().as_secs_f64() * 1e3], serde_json::json!({}));
    let t = Instant::now();
    let args = StartNoteImportArgs { enterprise_id: 1, file, mapping: None, data_date: None };
    let mut indexing_at = None;
    let mut indexing_cpu = None;
    let cpu_before = cpu_ms();
    let job = svc
        .import_notes_and_wait(&actor, args, |p| {
            if indexing_at.is_none() && p.phase_en.starts_with("Building") {
                indexing_at = Some(t.elapsed().as_secs_f64() * 1e3);
                indexing_cpu = cpu_ms();
            }
        })
        .await?;
    let import_ms = t.elapsed().as_secs_f64() * 1e3;
    let cpu_after = cpu_ms();
    if job.state != JobState::Done {
        return Err(format!("import ended {:?}: {:?}", job.state, job.error).into());
    }
    emit(
        "import_csv",
        o.notes as i64,
        &mut [import_ms],
        serde_json::json!({
            "rows_per_sec": (o.notes as f64 / import_ms * 1e3).round(),
            "rows_phase_ms": indexing_at.map(f64::round),
            "index_phase_ms": indexing_at.map(|at| (import_ms - at).round()),
            "rows_phase_cpu_ms": cpu_before.zip(indexing_cpu).map(|(a, b)| b - a),
            "index_phase_cpu_ms": indexing_cpu.zip(cpu_after).map(|(a, b)| b - a),
        }),
    );

    // the import loads the column store once it is done; wait for that before measuring anything else
    let t = Instant::now();
    svc.analytics_stats(1).await?;
    emit("analytics_ready_after_import", o.notes as i64, &mut [t.elapsed().as_secs_f64() * 1e3], serde_json::json!({}));
    if o.import_only {
        parse_alone(&csv)?;
        window_keyword(&svc, &actor, o.runs).await?;
        svc.db().close().await;
        if o.db.is_none() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        return Ok(());
    }

    let a_note: String = kos_core::on!(svc.db().pool(), |c| sqlx::query_scalar(
        "SELECT note_id FROM notes WHERE id = 424242 % (SELECT MAX(id) FROM notes) + 1"
    )
    .fetch_one(c)
    .await)?;
    let since = ts(now - Duration::days(30));
    let base = NoteFilter { enterprise_id: 1, ..Default::default() };
    let filters: Vec<(&str, NoteFilter)> = vec![
        ("none", base.clone()),
        ("type", NoteFilter { note_type: Some("video"), ..base.clone() }),
        ("published_30d", NoteFilter { published_from: Some(since.clone()), ..base.clone() }),
        (
            "type_published_30d",
            NoteFilter { note_type: Some("image"), published_from: Some(since.clone()), ..base.clone() },
        ),
        ("keyword2_common", NoteFilter { keyword: Some("保洁".into()), ..base.clone() }),
        ("keyword2_rare", NoteFilter { keyword: Some(RARE.into()), ..base.clone() }),
        ("staff_name", NoteFilter { staff_name: Some("王敏".into()), ..base.clone() }),
        ("note_id", NoteFilter { note_id: Some(a_note), ..base.clone() }),
    ];
    let sorts = [
        ("published", SortKey::Published),
        ("exposure", SortKey::Exposure),
        ("reads", SortKey::Reads),
        ("interactions", SortKey::Interactions),
    ];
    let mut conn = svc.db().pool().acquire().await?;
    for (fname, filter) in &filters {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..o.runs.min(10) {
            let t = Instant::now();
            total = note_queue::count(&mut conn, Lane::Queue, filter).await?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        emit(&format!("count/{fname}"), total, &mut times, serde_json::json!({}));
        for (sname, sort) in sorts {
            for deep in [false, true] {
                // a deep page: the cursor of the row half-way down the list, as if paged there
                let after = if deep {
                    let mid = u32::try_from(total / 2).unwrap_or(u32::MAX);
                    let q =
                        PageQuery { lane: Lane::Queue, filter, sort, desc: true, after: None, limit: 1, offset: mid };
                    note_queue::list_page(&mut conn, &q).await?.first().map(|n| (sort_value(sort, n), n.id))
                } else {
                    None
                };
                if deep && after.is_none() {
                    continue;
                }
                let mut times = Vec::new();
                let mut rows = 0;
                for _ in 0..o.runs {
                    let q = PageQuery {
                        lane: Lane::Queue,
                        filter,
                        sort,
                        desc: true,
                        after: after.clone(),
                        limit: 21,
                        offset: 0,
                    };
                    let t = Instant::now();
                    rows = note_queue::list_page(&mut conn, &q).await?.len();
                    times.push(t.elapsed().as_secs_f64() * 1e3);
                }
                let name = format!("page_{}/{fname}/{sname}", if deep { "deep" } else { "first" });
                emit(&name, rows as i64, &mut times, serde_json::json!({ "of": total }));
            }
        }
    }
    // 跳至: page 500 of 20 rows by offset, newest first
    let mut times = Vec::new();
    for _ in 0..o.runs {
        let q = PageQuery {
            lane: Lane::Queue,
            filter: &base,
            sort: SortKey::Published,
            desc: true,
            after: None,
            limit: 21,
            offset: 9_980,
        };
        let t = Instant::now();
        note_queue::list_page(&mut conn, &q).await?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    emit("page_jump_500/none/published", 20, &mut times, serde_json::json!({}));
    drop(conn);

    window_keyword(&svc, &actor, o.runs).await?;

    boards_and_dashboards(&svc, &actor, now, o.runs).await?;

    if o.pg.is_some() {
        // the exports stream the same queue pages; measured on the solo file only (a fresh process there)
        eprintln!("team store: exports not measured (run without --pg for them)");
        svc.db().close().await;
        let _ = std::fs::remove_dir_all(&tmp);
        return Ok(());
    }
    // the exports run in a fresh process on the same database, so the peak memory printed is theirs
    svc.db().close().await;
    let status =
        std::process::Command::new(std::env::current_exe()?).args(["--export-only", "--db"]).arg(&db).status()?;
    if !status.success() {
        return Err("the export run failed".into());
    }
    if o.db.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(())
}

/// What reading the file costs without writing anything: the preview pass (every row counted) and the
/// parse of every row into a note record, each on this thread alone.
fn parse_alone(csv: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let preview = note_file::preview(csv)?;
    emit("preview_csv", preview.rows, &mut [t.elapsed().as_secs_f64() * 1e3], serde_json::json!({}));
    let t = Instant::now();
    let mut rows = 0;
    for row in note_file::open(csv, &preview.mapping)? {
        row?.map_err(|e| e.reason_en)?;
        rows += 1;
    }
    emit("parse_csv", rows, &mut [t.elapsed().as_secs_f64() * 1e3], serde_json::json!({}));
    Ok(())
}

/// The whole service call the window makes for a first page of 待审核笔记 with a 2-character keyword
/// (page + 共 N 条 + marks), common and rare.
async fn window_keyword(svc: &Service, actor: &Actor, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    for (label, keyword) in [("keyword2_common", "保洁"), ("keyword2_rare", RARE)] {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let page = svc
                .list_notes(
                    actor,
                    ListNotesArgs {
                        enterprise_id: 1,
                        list: NoteList::Queue,
                        tab: None,
                        query: NoteQuery { keyword: Some(keyword.into()), ..Default::default() },
                        sort: NoteSort::Exposure,
                        desc: true,
                        page_size: 20,
                        cursor: None,
                        page: None,
                    },
                )
                .await?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
            total = page.total;
        }
        emit(&format!("list_notes_service/{label}/exposure"), total, &mut times, serde_json::json!({}));
    }
    Ok(())
}

/// I-1..I-3 boards of running campaigns and the D-1 dashboards over the analytics column store: the cold
/// load once, then each service call warm.
async fn boards_and_dashboards(
    svc: &Service,
    actor: &Actor,
    now: chrono::DateTime<Utc>,
    runs: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    // the cold load, as after an import
    svc.invalidate_analytics();
    reset_peak_rss();
    let rss_before = peak_rss_mb();
    let t = Instant::now();
    let stats = svc.analytics_stats(1).await?;
    let ms = t.elapsed().as_secs_f64() * 1e3;
    emit(
        "analytics_load",
        stats.notes as i64,
        &mut [ms],
        serde_json::json!({
            "staff": stats.staff,
            "accounts": stats.accounts,
            "exact": stats.exact,
            "columns_mb": (stats.heap_bytes as f64 / 1048576.0 * 10.0).round() / 10.0,
            "peak_rss_mb": peak_rss_mb(),
            "rss_before_mb": rss_before,
        }),
    );
    let today = now.with_timezone(&shanghai()).date_naive();
    for days in [30, 365] {
        let start = (today - Duration::days(days - 1)).to_string();
        // an I-1 campaign (the single viral note board) and an I-2 one (the cumulative ranking and honour)
        let i1 = AwardRules { ranking_top_n: 0, honour_top_n: 0, ..AwardRules::deck_defaults() };
        let i2 = AwardRules { viral_top_n: 0, ..AwardRules::deck_defaults() };
        for (kind, rules) in [("i1", i1), ("i2", i2)] {
            let args = CreateCampaignArgs {
                enterprise_id: 1,
                name: format!("基准 {kind} {days} 天"),
                start_date: start.clone(),
                end_date: today.to_string(),
                scope: None,
                rules: Some(rules),
            };
            let id = svc.create_campaign(actor, args).await?.id;
            let mut times = Vec::new();
            let mut board = None;
            for _ in 0..runs {
                let t = Instant::now();
                board = Some(svc.campaign_board(actor, CampaignArgs { campaign_id: id }).await?);
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let b = board.ok_or("no runs")?;
            emit(
                &format!("board_{kind}/{days}d"),
                b.notes_considered,
                &mut times,
                serde_json::json!({
                    "viral": b.board.viral.len(),
                    "ranking": b.board.ranking.len(),
                    "top": b.board.viral.first().map(|a| a.interactions)
                        .or(b.board.ranking.first().map(|a| a.total_interactions)),
                }),
            );
        }
        // 领导看板: the deck's rules, whole and narrowed to a city (three races again, plus each listed
        // person's daily running total from notes and snapshots)
        let args = CreateCampaignArgs {
            enterprise_id: 1,
            name: format!("基准 领导看板 {days} 天"),
            start_date: start.clone(),
            end_date: today.to_string(),
            scope: None,
            rules: None,
        };
        let id = svc.create_campaign(actor, args).await?.id;
        for (label, city) in [("leader_view", None), ("leader_view_city", Some("杭州".to_string()))] {
            let mut times = Vec::new();
            let mut view = None;
            for _ in 0..runs {
                let t = Instant::now();
                let args = LeaderViewArgs { campaign_id: id, store_id: None, city: city.clone() };
                view = Some(svc.campaign_leader_view(actor, args).await?);
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let v = view.ok_or("no runs")?;
            emit(
                &format!("{label}/{days}d"),
                v.board.notes_considered,
                &mut times,
                serde_json::json!({ "people": v.people.len(), "days": v.dates.len(), "trend_lines": v.trend.len() }),
            );
        }
        let mut times = Vec::new();
        let mut notes = 0;
        for _ in 0..runs {
            let args = DashboardArgs { enterprise_id: 1, from: start.clone(), to: today.to_string() };
            let t = Instant::now();
            notes = svc.dashboard_enterprise(actor, args).await?.kpis.notes;
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        emit(&format!("dashboard_enterprise/{days}d"), notes, &mut times, serde_json::json!({}));
    }
    let mut times = Vec::new();
    let mut staff_notes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        staff_notes =
            svc.dashboard_employee(actor, EmployeeDashboardArgs { enterprise_id: 1, staff_id: 42 }).await?.notes_total;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    emit("dashboard_employee", staff_notes, &mut times, serde_json::json!({ "running_campaigns": 4 }));
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..runs.min(10) {
        let t = Instant::now();
        let args = AccountHealthArgs { enterprise_id: 1, sort: HealthSort::NotesLast7d, desc: true };
        rows = svc.account_health(actor, args).await?.rows.len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    emit("account_health", rows as i64, &mut times, serde_json::json!({}));
    Ok(())
}

/// The bench's marketing user in a kept database.
async fn bench_user(svc: &Service) -> Result<i64, Box<dyn std::error::Error>> {
    Ok(kos_core::on!(svc.db().pool(), |c| sqlx::query_scalar("SELECT id FROM users WHERE name = '基准市场'")
        .fetch_one(c)
        .await)?)
}

/// The export measures: every row of the queue to XLSX and to CSV, in this process alone.
async fn export_only(db: &std::path::Path, now: chrono::DateTime<Utc>) -> Result<(), Box<dyn std::error::Error>> {
    let svc = Service::open(db, Clock::fixed(now)).await?;
    let actor = svc.actor(bench_user(&svc).await?).await?;
    let tmp = db.parent().unwrap_or(std::path::Path::new("."));
    for (format, ext) in [(ExportFormat::Xlsx, "xlsx"), (ExportFormat::Csv, "csv")] {
        let path = tmp.join(format!("export.{ext}"));
        reset_peak_rss();
        let before = peak_rss_mb();
        let t = Instant::now();
        let list = ListNotesArgs {
            enterprise_id: 1,
            list: NoteList::Queue,
            tab: None,
            query: NoteQuery::default(),
            sort: NoteSort::Published,
            desc: true,
            page_size: 20,
            cursor: None,
            page: None,
        };
        let job =
            svc.start_note_export(&actor, ExportNotesArgs { list, format, file: svc.grant_save(&path)?.token }).await?;
        let done = svc.wait_job(&actor, job.id, |_| {}).await?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        if done.state != JobState::Done {
            return Err(format!("export ended {:?}: {:?}", done.state, done.error).into());
        }
        emit(
            &format!("export_{ext}"),
            done.done,
            &mut [ms],
            serde_json::json!({
                "peak_rss_mb": peak_rss_mb(),
                "rss_before_mb": before,
                "file_mb": (std::fs::metadata(&path)?.len() as f64 / 1048576.0 * 10.0).round() / 10.0,
            }),
        );
    }
    svc.db().close().await;
    Ok(())
}
