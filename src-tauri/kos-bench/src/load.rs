//! `kos-bench load` (issue 13's acceptance, U-4): many signed-in users on one team server at once, over real
//! HTTP on loopback. Set-up as the administrator: the demo when the server is empty, a running campaign, and
//! `--users` users of the demo brand with roles (品牌市场, 管理层, 门店店长), each signed in with a password of
//! their own. Then for `--seconds` every user repeats what their role does, with a pause of up to `--think-ms`
//! between two actions: 品牌市场 pages 待审核笔记 (sorts, a keyword, the next page), opens the campaign board and
//! the dashboard, imports a small note export (upload to /api/files, start_note_import, job_status until done)
//! and freezes or unfreezes a binding of their own; 管理层 reads the board, the 领导看板 and the dashboard; 门店店长
//! lists their store's bindings and staff. At the end: p50/p95/max per command, requests, errors; the exit
//! status is 1 when any request failed (any answer but 2xx).
//!
//!     kos-bench load --url http://127.0.0.1:8787 --admin NAME --password P [--users 50] [--seconds 60] [--think-ms 1000]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct LoadOpts {
    url: String,
    admin: String,
    password: String,
    users: usize,
    seconds: u64,
    think_ms: u64,
}

fn opts(args: &[String]) -> Result<LoadOpts, String> {
    let mut o = LoadOpts {
        url: String::new(),
        admin: String::new(),
        password: String::new(),
        users: 50,
        seconds: 60,
        think_ms: 1000,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--url" => o.url = v()?.trim_end_matches('/').to_string(),
            "--admin" => o.admin = v()?,
            "--password" => o.password = v()?,
            "--users" => o.users = v()?.parse().map_err(|e| format!("--users: {e}"))?,
            "--seconds" => o.seconds = v()?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--think-ms" => o.think_ms = v()?.parse().map_err(|e| format!("--think-ms: {e}"))?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.url.is_empty() || o.admin.is_empty() || o.password.is_empty() {
        return Err(
            "kos-bench load --url URL --admin NAME --password P [--users N] [--seconds N] [--think-ms N]".into()
        );
    }
    if o.users == 0 || o.seconds == 0 {
        return Err("--users and --seconds must be positive".into());
    }
    Ok(o)
}

/// Timings and failures per command, shared by every simulated user.
#[derive(Default)]
struct Tally {
    times: Mutex<BTreeMap<String, Vec<f64>>>,
    errors: Mutex<BTreeMap<String, u64>>,
    /// the first failures, word for word
    samples: Mutex<Vec<String>>,
}

impl Tally {
    fn record(&self, command: &str, ms: f64, failure: Option<String>) {
        self.times.lock().unwrap_or_else(|p| p.into_inner()).entry(command.to_string()).or_default().push(ms);
        if let Some(f) = failure {
            *self.errors.lock().unwrap_or_else(|p| p.into_inner()).entry(command.to_string()).or_default() += 1;
            let mut s = self.samples.lock().unwrap_or_else(|p| p.into_inner());
            if s.len() < 20 {
                s.push(format!("{command}: {f}"));
            }
        }
    }
}

#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
    tally: Arc<Tally>,
}

type Answer = Result<Value, String>;

impl Client {
    /// `POST /api/<command>` with `body`; timed and counted under `command` (when `tally` is true).
    async fn call(&self, command: &str, body: Value, tally: bool) -> Answer {
        let req = self.http.post(format!("{}/api/{command}", self.base)).json(&body);
        let parse = |text: &str| {
            Ok(if text.is_empty() { Value::Null } else { serde_json::from_str(text).map_err(|e| e.to_string())? })
        };
        self.send(req, tally.then_some(command), parse).await
    }

    /// `POST /api/files?name=…`: an upload, answered with the file token.
    async fn upload(&self, name: &str, bytes: Vec<u8>) -> Answer {
        let req = self.http.post(format!("{}/api/files", self.base)).query(&[("name", name)]).body(bytes);
        self.send(req, Some("files (upload)"), |text| serde_json::from_str(text).map_err(|e| e.to_string())).await
    }

