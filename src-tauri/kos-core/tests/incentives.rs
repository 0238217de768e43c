//! I-1, I-2, I-3: incentive campaigns over the database — the period and binding filters, metrics as of
//! the end date, voids, confirmation, versioned results and who may do what.

mod common;

use chrono::{TimeZone, Utc};
use common::TestApp;
use kos_core::incentives::engine::{AwardKind, AwardRules};
use kos_core::model::Role;
use kos_core::service::{
    CampaignArgs, CampaignBoard, CampaignScope, CampaignStatus, CreateCampaignArgs, EnterpriseArgs, UpdateCampaignArgs,
    VoidAwardArgs,
};
use kos_core::store::notes::{insert, insert_snapshots, Metrics, NewNote};
use kos_core::{Actor, CoreError, ErrorCode};

const E: i64 = 1;

struct Fx {
    app: TestApp,
    m: Actor,
    /// (account, staff, store, city) of four staff with an active binding to brand 1
    people: Vec<(i64, i64, i64, String)>,
    seq: std::cell::Cell<u32>,
}

async fn fx() -> Fx {
    let app = TestApp::with_demo().await;
    let m = user(&app, Role::BrandMarketing, E).await;
    let people: Vec<(i64, i64, i64, String)> = kos_core::on!(app.svc.db().pool(), |db| sqlx::query_as(
        "SELECT MIN(b.account_id), b.staff_id, st.store_id, so.city
         FROM bindings b JOIN staff st ON st.id = b.staff_id JOIN stores so ON so.id = st.store_id
         WHERE b.enterprise_id = $1 AND b.status = 'active' AND b.effective_at IS NOT NULL
         GROUP BY b.staff_id, st.store_id, so.city ORDER BY b.staff_id LIMIT 4",
    )
    .bind(E)
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(people.len(), 4);
    Fx { app, m, people, seq: std::cell::Cell::new(0) }
}

async fn user(app: &TestApp, role: Role, e: i64) -> Actor {
    let admin = app.admin().await;
    let users = app.svc.list_users(&admin, Default::default()).await.unwrap();
    let u = users.iter().find(|u| u.role == role && u.enterprise_id == Some(e)).expect("user");
    app.svc.actor(u.id).await.unwrap()
}

fn at(y: i32, mo: u32, d: u32, h: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).single().unwrap()
}

impl Fx {
    /// A note by person `p` (index into `people`), published at `published` (UTC text), with `likes`
    /// now and the given daily snapshots `(date, likes)`.
    async fn note(
        &self,
        p: usize,
        enterprise: Option<i64>,
        published: &str,
        likes: i64,
        snaps: &[(&str, i64)],
    ) -> String {
        self.seq.set(self.seq.get() + 1);
        let id = format!("{:024x}", 0xfeed_0000u64 + u64::from(self.seq.get()));
        let pool = self.app.svc.db().pool();
        let m = Metrics { likes: Some(likes), ..Default::default() };
        let row = insert(
            pool,
            &NewNote {
                note_id: &id,
                account_id: self.people[p].0,
                enterprise_id: enterprise,
                title: "测试笔记",
                note_type: "image",
                direction: None,
                published_at: published.into(),
                metrics: m,
                avg_view_secs: None,
                video_5s_rate: None,
                image_3s_rate: None,
                video_secs: None,
                metrics_date: "2026-12-09".into(),
            },
        )
        .await
        .unwrap();
        let rows: Vec<(i64, String, Metrics)> = snaps
            .iter()
            .map(|(d, l)| (row, d.to_string(), Metrics { likes: Some(*l), ..Default::default() }))
            .collect();
        let mut conn = pool.acquire().await.unwrap();
        insert_snapshots(&mut conn, &rows).await.unwrap();
        id
    }

    fn staff(&self, p: usize) -> i64 {
        self.people[p].1
    }

    async fn create(&self, rules: Option<AwardRules>) -> i64 {
        let args = CreateCampaignArgs {
            enterprise_id: E,
            name: "十二月全员种草".into(),
            start_date: "2026-12-01".into(),
            end_date: "2026-12-07".into(),
            scope: None,
            rules,
        };
        self.app.svc.create_campaign(&self.m, args).await.unwrap().id
    }

    async fn board(&self, id: i64) -> CampaignBoard {
        self.app.svc.campaign_board(&self.m, CampaignArgs { campaign_id: id }).await.unwrap()
    }

    fn set_today(&self, d: u32) {
        self.app.svc.clock().set(at(2026, 12, d, 4));
    }

