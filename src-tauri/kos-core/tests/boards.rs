//! I-1, I-2, I-3 at scale and for the reader: the column-store path gives the same boards as the SQL path
//! (demo data and generated ties), boards carry title, link, 小红书号, store and city, organic-only counting
//! of boosted notes, jump flags that mark and never remove, the 颁奖名单 XLSX, and the cache following
//! new notes and imports.

mod common;
mod handmade;

use calamine::{Data, Reader, Xlsx};
use common::TestApp;
use handmade::{likes, N};
use kos_core::incentives::engine::{AwardKind, AwardRules, Board};
use kos_core::model::Role;
use kos_core::service::{
    CampaignArgs, CampaignBoard, CampaignScope, CreateCampaignArgs, ExportAwardSheetArgs, StartNoteImportArgs,
    VoidAwardArgs,
};
use kos_core::{Actor, ErrorCode, Service};

const E: i64 = 1;

async fn marketing_of(app: &TestApp, e: i64) -> Actor {
    let admin = app.admin().await;
    let users = app.svc.list_users(&admin, Default::default()).await.unwrap();
    let u = users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(e)).unwrap();
    app.svc.actor(u.id).await.unwrap()
}

async fn create(
    svc: &Service,
    m: &Actor,
    (start, end): (&str, &str),
    scope: Option<CampaignScope>,
    rules: AwardRules,
) -> i64 {
    let args = CreateCampaignArgs {
        enterprise_id: E,
        name: "全员种草".into(),
        start_date: start.into(),
        end_date: end.into(),
        scope,
        rules: Some(rules),
    };
    svc.create_campaign(m, args).await.unwrap().id
}

async fn board(svc: &Service, a: &Actor, id: i64) -> CampaignBoard {
    svc.campaign_board(a, CampaignArgs { campaign_id: id }).await.unwrap()
}

/// The board the window shows equals the board of every candidate from SQL through `engine::compute`.
async fn same_both_ways(svc: &Service, m: &Actor, id: i64) -> Board {
    let fast = board(svc, m, id).await;
    let slow = svc.campaign_board_via_sql(m, CampaignArgs { campaign_id: id }).await.unwrap();
    assert_eq!(fast.board, slow.board, "campaign {id}");
    assert_eq!(fast.notes_considered, slow.notes_considered, "campaign {id}");
    assert_eq!(fast.metrics_as_of, "latest");
    fast.board
}

fn wide() -> AwardRules {
    AwardRules {
        viral_min_interactions: 0,
        viral_top_n: 60,
        ranking_top_n: 200,
        honour_top_n: 20,
        ..AwardRules::deck_defaults()
    }
}