    /// Sends as this client's session; a non-2xx answer is an error naming its status and body, a 2xx one is
    /// read by `parse`. Timed and counted under `label` when there is one.
    async fn send(&self, req: reqwest::RequestBuilder, label: Option<&str>, parse: impl Fn(&str) -> Answer) -> Answer {
        let started = Instant::now();
        let req = match &self.token {
            Some(t) => req.bearer_auth(t),
            None => req,
        };
        let answer = async {
            let res = req.send().await.map_err(|e| format!("transport: {e}"))?;
            let status = res.status();
            let text = res.text().await.map_err(|e| format!("transport: {e}"))?;
            if !status.is_success() {
                return Err(format!("{status} {text}"));
            }
            parse(&text)
        }
        .await;
        if let Some(label) = label {
            self.tally.record(label, started.elapsed().as_secs_f64() * 1e3, answer.as_ref().err().cloned());
        }
        answer
    }

    fn signed_in(&self, token: String) -> Client {
        Client { token: Some(token), ..self.clone() }
    }
}

/// What the simulated users share: the brand, its campaign, the accounts whose notes they import.
struct World {
    brand: i64,
    campaign: i64,
    import_accounts: Vec<String>,
    today: String,
    month_ago: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Marketing,
    Leader,
    StoreManager,
}

struct User {
    client: Client,
    role: Role,
    index: usize,
    /// 门店店长: the store
    store: Option<i64>,
    /// 品牌市场: the binding they freeze and unfreeze, and whether it is frozen now
    binding: Option<(i64, bool)>,
}

/// A small xorshift generator per user: which action, which sort, how long to think.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn fail(what: &str, e: String) -> Box<dyn std::error::Error> {
    format!("set-up, {what}: {e}").into()
}

pub async fn main(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let o = opts(args)?;
    let tally = Arc::new(Tally::default());
    // a workspace build gives reqwest the window's `rustls-no-provider`: a client then needs a process-wide
    // crypto provider, even for plain http (ring's, as the server and the window use)
    #[allow(deprecated)] // rustls 0.23.48 marks ring's provider deprecated for lacking post-quantum key exchange
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build()?;
    let anon = Client { http, base: o.url.clone(), token: None, tally: tally.clone() };
    let t = Instant::now();
    let login = anon
        .call("login", json!({ "name": o.admin, "password": o.password }), false)
        .await
        .map_err(|e| fail("administrator sign-in", e))?;
    let admin = anon.signed_in(login["token"].as_str().ok_or("no token")?.to_string());
    let mut world = set_up(&admin).await?;
    let (users, import_accounts) = make_users(&admin, &world, o.users).await?;
    world.import_accounts = import_accounts;
    eprintln!(
        "set-up in {:.1} s: brand {}, campaign {}, {} users ({} 品牌市场, {} 管理层, {} 门店店长)",
        t.elapsed().as_secs_f64(),
        world.brand,
        world.campaign,
        users.len(),
        users.iter().filter(|u| u.role == Role::Marketing).count(),
        users.iter().filter(|u| u.role == Role::Leader).count(),
        users.iter().filter(|u| u.role == Role::StoreManager).count(),
    );

    let world = Arc::new(world);
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let imports = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for user in users {
        let (world, imports) = (world.clone(), imports.clone());
        let think = o.think_ms;
        tasks.push(tokio::spawn(async move { act(user, &world, deadline, think, &imports).await }));
    }
    for t in tasks {
        t.await?;
    }
    let wall = started.elapsed().as_secs_f64();
    // what the newest imports (up to 50) did with their rows: every row a new note, none refused or set aside
    let newest = admin
        .call("list_note_imports", json!({ "enterprise_id": world.brand }), false)
        .await
        .map_err(|e| fail("list_note_imports", e))?;
    let sum = |k: &str| newest.as_array().into_iter().flatten().filter_map(|r| r[k].as_i64()).sum::<i64>();
    let rows = json!({ "imports_checked": newest.as_array().map_or(0, Vec::len), "inserted": sum("inserted"),
                       "rejected": sum("rejected"), "set_aside": sum("set_aside") });
    if sum("rejected") + sum("set_aside") > 0 {
        tally.record("import rows", 0.0, Some(format!("rows refused or set aside: {rows}")));
    }
    report(&tally, wall, o.users, imports.load(Ordering::Relaxed), rows)
}

