//! 领导看板 (I-1..I-3): the leader view of a campaign — the awards for the whole campaign, the same races
//! narrowed to a store or city with the real awards marked, and each person's running total per day whose
//! last day is the board's total (running, ended, confirmed, organic only). Numbers are hand-made.

mod common;
mod handmade;

use chrono::{TimeZone, Utc};
use handmade::{likes, Brand};
use kos_core::error::CoreError;
use kos_core::incentives::engine::{AwardKind, AwardRules};
use kos_core::service::{CampaignArgs, CampaignScope, CreateCampaignArgs, LeaderView, LeaderViewArgs, VoidAwardArgs};

const E: i64 = 1;
const PERIOD: (&str, &str) = ("2026-11-16", "2026-11-30");

async fn create(h: &Brand, scope: Option<CampaignScope>, rules: AwardRules) -> i64 {
    let args = CreateCampaignArgs {
        enterprise_id: E,
        name: "十一月激励".into(),
        start_date: PERIOD.0.into(),
        end_date: PERIOD.1.into(),
        scope,
        rules: Some(rules),
    };
    h.app.svc.create_campaign(&h.marketing, args).await.unwrap().id
}

async fn view(h: &Brand, campaign_id: i64, store_id: Option<i64>, city: Option<&str>) -> LeaderView {
    let args = LeaderViewArgs { campaign_id, store_id, city: city.map(str::to_string) };
    h.app.svc.campaign_leader_view(&h.leader, args).await.unwrap()
}

fn ids(people: &[kos_core::service::LeaderPerson]) -> Vec<i64> {
    people.iter().map(|p| p.staff_id).collect()
}

fn line(v: &LeaderView, staff_id: i64) -> &[i64] {
    &v.trend.iter().find(|l| l.staff_id == staff_id).unwrap().values
}

/// Staff 1 (门店甲, 上海): note A 11-16 (100 on 11-17, 250 on 11-20, 300 now) and note B 11-21 (50 on
/// 11-22, 50 now); staff 2 (门店甲): 120 (60 on 11-19); staff 3 (门店乙, 上海): 200 (200 on 11-18);
/// staff 4 (门店丙, 杭州): 400 with no snapshot. Returns note A's row.
async fn seed(h: &Brand) -> i64 {
    let (a, _) = h.note(1, "2026-11-16T02:00:00Z", likes(300), None, &[("2026-11-17", 100), ("2026-11-20", 250)]).await;
    h.note(1, "2026-11-21T02:00:00Z", likes(50), None, &[("2026-11-22", 50)]).await;
    h.note(2, "2026-11-18T02:00:00Z", likes(120), None, &[("2026-11-19", 60)]).await;
    h.note(3, "2026-11-17T02:00:00Z", likes(200), None, &[("2026-11-18", 200)]).await;
    h.note(4, "2026-11-20T02:00:00Z", likes(400), None, &[]).await;
    // outside the period, and another brand: no part
    h.note(1, "2026-11-15T15:59:59Z", likes(999), None, &[("2026-11-16", 999)]).await;
    h.note(7, "2026-11-18T02:00:00Z", likes(999), None, &[]).await;
    a
}

#[tokio::test]
async fn i1_i2_i3_leader_view_whole_campaign_lists_the_awards_and_each_persons_running_total() {
    let h = handmade::brand().await;
    seed(&h).await;
    let id = create(&h, None, AwardRules::deck_defaults()).await;
    let v = view(&h, id, None, None).await;
    let b = &v.board.board;
    // whole campaign: the lists are the awards
    assert_eq!(ids(&v.podium), b.honour.iter().map(|p| p.staff_id).collect::<Vec<_>>());
    assert_eq!(ids(&v.people), vec![4, 1, 3, 2]);
    assert_eq!(ids(&v.people), b.ranking.iter().map(|p| p.staff_id).collect::<Vec<_>>());
    assert_eq!(
        v.notes.iter().map(|n| n.note_id.clone()).collect::<Vec<_>>(),
        b.viral.iter().map(|n| n.note_id.clone()).collect::<Vec<_>>()
    );
    assert!(v.notes.iter().all(|n| n.awarded && !n.title.is_empty()));
    assert_eq!(v.people[1].awards, vec![AwardKind::Viral, AwardKind::Ranking, AwardKind::Honour]);
    assert_eq!(v.people[3].awards, vec![AwardKind::Viral, AwardKind::Ranking]);
    // the days of the period up to today (2026-11-26)
    assert_eq!(v.dates.first().map(String::as_str), Some("2026-11-16"));
    assert_eq!(v.dates.last().map(String::as_str), Some("2026-11-26"));
    assert_eq!(v.dates.len(), 11);
    // 16..26: A's snapshots, then B's from 11-22; the last (running) day counts the latest metrics
    assert_eq!(line(&v, 1), &[0, 100, 100, 100, 250, 250, 300, 300, 300, 300, 350]);
    assert_eq!(line(&v, 2), &[0, 0, 0, 60, 60, 60, 60, 60, 60, 60, 120]);
    // no snapshot: its metrics count from the day they date from (11-26)
    assert_eq!(line(&v, 4), &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 400]);
    for p in &v.people {
        assert_eq!(line(&v, p.staff_id).last(), Some(&p.total_interactions), "staff {}", p.staff_id);
    }
    // the filter's choices: the brand's stores and cities
    assert_eq!(v.stores.iter().map(|s| s.id).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(v.cities, vec!["上海".to_string(), "杭州".to_string()]);
}