#[tokio::test]
async fn i1_i2_i3_column_path_equals_sql_path_on_the_demo_data() {
    let app = TestApp::with_demo().await;
    let svc = &app.svc;
    let m = marketing_of(&app, E).await;
    let pool = svc.db().pool();
    // 内容加热 on five of the brand's best recent notes, started two days after their first snapshot
    let first_snapshot: Vec<(i64, String)> = kos_core::on!(pool, |db| sqlx::query_as(
        "SELECT n.id, (SELECT MIN(date) FROM note_snapshots WHERE note_row_id = n.id)
         FROM notes n WHERE n.enterprise_id = 1 AND n.published_at >= '2026-10-28'
           AND EXISTS (SELECT 1 FROM note_snapshots WHERE note_row_id = n.id)
         ORDER BY n.interactions DESC LIMIT 5",
    )
    .fetch_all(db)
    .await)
    .unwrap();
    let boosted: Vec<(i64, String)> = first_snapshot
        .into_iter()
        .map(|(id, day)| {
            let day = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap() + chrono::Duration::days(2);
            (id, day.format("%Y-%m-%d").to_string())
        })
        .collect();
    assert_eq!(boosted.len(), 5);
    for (row, starts_on) in &boosted {
        kos_core::on!(pool, |db| sqlx::query(
            "INSERT INTO note_boosts (enterprise_id, note_row_id, budget_yuan, days, goal, starts_on, created_by, created_at)
             VALUES (1, $1, 500, 3, '产品种草', $2, $3, '2026-11-01T00:00:00Z')",
        )
        .bind(row)
        .bind(starts_on)
        .bind(m.user_id)
        .execute(db)
        .await.map(|r| r.rows_affected()))
        .unwrap();
    }
    let city: String = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT city FROM stores WHERE enterprise_id = 1 ORDER BY id LIMIT 1"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let store: i64 = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT store_id FROM staff WHERE enterprise_id = 1 ORDER BY id LIMIT 1"
    )
    .fetch_one(db)
    .await)
    .unwrap();

    let stats = svc.analytics_stats(E).await.unwrap();
    assert!(stats.exact && stats.notes > 1000, "{stats:?}"); // the boards below take the column path
    let periods = [("2026-10-28", "2026-11-26"), ("2025-11-27", "2026-11-26"), ("2026-11-01", "2026-12-31")];
    let variants = [
        AwardRules::deck_defaults(),
        AwardRules { count_shares: true, ranking_stacks_with_viral: false, ..AwardRules::deck_defaults() },
        wide(),
        AwardRules { organic_only: true, ..wide() },
        AwardRules { organic_only: true, count_shares: true, viral_min_interactions: 20, ..wide() },
    ];
    let mut checked = 0;
    for period in periods {
        for rules in &variants {
            let id = create(svc, &m, period, None, rules.clone()).await;
            let b = same_both_ways(svc, &m, id).await;
            if rules.viral_min_interactions == 0 {
                assert!(b.viral.len() > 10 && b.ranking.len() > 10, "a real board: {period:?}");
            }
            checked += 1;
        }
    }
    for scope in [
        CampaignScope { store_ids: vec![], cities: vec![city] },
        CampaignScope { store_ids: vec![store], cities: vec![] },
    ] {
        let id = create(svc, &m, periods[1], Some(scope), wide()).await;
        same_both_ways(svc, &m, id).await;
        checked += 1;
    }
    // voids move the next up the same way on both paths
    let id = create(svc, &m, periods[1], None, AwardRules { ranking_stacks_with_viral: false, ..wide() }).await;
    let b = same_both_ways(svc, &m, id).await;
    for (kind, key) in [
        (AwardKind::Viral, b.viral[0].note_id.clone()),
        (AwardKind::Viral, b.viral[3].note_id.clone()),
        (AwardKind::Ranking, b.ranking[1].staff_id.to_string()),
        (AwardKind::Honour, b.honour[0].staff_id.to_string()),
    ] {
        svc.void_award(&m, VoidAwardArgs { campaign_id: id, kind, key, reason: "核实中".into() }).await.unwrap();
    }
    let after = same_both_ways(svc, &m, id).await;
    assert_ne!(after.viral[0].note_id, b.viral[0].note_id);
    assert!(checked >= 17);
}

/// SplitMix64, for generated data.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

#[tokio::test]
async fn i1_i2_i3_column_path_equals_sql_path_on_generated_ties() {
    let h = handmade::brand().await;
    let svc = &h.app.svc;
    let mut rng = Rng(42);
    // few publish times and few interaction values: ties on interactions, on publish time, on both
    let times = ["2026-11-16T02:00:00Z", "2026-11-16T02:00:00Z", "2026-11-18T09:30:00Z", "2026-11-20T16:00:00Z"];
    let mut rows = Vec::new();
    for _ in 0..400 {
        let staff = 1 + rng.below(6) as i64;
        let n = N {
            likes: [0, 40, 60, 101, 150][rng.below(5) as usize],
            collects: [0, 0, 41][rng.below(3) as usize],
            comments: [0, 1][rng.below(2) as usize],
            shares: [0, 60][rng.below(2) as usize],
            ..N::default()
        };
        let at = times[rng.below(4) as usize];
        let (row, _) = h.note(staff, at, n, None, &[("2026-11-17", n.likes / 2), ("2026-11-21", n.likes)]).await;
        rows.push(row);
    }
    // notes of the other brand and outside the period take no part
    h.note(7, "2026-11-18T09:30:00Z", likes(999), None, &[]).await;
    h.note(1, "2026-11-15T15:59:59Z", likes(999), None, &[]).await;
    for (i, row) in rows.iter().enumerate().step_by(37) {
        h.boost(*row, ["2026-11-18", "2026-11-22", "2026-11-17"][i % 3], 100).await;
    }
    let period = ("2026-11-16", "2026-11-30");
    let m = &h.marketing;
    assert!(svc.analytics_stats(E).await.unwrap().exact);
    for seed in 0..24u64 {
        let mut r = Rng(seed);
        let rules = AwardRules {
            count_shares: r.below(2) == 0,
            viral_min_interactions: [0, 100, 141][r.below(3) as usize],
            viral_top_n: 1 + r.below(8) as i64,
            ranking_top_n: 1 + r.below(7) as i64,
            honour_top_n: r.below(4) as i64,
            ranking_stacks_with_viral: r.below(2) == 0,
            organic_only: r.below(2) == 0,
            ..AwardRules::deck_defaults()
        };
        let scope = match r.below(3) {
            0 => None,
            1 => Some(CampaignScope { store_ids: vec![1, 3], cities: vec![] }),
            _ => Some(CampaignScope { store_ids: vec![], cities: vec!["杭州".into()] }),
        };
        let id = create(svc, m, period, scope, rules).await;
        let b = same_both_ways(svc, m, id).await;
        if let Some(top) = b.viral.first() {
            svc.void_award(
                m,
                VoidAwardArgs { campaign_id: id, kind: AwardKind::Viral, key: top.note_id.clone(), reason: "x".into() },
            )
            .await
            .unwrap();
            same_both_ways(svc, m, id).await;
        }
    }
}

