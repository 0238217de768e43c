//! D-1 数据看板 (enterprise and employee views, chart export) and S-2 账号健康度 on a small hand-made brand
//! whose every number is worked out by hand below.

mod common;
mod handmade;

use calamine::{Data, Reader, Xlsx};
use handmade::{likes, Brand, E, N};
use kos_core::incentives::engine::AwardRules;
use kos_core::service::{
    AccountHealthArgs, CampaignScope, CreateCampaignArgs, DashboardArgs, DashboardChart, EmployeeDashboardArgs,
    ExportDashboardArgs, HealthSort, UpdateRuleSettingArgs,
};
use kos_core::ErrorCode;

fn range() -> DashboardArgs {
    DashboardArgs { enterprise_id: E, from: "2026-11-16".into(), to: "2026-11-26".into() }
}

/// Today is Thursday 2026-11-26 (Beijing). Notes (staff = account):
/// 1 staff 1, 11-24, 10+5+1 (16), 经验分享 · 2 staff 1, 11-17, 20, 经验分享 · 3 staff 2, 11-25, 30, 行业揭秘
/// 4 staff 3, 11-20 00:00 Beijing, 5 · 5 staff 4, 11-26 00:30 Beijing, 100 · 6 staff 5, 11-19 23:59:59 Beijing, 7,
/// 经验分享 · 7 staff 2, 10-01, 1000 (outside the range) · 8 staff 7 of brand 2, 11-24, 999.
async fn dataset(h: &Brand) -> Vec<i64> {
    let n1 = N { likes: 10, collects: 5, comments: 1, shares: 9, exposure: 100, reads: 50 };
    let mut rows = Vec::new();
    for (staff, at, n, dir) in [
        (1, "2026-11-24T02:00:00Z", n1, Some("经验分享")),
        (1, "2026-11-17T02:00:00Z", likes(20), Some("经验分享")),
        (2, "2026-11-25T02:00:00Z", likes(30), Some("行业揭秘")),
        (3, "2026-11-19T16:00:00Z", likes(5), None),
        (4, "2026-11-25T16:30:00Z", likes(100), None),
        (5, "2026-11-19T15:59:59Z", likes(7), Some("经验分享")),
        (2, "2026-10-01T02:00:00Z", likes(1000), None),
        (7, "2026-11-24T02:00:00Z", likes(999), None),
    ] {
        rows.push(h.note(staff, at, n, dir, &[]).await.0);
    }
    let pool = h.app.svc.db().pool();
    // reviews: note 3 and 7 approved, note 1 in review; all requested this month
    for (row, state) in [(rows[2], "approved"), (rows[6], "approved"), (rows[0], "in_review")] {
        kos_core::on!(pool, |db| sqlx::query(
            "UPDATE notes SET review_state = $1, requested = TRUE, review_requested_at = '2026-11-25T02:00:00Z' WHERE id = $2",
        )
        .bind(state)
        .bind(row)
        .execute(db)
        .await.map(|r| r.rows_affected()))
        .unwrap();
        kos_core::on!(pool, |db| {
            sqlx::query(
            "INSERT INTO note_reviews (enterprise_id, note_row_id, month, requested_by, requested_at, state, decided_by,
                                       decided_at, reason)
             VALUES (1, $1, '2026-11', 10, '2026-11-25T02:00:00Z', $2, CASE WHEN $2 = 'in_review' THEN NULL ELSE 10 END,
                     CASE WHEN $2 = 'in_review' THEN NULL ELSE '2026-11-25T03:00:00Z' END,
                     CASE WHEN $2 = 'in_review' THEN NULL ELSE '好' END)",
        )
        .bind(row)
        .bind(state)
        .execute(db)
        .await.map(|r| r.rows_affected())
        })
        .unwrap();
    }
    h.boost(rows[2], "2026-11-25", 300).await;
    h.boost(rows[0], "2026-11-16", 200).await;
    h.boost(rows[6], "2026-10-02", 999).await;
    rows
}