async fn set_up(admin: &Client) -> Result<World, Box<dyn std::error::Error>> {
    let info = admin.call("app_info", json!({}), false).await.map_err(|e| fail("app_info", e))?;
    if info["empty"] == true {
        admin.call("load_demo", json!({}), false).await.map_err(|e| fail("load_demo", e))?;
    }
    let brands = admin.call("list_enterprises", Value::Null, false).await.map_err(|e| fail("list_enterprises", e))?;
    let brand = brands.as_array().and_then(|b| b.first()).and_then(|b| b["id"].as_i64()).ok_or("no brand")?;
    let now = chrono::Utc::now().with_timezone(&kos_core::clock::shanghai());
    let today = now.date_naive();
    let month_ago = today - chrono::Duration::days(29);
    let campaign = admin
        .call(
            "create_campaign",
            json!({ "enterprise_id": brand, "name": format!("负载测试 {}", now.format("%H%M%S")),
                    "start_date": month_ago.to_string(), "end_date": today.to_string(), "scope": null, "rules": null }),
            false,
        )
        .await
        .map_err(|e| fail("create_campaign", e))?["id"]
        .as_i64()
        .ok_or("no campaign id")?;
    Ok(World {
        brand,
        campaign,
        import_accounts: Vec::new(),
        today: today.to_string(),
        month_ago: month_ago.to_string(),
    })
}

/// Every active binding of the brand (pages of 100).
async fn active_bindings(admin: &Client, brand: i64) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let mut all = Vec::new();
    let mut cursor = Value::Null;
    loop {
        let page = admin
            .call(
                "list_bindings",
                json!({ "enterprise_id": brand, "tab": "active", "store_id": null, "mode": null, "job_title": null,
                        "keyword": null, "page_size": 100, "cursor": cursor }),
                false,
            )
            .await
            .map_err(|e| fail("list_bindings", e))?;
        all.extend(page["rows"].as_array().cloned().unwrap_or_default());
        cursor = page["next_cursor"].clone();
        if cursor.is_null() {
            return Ok(all);
        }
    }
}

/// `n` users of the brand: three in five 品牌市场, one 管理层, one 门店店长 (of one store each), each signed in with
/// a password of their own (the administrator's reset, then their change).
/// Also answers the 小红书号 of the active bindings no user changes: the accounts whose notes the imports carry.
async fn make_users(
    admin: &Client,
    world: &World,
    n: usize,
) -> Result<(Vec<User>, Vec<String>), Box<dyn std::error::Error>> {
    let stores = admin
        .call("list_stores", json!({ "enterprise_id": world.brand }), false)
        .await
        .map_err(|e| fail("list_stores", e))?;
    let stores: Vec<i64> = stores.as_array().into_iter().flatten().filter_map(|s| s["id"].as_i64()).collect();
    if stores.is_empty() {
        return Err("the brand has no store".into());
    }
    let bindings = active_bindings(admin, world.brand).await?;
    let marketing = (0..n).filter(|i| i % 5 < 3).count();
    if bindings.len() < marketing + 1 {
        return Err(format!(
            "{} active bindings: fewer than one per 品牌市场 user ({marketing}) and one for imports",
            bindings.len()
        )
        .into());
    }
    // each 品牌市场 user changes a binding of their own; the notes imported belong to the others' accounts
    let (own, rest) = bindings.split_at(marketing);
    let tag = format!("{:04x}", chrono::Utc::now().timestamp_subsec_micros() & 0xffff);
    let mut users = Vec::new();
    let mut next_binding = own.iter();
    let mut pending = Vec::new();
    for i in 0..n {
        let (role, role_name) = match i % 5 {
            0..=2 => (Role::Marketing, "brand_marketing"),
            3 => (Role::Leader, "leader"),
            _ => (Role::StoreManager, "store_manager"),
        };
        let store = (role == Role::StoreManager).then(|| stores[i % stores.len()]);
        let binding = if role == Role::Marketing {
            next_binding.next().and_then(|b| b["id"].as_i64()).map(|id| (id, false))
        } else {
            None
        };
        let name = format!("负载{tag}-{i:02}");
        let admin = admin.clone();
        let brand = world.brand;
        pending.push(async move {
            let u = admin
                .call(
                    "create_user",
                    json!({ "name": name, "role": role_name, "enterprise_id": brand,
                            "store_ids": store.map_or(vec![], |s| vec![s]) }),
                    false,
                )
                .await
                .map_err(|e| format!("create_user: {e}"))?;
            admin
                .call("reset_password", json!({ "user_id": u["id"], "new_password": "load-temp-1" }), false)
                .await
                .map_err(|e| format!("reset_password: {e}"))?;
            let anon = Client { token: None, ..admin.clone() };
            let first = anon
                .call("login", json!({ "name": name, "password": "load-temp-1" }), false)
                .await
                .map_err(|e| format!("login: {e}"))?;
            let client = anon.signed_in(first["token"].as_str().ok_or("no token")?.to_string());
            client
                .call(
                    "change_password",
                    json!({ "current_password": "load-temp-1", "new_password": "load-pass-2" }),
                    false,
                )
                .await
                .map_err(|e| format!("change_password: {e}"))?;
            Ok::<User, String>(User { client, role, index: i, store, binding })
        });
        // eight sign-ups at a time: each hashes passwords (Argon2id) on the server
        if pending.len() == 8 || i + 1 == n {
            for u in futures_join(std::mem::take(&mut pending)).await {
                users.push(u.map_err(|e| fail("a user", e))?);
            }
        }
    }
    let accounts = rest.iter().filter_map(|b| b["xhs_id"].as_str().map(str::to_string)).collect();
    Ok((users, accounts))
}