    async fn history_actions(&self, id: i64) -> Vec<(String, Option<String>)> {
        kos_core::on!(self.app.svc.db().pool(), |db| sqlx::query_as(
            "SELECT action, reason FROM history WHERE entity_type = 'campaign' AND entity_id = $1 ORDER BY id",
        )
        .bind(id.to_string())
        .fetch_all(db)
        .await)
        .unwrap()
    }
}

fn small() -> AwardRules {
    AwardRules { viral_top_n: 2, ranking_top_n: 2, honour_top_n: 3, ..AwardRules::deck_defaults() }
}

fn viral(b: &CampaignBoard) -> Vec<&str> {
    b.board.viral.iter().map(|a| a.note_id.as_str()).collect()
}
fn ranking(b: &CampaignBoard) -> Vec<i64> {
    b.board.ranking.iter().map(|a| a.staff_id).collect()
}

/// A (500, 400), B 300, C 200, D 50 — all on 2 Dec, the same in a snapshot of 5 Dec.
async fn standard(f: &Fx) -> Vec<String> {
    let mut ids = Vec::new();
    for (p, published, likes) in [
        (0, "2026-12-02T02:00:00Z", 500),
        (0, "2026-12-02T03:00:00Z", 400),
        (1, "2026-12-02T02:00:00Z", 300),
        (2, "2026-12-02T02:00:00Z", 200),
        (3, "2026-12-02T02:00:00Z", 50),
    ] {
        ids.push(f.note(p, Some(E), published, likes, &[("2026-12-05", likes)]).await);
    }
    ids
}

#[tokio::test]
async fn i1_rules_default_to_the_brands_settings_and_status_follows_the_dates() {
    let f = fx().await;
    let id = f.create(None).await;
    let c = &f.app.svc.list_campaigns(&f.m, EnterpriseArgs { enterprise_id: E }).await.unwrap()[0];
    assert_eq!(c.id, id);
    assert_eq!(c.rules, AwardRules::deck_defaults());
    assert_eq!(c.status, CampaignStatus::Draft);
    f.set_today(3);
    assert_eq!(f.board(id).await.campaign.status, CampaignStatus::Running);
    f.set_today(8);
    assert_eq!(f.board(id).await.campaign.status, CampaignStatus::Ended);
    let rules_text = f.board(id).await.board.rules_text;
    assert!(rules_text.iter().any(|t| t.code == "I-1" && t.zh.contains("超过 100")));
}

#[tokio::test]
async fn i1_a_person_with_two_top_notes_gets_one_award_and_the_next_persons_note_moves_up() {
    let f = fx().await;
    let n = standard(&f).await;
    let id = f.create(Some(small())).await;
    f.set_today(3);
    let b = f.board(id).await;
    assert_eq!(viral(&b), [n[0].as_str(), n[2].as_str()]);
    assert_eq!(b.board.viral[0].staff_id, f.staff(0));
    assert_eq!((b.board.viral[1].rank, b.board.viral[1].amount_yuan), (2, 1000));
    assert_eq!(b.notes_considered, 5);
    assert_eq!(b.metrics_as_of, "latest");
}

#[tokio::test]
async fn i1_ties_break_by_earlier_publish_time() {
    let f = fx().await;
    let late = f.note(0, Some(E), "2026-12-03T02:00:00Z", 300, &[]).await;
    let early = f.note(1, Some(E), "2026-12-02T02:00:00Z", 300, &[]).await;
    let id = f.create(Some(small())).await;
    let b = f.board(id).await;
    assert_eq!(viral(&b), [early.as_str(), late.as_str()]);
    assert_eq!(ranking(&b), [f.staff(1), f.staff(0)]);
}