#[tokio::test]
async fn d1_enterprise_dashboard_numbers_on_a_hand_made_brand() {
    let h = handmade::brand().await;
    dataset(&h).await;
    let d = h.app.svc.dashboard_enterprise(&h.leader, range()).await.unwrap();
    let k = &d.kpis;
    assert_eq!((k.accounts_enterprise, k.accounts_personal), (4, 2));
    assert_eq!(k.accounts_active_week, 4); // accounts 1-4; account 5's note is one second too early
    assert_eq!((k.notes, k.interactions), (6, 178));
    assert_eq!(k.approved_notes, 1);
    assert_eq!((k.review_quota.month.as_str(), k.review_quota.used, k.review_quota.limit), ("2026-11", 3, 1000));
    assert_eq!((k.boosts, k.boost_yuan), (2, 500));

    let weeks: Vec<(&str, &str, i64, i64)> =
        d.weeks.iter().map(|w| (w.week.as_str(), w.week_start.as_str(), w.notes, w.interactions)).collect();
    assert_eq!(weeks, [("2026-W47", "2026-11-16", 3, 32), ("2026-W48", "2026-11-23", 3, 146)]);
    assert_eq!((d.weeks[1].exposure, d.weeks[1].reads), (100, 50));

    let stores: Vec<(&str, &str, i64, i64)> =
        d.by_store.iter().map(|s| (s.store_name.as_str(), s.city.as_str(), s.notes, s.interactions)).collect();
    assert_eq!(stores, [("门店甲", "上海", 3, 66), ("门店丙", "杭州", 2, 107), ("门店乙", "上海", 1, 5)]);
    let titles: Vec<(&str, i64, i64)> =
        d.by_job_title.iter().map(|s| (s.label.as_str(), s.notes, s.interactions)).collect();
    assert_eq!(
        titles,
        [("导购", 2, 36), ("店长", 1, 30), ("客服", 1, 5), ("员工", 1, 100), ("助理", 1, 7), ("主播人", 0, 0)]
    );
    let dirs: Vec<(&str, i64, i64)> =
        d.by_direction.iter().map(|s| (s.label.as_str(), s.notes, s.interactions)).collect();
    assert_eq!(dirs, [("经验分享", 3, 43), ("未标注", 2, 105), ("行业揭秘", 1, 30)]);

    // a single day, and the checks on the range
    let one = DashboardArgs { from: "2026-11-26".into(), ..range() };
    let d1 = h.app.svc.dashboard_enterprise(&h.marketing, one).await.unwrap();
    assert_eq!((d1.kpis.notes, d1.kpis.interactions, d1.weeks.len()), (1, 100, 1));
    let bad = DashboardArgs { from: "2026-11-27".into(), ..range() };
    assert_eq!(h.app.svc.dashboard_enterprise(&h.marketing, bad).await.unwrap_err().code(), ErrorCode::InvalidInput);
}

#[tokio::test]
async fn d1_enterprise_dashboard_is_for_brand_roles_of_that_brand() {
    let h = handmade::brand().await;
    let svc = &h.app.svc;
    assert_eq!(svc.dashboard_enterprise(&h.employee, range()).await.unwrap_err().code(), ErrorCode::Forbidden);
    let other = h.user(14).await;
    assert_eq!(svc.dashboard_enterprise(&other, range()).await.unwrap_err().code(), ErrorCode::NotFound);
    for who in [&h.marketing, &h.leader, &h.manager] {
        assert!(svc.dashboard_enterprise(who, range()).await.is_ok(), "{:?}", who.role);
    }
}