#[tokio::test]
async fn i1_i2_i3_awards_carry_title_link_xhs_id_store_and_city() {
    let h = handmade::brand().await;
    let (_, a) = h.note(1, "2026-11-20T02:00:00Z", likes(300), None, &[]).await;
    h.note(4, "2026-11-21T02:00:00Z", likes(200), None, &[]).await;
    let id = create(&h.app.svc, &h.marketing, ("2026-11-16", "2026-11-30"), None, AwardRules::deck_defaults()).await;
    let b = board(&h.app.svc, &h.leader, id).await.board;
    let v = &b.viral[0];
    assert_eq!((v.note_id.as_str(), v.staff_name.as_str(), v.store_name.as_str()), (a.as_str(), "王一", "门店甲"));
    assert_eq!(v.xhs_id, "hm0001");
    assert!(v.title.starts_with("笔记"));
    assert_eq!(v.note_url, format!("https://www.xiaohongshu.com/explore/{a}"));
    let r = &b.ranking[1];
    assert_eq!((r.staff_name.as_str(), r.store_name.as_str(), r.city.as_str()), ("赵四", "门店丙", "杭州"));
    assert_eq!(r.xhs_id, "hm0004");
    assert!(b.viral.iter().all(|a| a.flags.is_empty()));

    // a board stored before these fields existed still reads (serde defaults)
    let old = r#"{"viral":[{"rank":1,"note_id":"x","staff_id":1,"staff_name":"王一","published_at":"2026-11-20T02:00:00Z",
        "interactions":300,"boosted_at_interactions":null,"amount_yuan":1000}],
        "ranking":[{"rank":1,"staff_id":1,"staff_name":"王一","total_interactions":300,"notes":1,
        "first_published_at":"2026-11-20T02:00:00Z","amount_yuan":500}],"honour":[],"rules_text":[]}"#;
    let old: Board = serde_json::from_str(old).unwrap();
    assert!(old.viral[0].title.is_empty() && old.viral[0].flags.is_empty() && old.ranking[0].city.is_empty());
    let rules: AwardRules = serde_json::from_str(
        r#"{"count_shares":false,"viral_min_interactions":100,"viral_top_n":5,"viral_award_yuan":1000,
            "ranking_top_n":10,"ranking_award_yuan":500,"honour_top_n":3,"ranking_stacks_with_viral":true}"#,
    )
    .unwrap();
    assert!(!rules.organic_only);
}