#[tokio::test]
async fn i2_stacks_with_i1_by_default_and_a_rule_change_recomputes_keeping_the_previous_result() {
    let f = fx().await;
    standard(&f).await;
    let id = f.create(Some(small())).await;
    let b = f.board(id).await;
    assert_eq!(ranking(&b), [f.staff(0), f.staff(1)]); // A (900) and B (300), both also I-1 winners
    assert_eq!(b.board.ranking[0].total_interactions, 900);
    assert_eq!(b.version, 1);

    let args = UpdateCampaignArgs {
        campaign_id: id,
        name: None,
        start_date: None,
        end_date: None,
        scope: None,
        rules: Some(AwardRules { ranking_stacks_with_viral: false, ..small() }),
        reason: "不与爆文奖叠加".into(),
    };
    f.app.svc.update_campaign(&f.m, args).await.unwrap();
    let b = f.board(id).await;
    assert_eq!(ranking(&b), [f.staff(2), f.staff(3)]); // I-1 winners A and B passed over
    assert_eq!(b.version, 2);

    let results = f.app.svc.campaign_results(&f.m, CampaignArgs { campaign_id: id }).await.unwrap();
    assert_eq!(
        results.iter().map(|r| (r.version, r.cause.as_str())).collect::<Vec<_>>(),
        [(2, "updated"), (1, "created")]
    );
    assert!(results[1].rules.ranking_stacks_with_viral);
    assert_eq!(results[1].board.ranking.iter().map(|a| a.staff_id).collect::<Vec<_>>(), [f.staff(0), f.staff(1)]);
    assert!(!results[0].rules.ranking_stacks_with_viral);
    let h = f.history_actions(id).await;
    assert_eq!(h[1], ("campaign_updated".into(), Some("不与爆文奖叠加".into())));
}

#[tokio::test]
async fn i1_i2_i3_only_notes_published_in_the_period_by_accounts_bound_to_the_brand_count() {
    let f = fx().await;
    let first = f.note(0, Some(E), "2026-11-30T16:00:00Z", 300, &[]).await; // 1 Dec 00:00 Beijing
    let last = f.note(1, Some(E), "2026-12-07T15:59:59Z", 200, &[]).await; // 7 Dec 23:59:59 Beijing
    f.note(2, Some(E), "2026-11-30T15:59:59Z", 900, &[]).await; // 30 Nov, before the period
    f.note(2, Some(E), "2026-12-07T16:00:00Z", 900, &[]).await; // 8 Dec, after it
    f.note(3, None, "2026-12-02T02:00:00Z", 900, &[]).await; // the account was not bound at publish time
    f.note(3, Some(2), "2026-12-02T02:00:00Z", 900, &[]).await; // bound to another brand then
    let id = f.create(Some(small())).await;
    let b = f.board(id).await;
    assert_eq!(b.notes_considered, 2);
    assert_eq!(viral(&b), [first.as_str(), last.as_str()]);
    assert_eq!(ranking(&b), [f.staff(0), f.staff(1)]);
    assert_eq!(b.board.honour.len(), 2);
}

#[tokio::test]
async fn i1_i2_scope_by_store_counts_only_that_stores_staff() {
    let f = fx().await;
    standard(&f).await;
    let store = f.people[2].2;
    let args = CreateCampaignArgs {
        enterprise_id: E,
        name: "门店赛".into(),
        start_date: "2026-12-01".into(),
        end_date: "2026-12-07".into(),
        scope: Some(CampaignScope { store_ids: vec![store], cities: vec![] }),
        rules: Some(small()),
    };
    let id = f.app.svc.create_campaign(&f.m, args).await.unwrap().id;
    let b = f.board(id).await;
    let expected: Vec<i64> = f.people.iter().filter(|p| p.2 == store).map(|p| p.1).collect();
    assert!(b.board.ranking.iter().chain(&b.board.honour).all(|a| expected.contains(&a.staff_id)));
    assert!(b.board.honour.iter().any(|a| a.staff_id == f.staff(2)));
    assert_eq!(
        b.notes_considered,
        f.people.iter().filter(|p| p.2 == store).map(|p| if p.1 == f.staff(0) { 2 } else { 1 }).sum::<i64>()
    );
}