#[tokio::test]
async fn i1_i2_i3_leader_view_narrowed_to_a_store_or_city_runs_the_races_there_and_marks_the_real_awards() {
    let h = handmade::brand().await;
    seed(&h).await;
    let rules = AwardRules { ranking_top_n: 2, honour_top_n: 1, viral_top_n: 2, ..AwardRules::deck_defaults() };
    let id = create(&h, None, rules.clone()).await;
    // 门店甲: staff 1 then staff 2; the campaign's awards went to 4 and 1 (I-2), 4 (I-3), notes of 4 and 1 (I-1)
    let v = view(&h, id, Some(1), None).await;
    assert_eq!(ids(&v.people), vec![1, 2]);
    assert_eq!(v.people.iter().map(|p| p.place).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(ids(&v.podium), vec![1]);
    assert_eq!(v.people[0].awards, vec![AwardKind::Viral, AwardKind::Ranking]);
    assert!(v.people[1].awards.is_empty());
    assert_eq!(v.notes.len(), 2);
    assert!(v.notes[0].awarded && !v.notes[1].awarded);
    assert_eq!(v.notes.iter().map(|n| n.interactions).collect::<Vec<_>>(), vec![300, 120]);
    assert_eq!(line(&v, 2).last(), Some(&120));
    assert_eq!(v.store_id, Some(1));

    // the same races as a campaign scoped to that store alone
    let only = create(&h, Some(CampaignScope { store_ids: vec![1], cities: vec![] }), rules.clone()).await;
    let b = h.app.svc.campaign_board(&h.leader, CampaignArgs { campaign_id: only }).await.unwrap().board;
    assert_eq!(ids(&v.people), b.ranking.iter().map(|p| p.staff_id).collect::<Vec<_>>());
    assert_eq!(
        v.people.iter().map(|p| p.total_interactions).collect::<Vec<_>>(),
        b.ranking.iter().map(|p| p.total_interactions).collect::<Vec<_>>()
    );
    assert_eq!(
        v.notes.iter().map(|n| &n.note_id).collect::<Vec<_>>(),
        b.viral.iter().map(|n| &n.note_id).collect::<Vec<_>>()
    );

    // a city; a store and a city that do not meet: nobody
    assert_eq!(ids(&view(&h, id, None, Some("杭州")).await.people), vec![4]);
    assert_eq!(ids(&view(&h, id, None, Some("上海")).await.people), vec![1, 3]);
    let none = view(&h, id, Some(3), Some("上海")).await;
    assert!(none.people.is_empty() && none.podium.is_empty() && none.notes.is_empty() && none.trend.is_empty());

    // a void applies in the narrowed races too: the next in 门店甲 moves up
    let a = v.notes[0].note_id.clone();
    let void =
        VoidAwardArgs { campaign_id: id, kind: AwardKind::Viral, key: a.clone(), reason: "刷量核实中".into() };
    h.app.svc.void_award(&h.marketing, void).await.unwrap();
    let after = view(&h, id, Some(1), None).await;
    assert!(after.notes.iter().all(|n| n.note_id != a));
    assert_eq!(after.notes.iter().map(|n| n.interactions).collect::<Vec<_>>(), vec![120]);
}

#[tokio::test]
async fn i1_i2_i3_leader_view_refuses_a_store_or_city_outside_the_campaigns_scope() {
    let h = handmade::brand().await;
    seed(&h).await;
    let id = create(&h, Some(CampaignScope { store_ids: vec![1], cities: vec![] }), AwardRules::deck_defaults()).await;
    let v = view(&h, id, None, None).await;
    assert_eq!(v.stores.iter().map(|s| s.id).collect::<Vec<_>>(), vec![1]);
    assert_eq!(v.cities, vec!["上海".to_string()]);
    for (store_id, city, field) in
        [(Some(3), None, "store_id"), (Some(4), None, "store_id"), (None, Some("杭州"), "city")]
    {
        let args = LeaderViewArgs { campaign_id: id, store_id, city: city.map(str::to_string) };
        match h.app.svc.campaign_leader_view(&h.leader, args).await {
            Err(CoreError::InvalidInput { field: f, reason_zh, .. }) => {
                assert_eq!(f, field);
                assert!(reason_zh.contains("不在本活动范围内"), "{reason_zh}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    // another brand's user cannot read it
    let other = h.user(14).await;
    let args = LeaderViewArgs { campaign_id: id, ..Default::default() };
    assert!(matches!(h.app.svc.campaign_leader_view(&other, args).await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn i1_i2_i3_leader_view_trend_ends_at_the_board_total_when_ended_confirmed_and_organic_only() {
    let h = handmade::brand().await;
    let a = seed(&h).await;
    // organic only: note A boosted from 11-20 counts as of 11-19 (100)
    h.boost(a, "2026-11-20", 300).await;
    let organic = create(&h, None, AwardRules { organic_only: true, ..AwardRules::deck_defaults() }).await;
    let v = view(&h, organic, None, None).await;
    assert_eq!(line(&v, 1), &[0, 100, 100, 100, 100, 100, 150, 150, 150, 150, 150]);
    for p in &v.people {
        assert_eq!(line(&v, p.staff_id).last(), Some(&p.total_interactions), "organic, staff {}", p.staff_id);
    }

    // ended: the metrics as of the end date, the days run to the end date
    let plain = create(&h, None, AwardRules::deck_defaults()).await;
    h.app.svc.clock().set(Utc.with_ymd_and_hms(2026, 12, 5, 4, 0, 0).single().unwrap());
    let ended = view(&h, plain, Some(1), None).await;
    assert_eq!(ended.board.metrics_as_of, "2026-11-30");
    assert_eq!(ended.dates.len(), 15);
    let whole = view(&h, plain, None, None).await;
    for p in &whole.people {
        assert_eq!(line(&whole, p.staff_id).last(), Some(&p.total_interactions), "ended, staff {}", p.staff_id);
    }
    // confirmed: the narrowed races come from the frozen input and read the same
    h.app.svc.confirm_awards(&h.marketing, CampaignArgs { campaign_id: plain }).await.unwrap();
    let frozen = view(&h, plain, Some(1), None).await;
    assert!(frozen.board.frozen);
    assert_eq!(frozen.people, ended.people);
    assert_eq!(frozen.notes, ended.notes);
    assert_eq!(frozen.trend, ended.trend);
}

#[tokio::test]
async fn i1_i2_i3_leader_view_on_the_demo_data_trends_end_at_the_totals_and_a_city_holds_only_its_people() {
    let app = common::TestApp::with_demo().await;
    let svc = &app.svc;
    let admin = app.admin().await;
    let users = svc.list_users(&admin, Default::default()).await.unwrap();
    let pick = |role| users.iter().find(|u| u.role == role && u.enterprise_id == Some(E)).unwrap().id;
    let marketing = svc.actor(pick(kos_core::model::Role::BrandMarketing)).await.unwrap();
    let leader = svc.actor(pick(kos_core::model::Role::Leader)).await.unwrap();
    let args = CreateCampaignArgs {
        enterprise_id: E,
        name: "十一月".into(),
        start_date: "2026-10-28".into(),
        end_date: "2026-11-30".into(),
        scope: None,
        rules: None,
    };
    let id = svc.create_campaign(&marketing, args).await.unwrap().id;
    let whole =
        svc.campaign_leader_view(&leader, LeaderViewArgs { campaign_id: id, ..Default::default() }).await.unwrap();
    assert_eq!(whole.people.len(), 10);
    assert_eq!(whole.dates.len(), 30);
    for (p, l) in whole.people.iter().zip(&whole.trend) {
        assert_eq!(p.staff_id, l.staff_id);
        assert_eq!(l.values.last(), Some(&p.total_interactions), "{}", p.staff_name);
        assert!(l.values.windows(2).all(|w| w[0] <= w[1]), "a running total never falls: {:?}", l.values);
    }
    for city in &whole.cities {
        let v = svc
            .campaign_leader_view(&leader, LeaderViewArgs { campaign_id: id, store_id: None, city: Some(city.clone()) })
            .await
            .unwrap();
        assert!(v.people.iter().all(|p| &p.city == city), "{city}");
        assert!(v.people.windows(2).all(|w| w[0].total_interactions >= w[1].total_interactions));
        // everyone of that city on the whole board is in the narrowed list, in the same order
        let theirs: Vec<i64> = whole.people.iter().filter(|p| &p.city == city).map(|p| p.staff_id).collect();
        let narrowed: Vec<i64> = v.people.iter().map(|p| p.staff_id).collect();
        assert_eq!(&narrowed[..theirs.len()], &theirs[..], "{city}");
    }
}