/// Runs the futures concurrently and returns their outputs in order.
async fn futures_join<F>(fs: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = fs.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        match h.await {
            Ok(v) => out.push(v),
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
    out
}

const SORTS: [&str; 4] = ["published", "exposure", "reads", "interactions"];
const KEYWORDS: [&str; 4] = ["保洁", "月嫂", "收纳", "清洁"];

async fn act(mut user: User, world: &World, deadline: Instant, think_ms: u64, imports: &AtomicU64) {
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (user.index as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut imported = 0u64;
    while Instant::now() < deadline {
        let c = &user.client;
        let brand = world.brand;
        match user.role {
            Role::Marketing => match dice.below(20) {
                0..=5 => {
                    let sort = SORTS[dice.below(4) as usize];
                    let keyword = (dice.below(3) == 0).then(|| KEYWORDS[dice.below(4) as usize]);
                    let args = json!({ "enterprise_id": brand, "list": "queue", "tab": null,
                        "query": { "keyword": keyword }, "sort": sort, "desc": true, "page_size": 20,
                        "cursor": null, "page": null });
                    if let Ok(page) = c.call("list_notes", args.clone(), true).await {
                        if let Some(cursor) = page["next_cursor"].as_str().filter(|_| dice.below(2) == 0) {
                            let mut next = args;
                            next["cursor"] = json!(cursor);
                            let _ = c.call("list_notes", next, true).await;
                        }
                    }
                }
                6..=8 => {
                    let _ = c.call("campaign_board", json!({ "campaign_id": world.campaign }), true).await;
                }
                9..=11 => {
                    let args = json!({ "enterprise_id": brand, "from": world.month_ago, "to": world.today });
                    let _ = c.call("dashboard_enterprise", args, true).await;
                }
                12..=13 => {
                    let _ = c.call("note_tab_counts", json!({ "enterprise_id": brand }), true).await;
                }
                14..=16 => {
                    if let Some((id, frozen)) = user.binding {
                        let command = if frozen { "unfreeze" } else { "freeze" };
                        let args = json!({ "binding_id": id, "reason": "负载测试：轮换冻结与解冻" });
                        if c.call(command, args, true).await.is_ok() {
                            user.binding = Some((id, !frozen));
                        }
                    }
                }
                _ => {
                    import_once(c, world, user.index, imported).await;
                    imported += 1;
                    imports.fetch_add(1, Ordering::Relaxed);
                }
            },
            Role::Leader => match dice.below(3) {
                0 => {
                    let _ = c.call("campaign_board", json!({ "campaign_id": world.campaign }), true).await;
                }
                1 => {
                    let args = json!({ "campaign_id": world.campaign, "store_id": null, "city": null });
                    let _ = c.call("campaign_leader_view", args, true).await;
                }
                _ => {
                    let args = json!({ "enterprise_id": brand, "from": world.month_ago, "to": world.today });
                    let _ = c.call("dashboard_enterprise", args, true).await;
                }
            },
            Role::StoreManager => {
                if dice.below(2) == 0 {
                    let args = json!({ "enterprise_id": brand, "tab": "active", "store_id": user.store, "mode": null,
                        "job_title": null, "keyword": null, "page_size": 20, "cursor": null });
                    let _ = c.call("list_bindings", args, true).await;
                } else {
                    let args = json!({ "enterprise_id": brand, "store_id": user.store, "keyword": null,
                        "page_size": 20, "cursor": null });
                    let _ = c.call("list_staff", args, true).await;
                }
            }
        }
        if think_ms > 0 {
            tokio::time::sleep(Duration::from_millis(dice.below(think_ms + 1))).await;
        }
    }
}

/// One small note export (50 rows of new notes of the brand's bound accounts, published two hours ago),
/// uploaded, imported, and followed until it is done; the whole is timed as `import (upload → done)`.
async fn import_once(c: &Client, world: &World, user: usize, n: u64) {
    let started = Instant::now();
    let published = (chrono::Utc::now() - chrono::Duration::hours(2))
        .with_timezone(&kos_core::clock::shanghai())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let mut csv = String::from("笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享,涨粉\n");
    for r in 0..50u64 {
        let account = &world.import_accounts[(user + r as usize) % world.import_accounts.len()];
        csv.push_str(&format!(
            "{:08x}{:08x}{:08x},负载测试笔记 {user} {n} {r} 上门保洁,图文,{published},{account},{},{},{},{},{},0,0\n",
            0xa000_0000u32 + user as u32,
            n as u32,
            r as u32,
            100 + r,
            40 + r,
            5 + r % 7,
            2,
            1
        ));
    }
    let done = async {
        let up = c.upload(&format!("负载导入-{user}-{n}.csv"), csv.into_bytes()).await?;
        let token = up["token"].as_str().ok_or("no file token")?.to_string();
        let job = c
            .call(
                "start_note_import",
                json!({ "enterprise_id": world.brand, "file": token, "mapping": null, "data_date": null }),
                true,
            )
            .await?;
        let id = job["id"].as_i64().ok_or("no job id")?;
        let mut state = job["state"].as_str().unwrap_or_default().to_string();
        while state == "running" {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let p = c.call("job_status", json!({ "job_id": id }), true).await?;
            state = p["state"].as_str().unwrap_or_default().to_string();
            if state != "running" && state != "done" {
                return Err(format!("import ended {state}: {p}"));
            }
        }
        if state != "done" {
            return Err(format!("import ended {state}"));
        }
        Ok::<(), String>(())
    }
    .await;
    c.tally.record("import (upload → done)", started.elapsed().as_secs_f64() * 1e3, done.err());
}

fn report(
    tally: &Tally,
    wall: f64,
    users: usize,
    imports: u64,
    import_rows: Value,
) -> Result<(), Box<dyn std::error::Error>> {
    let times = tally.times.lock().unwrap_or_else(|p| p.into_inner());
    let errors = tally.errors.lock().unwrap_or_else(|p| p.into_inner());
    let mut total = 0usize;
    let mut failed = 0u64;
    println!("{:<26} {:>7} {:>9} {:>9} {:>9} {:>7}", "command", "n", "p50 ms", "p95 ms", "max ms", "errors");
    for (command, t) in times.iter() {
        let mut t = t.clone();
        t.sort_by(|a, b| a.total_cmp(b));
        let pick = |q: f64| t[((t.len() as f64 * q).ceil() as usize).clamp(1, t.len()) - 1];
        let e = errors.get(command).copied().unwrap_or(0);
        if !command.starts_with("import ") {
            total += t.len();
        }
        failed += e;
        println!("{command:<26} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>7}", t.len(), pick(0.5), pick(0.95), pick(1.0), e);
        println!(
            "{}",
            json!({ "measure": format!("load/{command}"), "n": t.len(), "p50_ms": (pick(0.5) * 10.0).round() / 10.0,
                    "p95_ms": (pick(0.95) * 10.0).round() / 10.0, "max_ms": (pick(1.0) * 10.0).round() / 10.0, "errors": e })
        );
    }
    println!(
        "{}",
        json!({ "measure": "load/total", "users": users, "seconds": (wall * 10.0).round() / 10.0, "requests": total,
                "requests_per_sec": (total as f64 / wall * 10.0).round() / 10.0, "imports": imports,
                "newest_imports": import_rows, "errors": failed })
    );
    for s in tally.samples.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        eprintln!("error: {s}");
    }
    if failed > 0 {
        return Err(format!("{failed} requests failed").into());
    }
    Ok(())
}