#[tokio::test]
async fn i1_i2_metrics_are_taken_as_of_the_end_date_once_ended_and_latest_while_running() {
    let f = fx().await;
    let a = f.note(0, Some(E), "2026-12-02T02:00:00Z", 900, &[("2026-12-06", 150), ("2026-12-09", 900)]).await;
    let b = f.note(1, Some(E), "2026-12-02T02:00:00Z", 300, &[("2026-12-07", 300)]).await;
    let id = f.create(Some(small())).await;
    f.set_today(5);
    let running = f.board(id).await;
    assert_eq!(viral(&running), [a.as_str(), b.as_str()]);
    assert_eq!(running.board.viral[0].interactions, 900);
    f.set_today(10);
    let ended = f.board(id).await;
    assert_eq!(ended.metrics_as_of, "2026-12-07");
    assert_eq!(viral(&ended), [b.as_str(), a.as_str()]);
    assert_eq!(ended.board.viral[1].interactions, 150);

    // a note without a snapshot by the end date counts its own metrics only if they date from then
    kos_core::on!(f.app.svc.db().pool(), |db| sqlx::query(
        "UPDATE notes SET metrics_date = '2026-12-07' WHERE note_id = $1"
    )
    .bind(&b)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    kos_core::on!(f.app.svc.db().pool(), |db| sqlx::query("DELETE FROM note_snapshots WHERE date = '2026-12-07'")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    assert_eq!(f.board(id).await.board.viral[0].interactions, 300);
    kos_core::on!(f.app.svc.db().pool(), |db| sqlx::query(
        "UPDATE notes SET metrics_date = '2026-12-09' WHERE note_id = $1"
    )
    .bind(&b)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    assert_eq!(viral(&f.board(id).await), [a.as_str()]);
}

#[tokio::test]
async fn i1_i2_i3_a_void_moves_the_next_up_and_is_recorded() {
    let f = fx().await;
    let n = standard(&f).await;
    let id = f.create(Some(small())).await;
    let leader = user(&f.app, Role::Leader, E).await;
    let void = |kind, key: String| VoidAwardArgs { campaign_id: id, kind, key, reason: "笔记违规".into() };

    let b = f.app.svc.void_award(&leader, void(AwardKind::Viral, n[2].clone())).await.unwrap();
    assert_eq!(viral(&b), [n[0].as_str(), n[3].as_str()]); // B's note out, C's moves up
    let b = f.app.svc.void_award(&leader, void(AwardKind::Ranking, f.staff(0).to_string())).await.unwrap();
    assert_eq!(ranking(&b), [f.staff(1), f.staff(2)]);
    let b = f.app.svc.void_award(&f.m, void(AwardKind::Honour, f.staff(1).to_string())).await.unwrap();
    assert_eq!(b.board.honour.iter().map(|a| a.staff_id).collect::<Vec<_>>(), [f.staff(0), f.staff(2), f.staff(3)]);
    assert_eq!(b.voids.len(), 3);
    assert_eq!(b.voids[0].reason, "笔记违规");
    assert_eq!(b.version, 4);

    // not on the board (any more): refused
    let err = f.app.svc.void_award(&leader, void(AwardKind::Viral, n[2].clone())).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let err =
        f.app.svc.void_award(&leader, VoidAwardArgs { reason: " ".into(), ..void(AwardKind::Viral, n[0].clone()) });
    assert_eq!(err.await.unwrap_err().code(), ErrorCode::InvalidInput);

    let h = f.history_actions(id).await;
    assert_eq!(h.iter().filter(|(a, r)| a == "award_voided" && r.as_deref() == Some("笔记违规")).count(), 3);
}

#[tokio::test]
async fn i1_i2_i3_confirm_freezes_the_board_with_its_input() {
    let f = fx().await;
    let n = standard(&f).await;
    let id = f.create(Some(small())).await;
    f.set_today(5);
    let err = f.app.svc.confirm_awards(&f.m, CampaignArgs { campaign_id: id }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::CampaignNotEnded);

    f.set_today(10);
    let confirmed = f.app.svc.confirm_awards(&f.m, CampaignArgs { campaign_id: id }).await.unwrap();
    assert!(confirmed.frozen);
    assert_eq!(confirmed.campaign.status, CampaignStatus::Confirmed);
    assert_eq!(viral(&confirmed), [n[0].as_str(), n[2].as_str()]);

    // later data no longer changes it
    f.note(3, Some(E), "2026-12-03T02:00:00Z", 5000, &[("2026-12-07", 5000)]).await;
    kos_core::on!(f.app.svc.db().pool(), |db| sqlx::query("UPDATE notes SET likes = 0")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    let again = f.board(id).await;
    assert_eq!(again.board, confirmed.board);
    assert!(again.frozen);
    assert_eq!(again.notes_considered, 5);

    let refused = |e: CoreError| e.code();
    let upd = UpdateCampaignArgs {
        campaign_id: id,
        name: Some("改名".into()),
        start_date: None,
        end_date: None,
        scope: None,
        rules: None,
        reason: "x".into(),
    };
    assert_eq!(refused(f.app.svc.update_campaign(&f.m, upd).await.unwrap_err()), ErrorCode::CampaignConfirmed);
    let void = VoidAwardArgs { campaign_id: id, kind: AwardKind::Viral, key: n[0].clone(), reason: "x".into() };
    assert_eq!(refused(f.app.svc.void_award(&f.m, void).await.unwrap_err()), ErrorCode::CampaignConfirmed);
    let err = f.app.svc.confirm_awards(&f.m, CampaignArgs { campaign_id: id }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::CampaignConfirmed);

    let input: Option<String> = kos_core::on!(f.app.svc.db().pool(), |db| sqlx::query_scalar(
        "SELECT input_json FROM campaign_results WHERE campaign_id = $1 AND cause = 'confirmed'"
    )
    .bind(id)
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(input.unwrap().contains(&n[4]));
    assert!(f.history_actions(id).await.iter().any(|(a, _)| a == "awards_confirmed"));
}

#[tokio::test]
async fn i1_i2_i3_roles() {
    let f = fx().await;
    standard(&f).await;
    let id = f.create(Some(small())).await;
    let args = CampaignArgs { campaign_id: id };
    let create = || CreateCampaignArgs {
        enterprise_id: E,
        name: "x".into(),
        start_date: "2026-12-01".into(),
        end_date: "2026-12-07".into(),
        scope: None,
        rules: None,
    };
    let svc = &f.app.svc;
    let leader = user(&f.app, Role::Leader, E).await;
    let employee = user(&f.app, Role::Employee, E).await;
    let manager = user(&f.app, Role::StoreManager, E).await;
    let other = user(&f.app, Role::BrandMarketing, 2).await;
    let reviewer = f.app.user(Role::PlatformReviewer).await;

    for reader in [&leader, &employee, &manager, &f.m] {
        assert!(svc.campaign_board(reader, CampaignArgs { campaign_id: id }).await.is_ok(), "{:?}", reader.role);
        assert_eq!(svc.list_campaigns(reader, EnterpriseArgs { enterprise_id: E }).await.unwrap().len(), 1);
    }
    assert_eq!(svc.create_campaign(&leader, create()).await.unwrap_err().code(), ErrorCode::Forbidden);
    assert_eq!(svc.create_campaign(&employee, create()).await.unwrap_err().code(), ErrorCode::Forbidden);
    assert_eq!(
        svc.confirm_awards(&leader, CampaignArgs { campaign_id: id }).await.unwrap_err().code(),
        ErrorCode::Forbidden
    );
    let void = |who: String| VoidAwardArgs { campaign_id: id, kind: AwardKind::Ranking, key: who, reason: "r".into() };
    assert_eq!(svc.void_award(&employee, void(f.staff(0).to_string())).await.unwrap_err().code(), ErrorCode::Forbidden);
    assert_eq!(svc.void_award(&manager, void(f.staff(0).to_string())).await.unwrap_err().code(), ErrorCode::Forbidden);
    assert_eq!(
        svc.campaign_board(&other, CampaignArgs { campaign_id: id }).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(svc.campaign_board(&reviewer, args).await.unwrap_err().code(), ErrorCode::Forbidden);
    assert!(svc.create_campaign(&f.app.admin().await, create()).await.is_ok());

    let agency = f.app.user(Role::Agency).await;
    let reaches = agency.agency_brands.contains(&E);
    assert_eq!(svc.create_campaign(&agency, create()).await.is_ok(), reaches);
}

#[tokio::test]
async fn i1_campaign_input_is_checked() {
    let f = fx().await;
    let base = || CreateCampaignArgs {
        enterprise_id: E,
        name: "活动".into(),
        start_date: "2026-12-01".into(),
        end_date: "2026-12-07".into(),
        scope: None,
        rules: None,
    };
    let svc = &f.app.svc;
    let code = |r: Result<_, CoreError>| r.map(|_: kos_core::service::Campaign| ()).unwrap_err().code();
    assert_eq!(
        code(svc.create_campaign(&f.m, CreateCampaignArgs { end_date: "2026-11-30".into(), ..base() }).await),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(svc.create_campaign(&f.m, CreateCampaignArgs { start_date: "12/01".into(), ..base() }).await),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(svc.create_campaign(&f.m, CreateCampaignArgs { name: " ".into(), ..base() }).await),
        ErrorCode::InvalidInput
    );
    let bad_rules = AwardRules { viral_top_n: -1, ..AwardRules::deck_defaults() };
    assert_eq!(
        code(svc.create_campaign(&f.m, CreateCampaignArgs { rules: Some(bad_rules), ..base() }).await),
        ErrorCode::InvalidInput
    );
    let foreign = CampaignScope { store_ids: vec![999_999], cities: vec![] };
    assert_eq!(
        code(svc.create_campaign(&f.m, CreateCampaignArgs { scope: Some(foreign), ..base() }).await),
        ErrorCode::NotFound
    );
}