#[tokio::test]
async fn d1_a_chart_exports_to_xlsx_and_the_export_is_recorded() {
    let h = handmade::brand().await;
    dataset(&h).await;
    let dir = tempfile::tempdir().unwrap();
    let svc = &h.app.svc;
    let export = |chart, name: &str| ExportDashboardArgs {
        enterprise_id: E,
        from: "2026-11-16".into(),
        to: "2026-11-26".into(),
        chart,
        file: svc.grant_save(&dir.path().join(name)).unwrap().token,
    };
    let read = |name: &str, sheet: &str| -> Vec<Vec<String>> {
        let mut wb: Xlsx<_> = calamine::open_workbook(dir.path().join(name)).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::String(s) => s.clone(),
                        Data::Float(f) => format!("{f}"),
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect()
    };
    let out = svc.export_dashboard_data(&h.leader, export(DashboardChart::ByStore, "stores.xlsx")).await.unwrap();
    assert_eq!(out.rows, 3);
    let rows = read("stores.xlsx", "按门店");
    assert!(rows[0][0].contains("按门店") && rows[0][0].contains("2026-11-16 至 2026-11-26"));
    assert_eq!(rows[2], ["门店", "城市", "笔记数", "互动数"]);
    assert_eq!(rows[3], ["门店甲", "上海", "3", "66"]);

    svc.export_dashboard_data(&h.marketing, export(DashboardChart::InteractionsPerWeek, "weeks.xlsx")).await.unwrap();
    let rows = read("weeks.xlsx", "每周互动数");
    assert_eq!(rows[3][..3], ["2026-W47", "2026-11-16", "32"]);
    svc.export_dashboard_data(&h.marketing, export(DashboardChart::NotesPerWeek, "n.xlsx")).await.unwrap();
    assert_eq!(read("n.xlsx", "每周笔记数")[4], ["2026-W48", "2026-11-23", "3"]);
    svc.export_dashboard_data(&h.marketing, export(DashboardChart::ByJobTitle, "t.xlsx")).await.unwrap();
    assert_eq!(read("t.xlsx", "按岗位")[3], ["导购", "2", "36"]);
    svc.export_dashboard_data(&h.marketing, export(DashboardChart::ByDirection, "d.xlsx")).await.unwrap();
    assert_eq!(read("d.xlsx", "按内容方向")[3], ["经验分享", "3", "43"]);

    let n: i64 = kos_core::on!(svc.db().pool(), |db| sqlx::query_scalar(
        "SELECT COUNT(*) FROM history WHERE action = 'dashboard_exported' AND enterprise_id = 1"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(n, 5);
    let err = svc.export_dashboard_data(&h.employee, export(DashboardChart::ByStore, "x.xlsx")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}

#[tokio::test]
async fn d1_an_employee_sees_their_own_dashboard_only_with_ranks_in_running_campaigns() {
    let h = handmade::brand().await;
    dataset(&h).await;
    let svc = &h.app.svc;
    let create = |name: &str, scope: Option<CampaignScope>| CreateCampaignArgs {
        enterprise_id: E,
        name: name.into(),
        start_date: "2026-11-16".into(),
        end_date: "2026-11-30".into(),
        scope,
        rules: Some(AwardRules { viral_min_interactions: 10, ..AwardRules::deck_defaults() }),
    };
    let running = svc.create_campaign(&h.marketing, create("十一月赛", None)).await.unwrap().id;
    let elsewhere = CampaignScope { store_ids: vec![3], cities: vec![] };
    svc.create_campaign(&h.marketing, create("丙店赛", Some(elsewhere))).await.unwrap();
    let ended =
        CreateCampaignArgs {
            start_date: "2026-11-01".into(), end_date: "2026-11-15".into(), ..create("已结束", None)
        };
    svc.create_campaign(&h.marketing, ended).await.unwrap();

    let own = EmployeeDashboardArgs { enterprise_id: E, staff_id: 1 };
    let d = svc.dashboard_employee(&h.employee, own.clone()).await.unwrap();
    assert_eq!((d.staff_name.as_str(), d.store_name.as_str(), d.city.as_str()), ("王一", "门店甲", "上海"));
    assert_eq!(d.accounts.iter().map(|a| a.xhs_id.as_str()).collect::<Vec<_>>(), ["hm0001"]);
    assert_eq!((d.notes_total, d.interactions_total), (2, 36));
    assert_eq!(d.weeks.len(), 12);
    let last: Vec<(&str, i64, i64)> =
        d.weeks[10..].iter().map(|w| (w.week.as_str(), w.notes, w.interactions)).collect();
    assert_eq!(last, [("2026-W47", 1, 20), ("2026-W48", 1, 16)]);
    // notes above 10, best per person: 赵四 100, 李二 30, 王一 20; totals: 赵四 100, 王一 36, 李二 30
    assert_eq!(d.campaigns.len(), 1);
    let c = &d.campaigns[0];
    assert_eq!(
        (c.campaign_id, c.viral_rank, c.best_note_interactions, c.viral_places),
        (running, Some(3), Some(20), 5)
    );
    assert_eq!((c.ranking_rank, c.ranking_places, c.total_interactions), (Some(2), 10, 36));

    // someone else's: not found, as if it did not exist
    let other = EmployeeDashboardArgs { enterprise_id: E, staff_id: 2 };
    assert_eq!(svc.dashboard_employee(&h.employee, other.clone()).await.unwrap_err().code(), ErrorCode::NotFound);
    let wrong_brand = EmployeeDashboardArgs { enterprise_id: 2, staff_id: 1 };
    assert_eq!(svc.dashboard_employee(&h.employee, wrong_brand).await.unwrap_err().code(), ErrorCode::NotFound);
    // brand roles see anyone of the brand; a store manager only their stores' staff
    assert_eq!(svc.dashboard_employee(&h.leader, other.clone()).await.unwrap().staff_name, "李二");
    assert!(svc.dashboard_employee(&h.manager, other).await.is_ok());
    let far = EmployeeDashboardArgs { enterprise_id: E, staff_id: 4 };
    assert_eq!(svc.dashboard_employee(&h.manager, far).await.unwrap_err().code(), ErrorCode::NotFound);
    let foreign = EmployeeDashboardArgs { enterprise_id: E, staff_id: 7 };
    assert_eq!(svc.dashboard_employee(&h.leader, foreign).await.unwrap_err().code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn s2_account_health_passes_and_fails_at_the_thresholds() {
    let h = handmade::brand().await;
    let svc = &h.app.svc;
    // account 1: 51 notes, 6 in the last 7 days (from 11-20 00:00 Beijing); account 2: 50 notes, 5 recent,
    // 40 of them requested for review (10 in stock); account 3: one note just before the 7 days
    for i in 0..51 {
        let at = if i < 6 {
            format!("2026-11-{:02}T02:00:00Z", 20 + i)
        } else {
            format!("2026-10-{:02}T02:00:00Z", 1 + i % 28)
        };
        h.note(1, &at, likes(1), None, &[]).await;
    }
    let mut rows = Vec::new();
    for i in 0..50 {
        let at = if i < 5 {
            format!("2026-11-{:02}T02:00:00Z", 21 + i)
        } else {
            format!("2026-09-{:02}T02:00:00Z", 1 + i % 28)
        };
        rows.push(h.note(2, &at, likes(1), None, &[]).await.0);
    }
    h.note(3, "2026-11-19T15:59:59Z", likes(1), None, &[]).await;
    for row in &rows[..40] {
        kos_core::on!(svc.db().pool(), |db| sqlx::query("UPDATE notes SET review_state = 'in_review', requested = TRUE, review_requested_at = '2026-11-01T00:00:00Z' WHERE id = $1")
            .bind(row)
            .execute(db)
            .await.map(|r| r.rows_affected()))
            .unwrap();
    }
    let args = |sort, desc| AccountHealthArgs { enterprise_id: E, sort, desc };
    let health = svc.account_health(&h.marketing, args(HealthSort::Followers, true)).await.unwrap();
    let t = &health.thresholds;
    assert_eq!((t.min_followers, t.min_notes, t.min_notes_per_week, t.min_stock), (200, 50, 5, 10));
    assert_eq!(health.rows.iter().map(|r| r.account_id).collect::<Vec<_>>(), [5, 3, 6, 1, 2, 4]);
    let row = |id: i64| health.rows.iter().find(|r| r.account_id == id).unwrap().clone();
    let a1 = row(1);
    assert_eq!((a1.followers, a1.notes, a1.notes_last_7d, a1.in_stock), (201, 51, 6, 51));
    assert_eq!(
        (a1.followers_ok, a1.notes_ok, a1.weekly_ok, a1.stock_ok, a1.passed, a1.candidate),
        (true, true, true, true, 4, true)
    );
    let a2 = row(2);
    assert_eq!((a2.followers, a2.notes, a2.notes_last_7d, a2.in_stock), (200, 50, 5, 10));
    assert_eq!(
        (a2.followers_ok, a2.notes_ok, a2.weekly_ok, a2.stock_ok, a2.passed, a2.candidate),
        (false, false, false, true, 1, false)
    );
    let a3 = row(3);
    assert_eq!((a3.notes, a3.notes_last_7d, a3.in_stock, a3.stock_ok), (1, 0, 1, false));
    assert_eq!((row(6).status, row(6).job_title.as_str()), (kos_core::model::BindingStatus::Frozen, "主播人"));
    assert_eq!(health.candidates, 1);
    assert!(health.rows.iter().all(|r| r.account_id != 7));

    // the thresholds are rule settings
    let admin = h.app.admin().await;
    for (key, value) in [("account_min_followers", 199), ("account_min_stock", 11)] {
        let s = UpdateRuleSettingArgs { enterprise_id: Some(E), key: key.into(), value, reason: "试点".into() };
        svc.update_rule_setting(&admin, s).await.unwrap();
    }
    let health = svc.account_health(&h.marketing, args(HealthSort::Passed, true)).await.unwrap();
    assert_eq!((health.thresholds.min_followers, health.thresholds.min_stock), (199, 11));
    let a2 = health.rows.iter().find(|r| r.account_id == 2).unwrap();
    assert_eq!((a2.followers_ok, a2.stock_ok), (true, false));
    assert_eq!(health.rows[0].account_id, 1);
    let passed: Vec<i64> = health.rows.iter().map(|r| r.passed).collect();
    assert!(passed.windows(2).all(|w| w[0] >= w[1]), "{passed:?}");

    let by_id = svc.account_health(&h.marketing, args(HealthSort::XhsId, false)).await.unwrap();
    assert_eq!(by_id.rows.iter().map(|r| r.xhs_id.as_str()).collect::<Vec<_>>()[..2], ["hm0001", "hm0002"]);
    let mine = svc.account_health(&h.manager, args(HealthSort::Notes, true)).await.unwrap();
    assert_eq!(mine.rows.iter().map(|r| r.account_id).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(
        svc.account_health(&h.employee, args(HealthSort::Notes, true)).await.unwrap_err().code(),
        ErrorCode::Forbidden
    );
}