#[tokio::test]
async fn i1_i2_organic_only_counts_a_boosted_note_as_of_the_day_before_the_boost() {
    let h = handmade::brand().await;
    let svc = &h.app.svc;
    let (row, a) = h
        .note(
            1,
            "2026-11-17T02:00:00Z",
            likes(900),
            None,
            &[("2026-11-18", 120), ("2026-11-20", 200), ("2026-11-22", 900)],
        )
        .await;
    let (_, b) = h.note(2, "2026-11-18T02:00:00Z", likes(300), None, &[("2026-11-20", 300)]).await;
    h.boost(row, "2026-11-21", 800).await;
    h.boost(row, "2026-11-24", 800).await; // a later boost: the first one counts

    let all_in = create(svc, &h.marketing, ("2026-11-16", "2026-11-30"), None, AwardRules::deck_defaults()).await;
    let organic = AwardRules { organic_only: true, ..AwardRules::deck_defaults() };
    let only = create(svc, &h.marketing, ("2026-11-16", "2026-11-30"), None, organic.clone()).await;

    let bo = same_both_ways(svc, &h.marketing, all_in).await;
    assert_eq!(
        bo.viral.iter().map(|v| (v.note_id.as_str(), v.interactions)).collect::<Vec<_>>(),
        [(a.as_str(), 900), (b.as_str(), 300)]
    );
    assert_eq!(bo.viral[0].boosted_at_interactions, Some(200)); // shown to the reader
    assert!(bo.rules_text.iter().any(|t| t.code == "organic" && t.zh.starts_with("含加热流量")));

    let oo = same_both_ways(svc, &h.marketing, only).await;
    assert_eq!(
        oo.viral.iter().map(|v| (v.note_id.as_str(), v.interactions)).collect::<Vec<_>>(),
        [(b.as_str(), 300), (a.as_str(), 200)]
    );
    assert_eq!(oo.ranking[1].total_interactions, 200);
    let text = oo.rules_text.iter().find(|t| t.code == "organic").unwrap();
    assert!(text.zh.contains("仅计自然流量") && text.zh.contains("加热开始前一天"));

    // no snapshot before the boost: it counts 0 (and is off the I-1 board)
    let (row2, c) = h.note(3, "2026-11-19T02:00:00Z", likes(5000), None, &[("2026-11-23", 5000)]).await;
    h.boost(row2, "2026-11-20", 100).await;
    let oo = same_both_ways(svc, &h.marketing, only).await;
    assert!(oo.viral.iter().all(|v| v.note_id != c));
    let bo = same_both_ways(svc, &h.marketing, all_in).await;
    assert_eq!((bo.viral[0].note_id.as_str(), bo.viral[0].boosted_at_interactions), (c.as_str(), Some(0)));

    // an ended campaign takes metrics as of its end; a boost that started after the end changes nothing
    let ended = create(svc, &h.marketing, ("2026-11-16", "2026-11-19"), None, organic).await;
    let e = board(svc, &h.marketing, ended).await;
    assert_eq!(e.metrics_as_of, "2026-11-19");
    assert_eq!(
        e.board.viral.iter().map(|v| (v.note_id.as_str(), v.interactions)).collect::<Vec<_>>(),
        [(a.as_str(), 120)]
    );
    assert_eq!(e.board.viral[0].boosted_at_interactions, None);
}

#[tokio::test]
async fn i1_i2_i3_jump_flags_mark_awards_far_above_the_persons_history_and_remove_none() {
    let h = handmade::brand().await;
    let svc = &h.app.svc;
    // campaign 2026-11-16..2026-11-30 (15 days); previous periods 11-01..11-15 and 10-17..10-31;
    // the 90 days before it start on 2026-08-18
    for at in [
        "2026-09-01T02:00:00Z",
        "2026-10-20T02:00:00Z",
        "2026-10-25T02:00:00Z",
        "2026-11-05T02:00:00Z",
        "2026-11-10T02:00:00Z",
    ] {
        h.note(1, at, likes(20), None, &[]).await; // 王一: best 20, 80 in the two previous periods
        h.note(2, at, likes(50), None, &[]).await; // 李二: best 50, 200 in them
    }
    h.note(1, "2026-08-17T15:59:59Z", likes(5000), None, &[]).await; // one second before the 90 days
    let (_, a) = h.note(1, "2026-11-20T02:00:00Z", likes(150), None, &[]).await; // > 5 × 20 and > 100
    let (_, b) = h.note(2, "2026-11-20T02:00:00Z", likes(200), None, &[]).await; // ≤ 5 × 50
    let (_, c) = h.note(3, "2026-11-21T02:00:00Z", likes(300), None, &[]).await; // no history: no flag
    let id = create(svc, &h.marketing, ("2026-11-16", "2026-11-30"), None, AwardRules::deck_defaults()).await;
    let bd = same_both_ways(svc, &h.marketing, id).await;

    let ids: Vec<&str> = bd.viral.iter().map(|v| v.note_id.as_str()).collect();
    assert_eq!(ids, [c.as_str(), b.as_str(), a.as_str()]); // flagged, still ranked where it was
    let flags = |id: &str| bd.viral.iter().find(|v| v.note_id == id).unwrap().flags.clone();
    assert!(flags(&c).is_empty() && flags(&b).is_empty());
    let f = &flags(&a)[0];
    assert_eq!(f.code, "note_jump");
    assert!(f.zh.contains("最高互动数（20）") && f.zh.contains("5 倍") && f.en.contains("best (20)"), "{}", f.zh);

    // people: 王一 150 > 3 × 40; 李二 200 ≤ 3 × 100; 张三 has no history
    let person = |staff: i64| bd.ranking.iter().find(|p| p.staff_id == staff).unwrap().flags.clone();
    assert_eq!(person(1).iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["person_jump"]);
    assert!(person(1)[0].zh.contains("平均值（40.0）"), "{}", person(1)[0].zh);
    assert!(person(2).is_empty() && person(3).is_empty());
    assert_eq!(bd.honour.iter().map(|p| p.staff_id).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(bd.honour[2].flags[0].code, "person_jump");
    assert!(bd.rules_text.iter().any(|t| t.code == "flags" && t.zh.contains("5 倍") && t.zh.contains("不会自动取消")));

    // the factors are the campaign's: stricter flags more (李二 200 > 3 × 50; 李二 200 > 1 × 100), 0 flags none
    let strict = AwardRules { jump_note_factor: 3, jump_person_factor: 1, ..AwardRules::deck_defaults() };
    let id = create(svc, &h.marketing, ("2026-11-16", "2026-11-30"), None, strict).await;
    let st = same_both_ways(svc, &h.marketing, id).await;
    assert_eq!(st.viral.iter().filter(|v| !v.flags.is_empty()).count(), 2);
    assert!(!st.ranking.iter().find(|p| p.staff_id == 2).unwrap().flags.is_empty());
    assert!(st.rules_text.iter().any(|t| t.code == "flags" && t.zh.contains("3 倍") && t.zh.contains("1 倍")));
    let off = AwardRules { jump_note_factor: 0, jump_person_factor: 0, ..AwardRules::deck_defaults() };
    let id = create(svc, &h.marketing, ("2026-11-16", "2026-11-30"), None, off).await;
    let off = same_both_ways(svc, &h.marketing, id).await;
    assert!(off.viral.iter().all(|v| v.flags.is_empty()));
    assert!(off.ranking.iter().chain(&off.honour).all(|p| p.flags.is_empty()));
    assert!(off.rules_text.iter().any(|t| t.code == "flags" && t.zh == "异常提醒：本活动已关闭"));
    // out of range: refused with the field named
    let args = CreateCampaignArgs {
        enterprise_id: E,
        name: "x".into(),
        start_date: "2026-11-16".into(),
        end_date: "2026-11-30".into(),
        scope: None,
        rules: Some(AwardRules { jump_person_factor: 101, ..AwardRules::deck_defaults() }),
    };
    match svc.create_campaign(&h.marketing, args).await {
        Err(kos_core::error::CoreError::InvalidInput { field, reason_zh, .. }) => {
            assert_eq!(field, "jump_person_factor");
            assert!(reason_zh.contains("0 到 100"), "{reason_zh}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // rules stored before the factors existed read with the defaults
    let old: AwardRules = serde_json::from_str(
        r#"{"count_shares":false,"viral_min_interactions":100,"viral_top_n":5,"viral_award_yuan":1000,
            "ranking_top_n":10,"ranking_award_yuan":500,"honour_top_n":3,"ranking_stacks_with_viral":true}"#,
    )
    .unwrap();
    assert_eq!((old.jump_note_factor, old.jump_person_factor), (5, 3));
}

fn sheet(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range("颁奖名单").unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn i1_i2_i3_award_sheet_lists_every_award_with_the_total_and_uses_the_frozen_board_once_confirmed() {
    let h = handmade::brand().await;
    let svc = &h.app.svc;
    let (_, a) = h.note(1, "2026-11-10T02:00:00Z", likes(500), None, &[("2026-11-14", 500)]).await;
    let (_, b) = h.note(4, "2026-11-11T02:00:00Z", likes(300), None, &[("2026-11-14", 300)]).await;
    h.note(3, "2026-11-12T02:00:00Z", likes(40), None, &[("2026-11-14", 40)]).await;
    let rules = AwardRules { viral_top_n: 2, ranking_top_n: 2, honour_top_n: 3, ..AwardRules::deck_defaults() };
    let id = create(svc, &h.marketing, ("2026-11-09", "2026-11-15"), None, rules).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("颁奖名单.xlsx");
    // each export writes through its own save grant (a grant serves one write)
    let args = || ExportAwardSheetArgs { campaign_id: id, file: svc.grant_save(&path).unwrap().token };

    let out = svc.export_award_sheet(&h.leader, args()).await.unwrap();
    assert_eq!(out.rows, 7);
    let rows = sheet(&path);
    assert!(rows[0][0].contains("颁奖名单") && rows[1][0].contains("未确认"));
    assert_eq!(rows[3][..7], ["奖项", "名次", "员工姓名", "门店", "小红书号", "奖品", "金额（¥）"]);
    assert_eq!(rows[3][7], "笔记链接");
    let r = &rows[4];
    assert_eq!(r[..7], ["单篇爆文奖", "1", "王一", "门店甲", "hm0001", "现金券", "1000"]);
    assert_eq!(r[7], format!("https://www.xiaohongshu.com/explore/{a}"));
    assert_eq!(rows[5][..5], ["单篇爆文奖", "2", "赵四", "门店丙", "hm0004"]);
    assert_eq!(rows[5][7], format!("https://www.xiaohongshu.com/explore/{b}"));
    assert_eq!(rows[6][..7], ["累计排名奖", "1", "王一", "门店甲", "hm0001", "现金券", "500"]);
    assert_eq!(rows[8][..7], ["荣誉奖", "1", "王一", "门店甲", "hm0001", "品牌周边", "0"]);
    assert_eq!(rows[10][2], "张三");
    let total = rows.last().unwrap();
    assert_eq!(
        (total[0].as_str(), total[5].as_str(), total[6].as_str()),
        ("合计", "现金券 4 张，品牌周边 3 份", "3000")
    );

    // confirmed: the frozen board, whatever the data does afterwards
    svc.confirm_awards(&h.marketing, CampaignArgs { campaign_id: id }).await.unwrap();
    h.note(5, "2026-11-12T02:00:00Z", likes(9000), None, &[("2026-11-14", 9000)]).await;
    svc.export_award_sheet(&h.marketing, args()).await.unwrap();
    let rows = sheet(&path);
    assert!(rows[1][0].contains("已确认"));
    assert_eq!(rows[4][2], "王一");
    assert!(rows.iter().all(|r| r.get(2).is_none_or(|n| n != "钱五")));

    let history: Vec<(String, i64)> = kos_core::on!(svc.db().pool(), |db| sqlx::query_as(
        "SELECT action, actor_id FROM history WHERE entity_type = 'campaign' AND entity_id = $1 AND action = 'award_sheet_exported'",
    )
    .bind(id.to_string())
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(history.iter().map(|h| h.1).collect::<Vec<_>>(), [h.leader.user_id, h.marketing.user_id]);

    assert_eq!(svc.export_award_sheet(&h.employee, args()).await.unwrap_err().code(), ErrorCode::Forbidden);
    assert_eq!(svc.export_award_sheet(&h.manager, args()).await.unwrap_err().code(), ErrorCode::Forbidden);
    let other = h.user(14).await;
    assert_eq!(svc.export_award_sheet(&other, args()).await.unwrap_err().code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn i1_a_running_board_follows_new_notes_and_imports() {
    let h = handmade::brand().await;
    let svc = &h.app.svc;
    let (_, a) = h.note(1, "2026-11-20T02:00:00Z", likes(300), None, &[]).await;
    let id = create(svc, &h.marketing, ("2026-11-16", "2026-11-30"), None, AwardRules::deck_defaults()).await;
    assert_eq!(board(svc, &h.marketing, id).await.board.viral.len(), 1);
    let (_, b) = h.note(2, "2026-11-21T02:00:00Z", likes(400), None, &[]).await;
    let top = board(svc, &h.marketing, id).await.board.viral;
    assert_eq!(top.iter().map(|v| v.note_id.as_str()).collect::<Vec<_>>(), [b.as_str(), a.as_str()]);

    // an import moves note a's metrics: the columns load again
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("export.csv");
    std::fs::write(&csv, format!("笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,收藏,评论\n{a},笔记1,图文,2026-11-20 10:00:00,hm0001,800,0,0\n"))
        .unwrap();
    let args = StartNoteImportArgs {
        enterprise_id: E,
        file: svc.grant_open(&csv).unwrap().token,
        mapping: None,
        data_date: None,
    };
    let job = svc.import_notes_and_wait(&h.marketing, args, |_| {}).await.unwrap();
    assert_eq!(job.error, None);
    let top = board(svc, &h.marketing, id).await.board.viral;
    assert_eq!((top[0].note_id.as_str(), top[0].interactions), (a.as_str(), 800));
}
