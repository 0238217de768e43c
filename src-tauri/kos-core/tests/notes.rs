//! The note review queue end to end against a temp database with the demo brand: import (N-1), queue
//! filters and sorts (N-3, N-4), review requests and the monthly quota (N-2, N-5), decisions, boosts and
//! 聚光 (N-6, N-7), 笔记详情 and 数据中心 (N-8), export.

mod common;

use common::TestApp;
use kos_core::model::Role;
use kos_core::service::{
    BoostNoteArgs, DataCenterArgs, DataSort, DecideReviewArgs, EnterpriseArgs, ExportDataCenterArgs, ExportFormat,
    ExportListArgs, ExportNotesArgs, ImportArgs, JobProgress, JobState, ListNotesArgs, NoteArgs, NoteFilePreview,
    NoteList, NoteQuery, NoteSort, NoteTypeFilter, PreviewNoteFileArgs, RequestReviewArgs, ReviewQueueArgs, ReviewTab,
    StartNoteImportArgs,
};
use kos_core::{Actor, ErrorCode, Service};

const E: i64 = 1;

struct Fx {
    app: TestApp,
    marketing: Actor,
    reviewer: Actor,
    /// 小红书号 of accounts bound to brand 1 (active)
    bound: Vec<String>,
    frozen: Option<String>,
    /// an account bound to another brand
    other: String,
}

async fn fx() -> Fx {
    let app = TestApp::with_demo().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let reviewer = app.user(Role::PlatformReviewer).await;
    let pool = app.svc.db().pool();
    let bound: Vec<String> = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT a.xhs_id FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.enterprise_id = $1 AND b.status = 'active' AND b.effective_at <= '2026-06-01' ORDER BY a.id",
    )
    .bind(E)
    .fetch_all(db)
    .await)
    .unwrap();
    let frozen: Option<String> = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT a.xhs_id FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.enterprise_id = $1 AND b.status = 'frozen' AND b.effective_at <= '2026-06-01' LIMIT 1",
    )
    .bind(E)
    .fetch_optional(db)
    .await)
    .unwrap();
    let other: String = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT a.xhs_id FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.enterprise_id <> $1 AND b.status = 'active' LIMIT 1",
    )
    .bind(E)
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(bound.len() >= 5, "the demo brand has bound accounts");
    Fx { app, marketing, reviewer, bound, frozen, other }
}

const HEADER: &str = "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享";

/// Notes of this test's files (their IDs share a prefix no demo note has).
fn ours(id: &str) -> bool {
    id.starts_with("00000000abc")
}

fn note_id(i: usize) -> String {
    format!("{:024x}", 0xabc0_0000_0000_0000_u64 as usize + i)
}

struct Row<'a> {
    i: usize,
    title: &'a str,
    kind: &'a str,
    published: &'a str,
    xhs: &'a str,
    exposure: i64,
    likes: i64,
    comments: i64,
}

fn csv_line(r: &Row) -> String {
    format!(
        "{},{},{},{},{},{},{},{},3,{},1",
        note_id(r.i),
        r.title,
        r.kind,
        r.published,
        r.xhs,
        r.exposure,
        r.exposure / 2,
        r.likes,
        r.comments
    )
}

impl Fx {
    fn write(&self, name: &str, lines: &[String]) -> String {
        let p = self.app.dir.path().join(name);
        std::fs::write(&p, format!("{HEADER}\n{}\n", lines.join("\n"))).unwrap();
        p.display().to_string()
    }

    fn svc(&self) -> &Service {
        &self.app.svc
    }

    /// The save grant a door hands out for the place the user chose.
    fn save(&self, path: &str) -> String {
        self.svc().grant_save(std::path::Path::new(path)).unwrap().token
    }

    /// The open grant a door hands out for the file the user chose.
    fn open(&self, path: &str) -> String {
        self.svc().grant_open(std::path::Path::new(path)).unwrap().token
    }

    /// The window's preview of the file, as marketing.
    async fn preview(&self, path: &str) -> NoteFilePreview {
        self.svc()
            .preview_note_file(&self.marketing, PreviewNoteFileArgs { enterprise_id: E, file: self.open(path) })
            .await
            .unwrap()
    }

    async fn import(&self, path: &str) -> JobProgress {
        let args = StartNoteImportArgs { enterprise_id: E, file: self.open(path), mapping: None, data_date: None };
        self.svc().import_notes_and_wait(&self.marketing, args, |_| {}).await.unwrap()
    }

    async fn list(&self, list: NoteList, query: NoteQuery, sort: NoteSort, desc: bool) -> kos_core::service::NotePage {
        self.svc()
            .list_notes(
                &self.marketing,
                ListNotesArgs {
                    enterprise_id: E,
                    list,
                    tab: None,
                    query,
                    sort,
                    desc,
                    page_size: 100,
                    cursor: None,
                    page: None,
                },
            )
            .await
            .unwrap()
    }

    async fn row_id(&self, i: usize) -> i64 {
        kos_core::on!(self.svc().db().pool(), |db| sqlx::query_scalar("SELECT id FROM notes WHERE note_id = $1")
            .bind(note_id(i))
            .fetch_one(db)
            .await)
        .unwrap()
    }
}

/// Ten recent notes by bound accounts, one by an unknown account, one by another brand's account, one bad row.
fn sample(f: &Fx) -> Vec<String> {
    let mut lines: Vec<String> = (0..10)
        .map(|i| {
            csv_line(&Row {
                i,
                title: if i % 2 == 0 { "上门保洁 厨房深度清洁" } else { "月嫂日常 鑫淼经验" },
                kind: if i % 3 == 0 { "视频" } else { "图文" },
                published: &format!("2026-11-{:02} 10:00:00", 10 + i),
                xhs: &f.bound[i % f.bound.len()],
                exposure: 1000 * (i as i64 + 1),
                likes: i as i64 * 2,
                comments: i as i64,
            })
        })
        .collect();
    lines.push(csv_line(&Row {
        i: 100,
        title: "无人认领",
        kind: "图文",
        published: "2026-11-12 09:00",
        xhs: "nobody-999",
        exposure: 5,
        likes: 0,
        comments: 0,
    }));
    lines.push(csv_line(&Row {
        i: 101,
        title: "别家品牌",
        kind: "图文",
        published: "2026-11-12 09:00",
        xhs: &f.other,
        exposure: 5,
        likes: 0,
        comments: 0,
    }));
    lines.push(format!("{},坏行,图文,不是日期,{},1,1,1,1,1,1", note_id(102), f.bound[0]));
    lines
}

#[tokio::test]
async fn n1_import_queues_bound_notes_keeps_others_aside_and_reports_bad_rows() {
    let f = fx().await;
    let before = f.list(NoteList::Queue, NoteQuery::default(), NoteSort::Published, true).await.total;
    let path = f.write("export.csv", &sample(&f));
    let preview = f.preview(&path).await;
    assert_eq!(preview.preview.rows, 13);
    assert!(preview.preview.missing.is_empty());
    assert!(preview.earlier.is_empty());
    let job = f.import(&path).await;
    assert_eq!(job.state, JobState::Done, "{job:?}");
    // the next preview of the same file names that import, with its data date
    let again = f.preview(&path).await;
    assert_eq!(again.earlier.len(), 1);
    assert_eq!((again.earlier[0].id, again.earlier[0].status.as_str()), (job.import_id.unwrap(), "done"));
    assert_eq!(again.earlier[0].data_date, "2026-11-26");
    let report =
        f.svc().note_import_report(&f.marketing, ImportArgs { import_id: job.import_id.unwrap() }).await.unwrap();
    assert_eq!((report.import.inserted, report.import.set_aside, report.import.rejected), (10, 2, 1));
    assert_eq!(report.rejects[0].line, 14);
    assert_eq!(report.rejects[0].column_name.as_deref(), Some("发布时间"));
    let reasons: Vec<&str> = report.aside.iter().map(|a| a.reason.as_str()).collect();
    assert_eq!(reasons, ["unknown_account", "not_bound"]);
    let after = f.list(NoteList::Queue, NoteQuery::default(), NoteSort::Published, true).await;
    assert_eq!(after.total, before + 10);
    assert!(after.rows.iter().all(|n| n.title != "无人认领" && n.title != "别家品牌"));
    // the author is the staff member bound at publish time
    for i in 0..10 {
        let one = f
            .list(
                NoteList::Queue,
                NoteQuery { note: Some(note_id(i)), ..Default::default() },
                NoteSort::Published,
                true,
            )
            .await;
        assert_eq!(one.total, 1);
        assert!(one.rows[0].staff_name.is_some());
    }
}

#[tokio::test]
async fn n1_a_file_changed_after_its_preview_is_imported_as_it_is_now() {
    // issue 10 item 6: the import takes the preview kept for the file only when the file hashes the same
    let f = fx().await;
    let path = f.write("export.csv", &sample(&f));
    let preview = f.preview(&path).await;
    assert_eq!(preview.preview.rows, 13);
    // the same file saved again with its first four rows only (the bound notes 0..3)
    let lines = sample(&f);
    f.write("export.csv", &lines[..4]);
    let job = f.import(&path).await;
    assert_eq!(job.state, JobState::Done, "{job:?}");
    let report =
        f.svc().note_import_report(&f.marketing, ImportArgs { import_id: job.import_id.unwrap() }).await.unwrap();
    assert_eq!((report.import.rows_total, report.import.inserted, report.import.rejected), (4, 4, 0));
    // and a preview of the file as it is now names that import
    let again = f.preview(&path).await;
    assert_eq!((again.preview.rows, again.earlier.len()), (4, 1));
}

#[tokio::test]
async fn n1_the_same_file_twice_changes_nothing_and_a_newer_export_adds_a_snapshot() {
    let f = fx().await;
    let path = f.write("export.csv", &sample(&f));
    f.import(&path).await;
    let snaps = || async {
        let n: i64 = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_scalar("SELECT COUNT(*) FROM note_snapshots")
            .fetch_one(db)
            .await)
        .unwrap();
        n
    };
    let before = snaps().await;
    let again = f.import(&path).await;
    let r = f.svc().note_import_report(&f.marketing, ImportArgs { import_id: again.import_id.unwrap() }).await.unwrap();
    assert_eq!((r.import.inserted, r.import.updated, r.import.unchanged), (0, 0, 10));
    assert_eq!(snaps().await, before);
    // tomorrow's export with more reads: the note moves, a dated snapshot is added
    f.svc().clock().advance(chrono::Duration::days(1));
    let mut lines = sample(&f);
    lines[0] = lines[0].replace(",1000,500,", ",1500,800,");
    let path2 = f.write("export-2.csv", &lines);
    let job = f.import(&path2).await;
    let r = f.svc().note_import_report(&f.marketing, ImportArgs { import_id: job.import_id.unwrap() }).await.unwrap();
    assert_eq!((r.import.inserted, r.import.updated), (0, 10));
    let detail = f.svc().note_detail(&f.marketing, NoteArgs { note_row_id: f.row_id(0).await }).await.unwrap();
    assert_eq!(detail.note.exposure, 1500);
    assert_eq!(detail.snapshots.len(), 2);
    assert_eq!(detail.snapshots[0].exposure, 1000);
}

#[tokio::test]
async fn n1_frozen_accounts_take_no_new_notes() {
    let f = fx().await;
    let Some(frozen) = f.frozen.clone() else { return };
    let line = csv_line(&Row {
        i: 7,
        title: "冻结账号的新笔记",
        kind: "图文",
        published: "2026-11-20 10:00",
        xhs: &frozen,
        exposure: 1,
        likes: 0,
        comments: 0,
    });
    let job = f.import(&f.write("frozen.csv", &[line])).await;
    let r = f.svc().note_import_report(&f.marketing, ImportArgs { import_id: job.import_id.unwrap() }).await.unwrap();
    assert_eq!(r.aside.len(), 1);
    assert_eq!(r.aside[0].reason, "frozen");
}

#[tokio::test]
async fn n1_bad_files_change_nothing() {
    let f = fx().await;
    let count = || async {
        let n: i64 = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_scalar("SELECT COUNT(*) FROM notes")
            .fetch_one(db)
            .await)
        .unwrap();
        n
    };
    let before = count().await;
    let missing = f.app.dir.path().join("missing-cols.csv");
    std::fs::write(&missing, "标题,曝光量\n好笔记,3\n").unwrap();
    let err = f
        .svc()
        .start_note_import(
            &f.marketing,
            StartNoteImportArgs {
                enterprise_id: E,
                file: f.svc().grant_open(&missing).unwrap().token,
                mapping: None,
                data_date: None,
            },
        )
        .await
        .unwrap_err();
    assert!(err.to_api().message.contains("缺少必需的列"), "{:?}", err.to_api());
    let long = f.app.dir.path().join("long.csv");
    std::fs::write(
        &long,
        format!("{HEADER}\n{},{},图文,2026-11-20,{},1,1,1,1,1,1\n", note_id(1), "长".repeat(40_000), f.bound[0]),
    )
    .unwrap();
    let err = f
        .svc()
        .start_note_import(
            &f.marketing,
            StartNoteImportArgs {
                enterprise_id: E,
                file: f.svc().grant_open(&long).unwrap().token,
                mapping: None,
                data_date: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::File, "{:?}", err.to_api());
    assert!(err.to_api().message.contains("2000"), "{:?}", err.to_api());
    let junk = f.app.dir.path().join("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not really a zip").unwrap();
    assert!(f
        .svc()
        .preview_note_file(
            &f.marketing,
            PreviewNoteFileArgs { enterprise_id: E, file: f.svc().grant_open(&junk).unwrap().token }
        )
        .await
        .is_err());
    assert_eq!(count().await, before);
}

#[tokio::test]
async fn n3_filters_keyword_staff_link_type_and_dates() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    let q = |query: NoteQuery| async { f.list(NoteList::Queue, query, NoteSort::Published, true).await };
    // a 2-character Chinese keyword
    let hits = q(NoteQuery { keyword: Some("鑫淼".into()), ..Default::default() }).await;
    assert_eq!(hits.total, 5);
    assert!(hits.rows.iter().all(|n| n.title.contains("鑫淼")));
    let demo = q(NoteQuery { keyword: Some("月嫂".into()), ..Default::default() }).await;
    assert!(demo.total > 5 && demo.rows.iter().all(|n| n.title.contains("月嫂")));
    // a link in any form resolves to the note
    let link = format!("https://www.xiaohongshu.com/explore/{}?xsec_token=abc&source=web", note_id(3));
    let one = q(NoteQuery { note: Some(link), ..Default::default() }).await;
    assert_eq!(one.total, 1);
    assert_eq!(one.rows[0].note_id, note_id(3));
    // video notes published 2026-11-10..2026-11-13 (Beijing days)
    let v = q(NoteQuery {
        note_type: Some(NoteTypeFilter::Video),
        published_from: Some("2026-11-10".into()),
        published_to: Some("2026-11-13".into()),
        ..Default::default()
    })
    .await;
    let ours: Vec<&str> = v.rows.iter().filter(|n| ours(&n.note_id)).map(|n| n.note_id.as_str()).collect();
    assert_eq!(ours, [note_id(3), note_id(0)]);
    assert!(v.rows.iter().all(|n| n.note_type == "video"));
    // by employee name: every row is theirs
    let name = one.rows[0].staff_name.clone().unwrap();
    let by_staff = q(NoteQuery { staff_name: Some(name.clone()), ..Default::default() }).await;
    assert!(by_staff.total >= 1);
    assert!(by_staff.rows.iter().all(|n| n.staff_name.as_deref().unwrap().contains(&name)));
    // a short link cannot be resolved offline and says so
    let err = f
        .svc()
        .list_notes(
            &f.marketing,
            ListNotesArgs {
                enterprise_id: E,
                list: NoteList::Queue,
                tab: None,
                query: NoteQuery { note: Some("http://xhslink.com/a/xyz".into()), ..Default::default() },
                sort: NoteSort::Published,
                desc: true,
                page_size: 10,
                cursor: None,
                page: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[tokio::test]
async fn n4_every_sort_pages_through_all_rows_in_order_without_repeats() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    for sort in [NoteSort::Published, NoteSort::Exposure, NoteSort::Reads, NoteSort::Interactions] {
        for desc in [true, false] {
            let mut seen = Vec::new();
            let mut cursor = None;
            let mut total;
            loop {
                let page = f
                    .svc()
                    .list_notes(
                        &f.marketing,
                        ListNotesArgs {
                            enterprise_id: E,
                            list: NoteList::Queue,
                            tab: None,
                            query: NoteQuery::default(),
                            sort,
                            desc,
                            page_size: 50,
                            cursor: cursor.clone(),
                            page: None,
                        },
                    )
                    .await
                    .unwrap();
                total = page.total;
                seen.extend(page.rows.iter().map(|n| {
                    let key = match sort {
                        NoteSort::Exposure => n.exposure.to_string(),
                        NoteSort::Reads => n.reads.to_string(),
                        NoteSort::Interactions => n.interactions.to_string(),
                        _ => n.published_at.clone(),
                    };
                    (
                        key,
                        n.id,
                        n.parts_known
                            && Some(n.interactions)
                                == n.likes.zip(n.collects).zip(n.comments).map(|((l, c), m)| l + c + m),
                    )
                }));
                cursor = page.next_cursor;
                if cursor.is_none() {
                    break;
                }
            }
            assert_eq!(seen.len() as i64, total, "{sort:?} {desc}");
            assert!(seen.iter().all(|s| s.2), "互动量 = 点赞 + 收藏 + 评论");
            let numeric = sort != NoteSort::Published;
            for w in seen.windows(2) {
                let ord = if numeric {
                    w[0].0.parse::<i64>().unwrap().cmp(&w[1].0.parse::<i64>().unwrap())
                } else {
                    w[0].0.cmp(&w[1].0)
                }
                .then(w[0].1.cmp(&w[1].1));
                assert_eq!(
                    ord,
                    if desc { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Less },
                    "{sort:?} {desc}"
                );
            }
        }
    }
    // 跳至 page 2 equals following the cursor once
    let args = |page: Option<u32>, cursor: Option<String>| ListNotesArgs {
        enterprise_id: E,
        list: NoteList::Queue,
        tab: None,
        query: NoteQuery::default(),
        sort: NoteSort::Exposure,
        desc: true,
        page_size: 10,
        cursor,
        page,
    };
    let p1 = f.svc().list_notes(&f.marketing, args(None, None)).await.unwrap();
    let via_cursor = f.svc().list_notes(&f.marketing, args(None, p1.next_cursor.clone())).await.unwrap();
    let jumped = f.svc().list_notes(&f.marketing, args(Some(2), None)).await.unwrap();
    assert_eq!(jumped.page, 2);
    assert_eq!(
        via_cursor.rows.iter().map(|n| n.id).collect::<Vec<_>>(),
        jumped.rows.iter().map(|n| n.id).collect::<Vec<_>>()
    );
}

/// N-4, U-4: 跳至 a page equals following the cursor there, for every sort, both directions and a type filter (on
/// PostgreSQL the jump walks the offset over the sort index and reads only the page's rows).
#[tokio::test]
async fn n4_jumping_to_a_page_equals_following_the_cursor_for_every_sort() {
    let f = fx().await;
    for sort in [NoteSort::Published, NoteSort::Exposure, NoteSort::Reads, NoteSort::Interactions] {
        for desc in [true, false] {
            for note_type in [None, Some(NoteTypeFilter::Image)] {
                let args = |page: Option<u32>, cursor: Option<String>| ListNotesArgs {
                    enterprise_id: E,
                    list: NoteList::Queue,
                    tab: None,
                    query: NoteQuery { note_type, ..Default::default() },
                    sort,
                    desc,
                    page_size: 10,
                    cursor,
                    page,
                };
                let mut cursor = None;
                let mut third = Vec::new();
                for _ in 0..3 {
                    let p = f.svc().list_notes(&f.marketing, args(None, cursor.clone())).await.unwrap();
                    third = p.rows.iter().map(|n| n.id).collect();
                    cursor = p.next_cursor;
                }
                let jumped = f.svc().list_notes(&f.marketing, args(Some(3), None)).await.unwrap();
                assert_eq!(jumped.page, 3);
                assert!(!third.is_empty(), "{sort:?} {desc} {note_type:?}");
                assert_eq!(
                    jumped.rows.iter().map(|n| n.id).collect::<Vec<_>>(),
                    third,
                    "{sort:?} {desc} {note_type:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn s1_priority_and_n2_age_are_marked() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    let page = f
        .list(
            NoteList::Queue,
            NoteQuery { keyword: Some("保洁".into()), ..Default::default() },
            NoteSort::Published,
            true,
        )
        .await;
    for n in &page.rows {
        let (likes, comments) = (n.likes.expect("parts known"), n.comments.expect("parts known"));
        assert_eq!(n.priority, Some(likes > 10 || comments > 5), "S-1 {n:?}");
    }
    let all = f.list(NoteList::Queue, NoteQuery::default(), NoteSort::Published, false).await;
    let old = all.rows.first().unwrap();
    assert!(old.too_old, "the demo's oldest notes are past 90 days");
}

async fn request(f: &Fx, ids: Vec<i64>) -> Result<kos_core::service::RequestReviewResult, kos_core::CoreError> {
    f.svc().request_review(&f.marketing, RequestReviewArgs { enterprise_id: E, note_ids: ids }).await
}

#[tokio::test]
async fn n5_quota_counts_requests_per_month_and_a_selection_over_it_requests_none() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    let admin = f.app.admin().await;
    f.svc()
        .update_rule_setting(
            &admin,
            kos_core::service::UpdateRuleSettingArgs {
                enterprise_id: Some(E),
                key: "review_quota_per_month".into(),
                value: 3,
                reason: "测试额度".into(),
            },
        )
        .await
        .unwrap();
    let ids = vec![f.row_id(0).await, f.row_id(1).await, f.row_id(2).await, f.row_id(3).await];
    let err = request(&f, ids.clone()).await.unwrap_err();
    let api = err.to_api();
    assert_eq!(api.code, ErrorCode::QuotaExceeded);
    assert!(api.message.contains("3/3") && api.message.contains("4 篇"), "{}", api.message);
    // N-5: the quota renews when the Beijing month does, and the refusal names that minute
    assert!(api.message.contains("2026-12-01 00:00 起可操作"), "{}", api.message);
    assert_eq!(api.details["available_from"], "2026-12-01T00:00:00+08:00");
    let q = f.svc().review_quota(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap();
    assert_eq!((q.used, q.remaining, q.limit), (0, 3, 3));
    let ok = request(&f, ids[..3].to_vec()).await.unwrap();
    assert_eq!(ok.requested.len(), 3);
    assert_eq!(ok.quota.remaining, 0);
    // one minute before the Beijing month ends: refused, one minute left
    let at = |h, m| chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 30, h, m, 0).unwrap();
    f.svc().clock().set(at(15, 59));
    let api = request(&f, ids[3..].to_vec()).await.unwrap_err().to_api();
    assert_eq!(api.code, ErrorCode::QuotaExceeded);
    assert!(api.message.contains("2026-12-01 00:00 起可操作，还需 1 分钟"), "{}", api.message);
    assert!(api.message_en.contains("1 minute left"), "{}", api.message_en);
    // at the instant the quota is whole again (Asia/Shanghai month), and a minute later it serves
    f.svc().clock().set(at(16, 0));
    let q = f.svc().review_quota(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap();
    assert_eq!((q.month.as_str(), q.remaining), ("2026-12", 3));
    f.svc().clock().set(at(16, 1));
    assert_eq!(request(&f, ids[3..].to_vec()).await.unwrap().requested.len(), 1);
}

#[tokio::test]
async fn n2_old_notes_and_notes_in_review_are_refused_each_with_why() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    let old = f.list(NoteList::Queue, NoteQuery::default(), NoteSort::Published, false).await.rows[0].id;
    let fresh = f.row_id(5).await;
    let r = request(&f, vec![old, fresh]).await.unwrap();
    assert_eq!(r.requested, [fresh]);
    assert_eq!(r.refused.len(), 1);
    assert_eq!((r.refused[0].code, r.refused[0].rule.as_str()), (kos_core::service::NoteRefusalCode::TooOld, "N-2"));
    assert!(r.refused[0].reason.contains("90 天"));
    let again = request(&f, vec![fresh]).await.unwrap();
    assert_eq!(again.refused[0].code, kos_core::service::NoteRefusalCode::InReview);
}

#[tokio::test]
async fn n6_reviewer_decides_with_checklist_and_reason_then_boost_and_juguang() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    let (a, b) = (f.row_id(4).await, f.row_id(6).await);
    request(&f, vec![a, b]).await.unwrap();
    let queue = f.svc().review_queue(&f.reviewer, ReviewQueueArgs { page_size: 10, cursor: None }).await.unwrap();
    assert_eq!(queue.rows.len(), 2);
    assert!(queue.rows[0].id < queue.rows[1].id, "arrival order");
    let all = vec!["community".to_string(), "brand_related".into(), "recent".into()];
    let decide = |id, approve, checklist: Vec<String>, reason: &str| {
        f.svc()
            .decide_review(&f.reviewer, DecideReviewArgs { review_id: id, approve, checklist, reason: reason.into() })
    };
    assert_eq!(decide(queue.rows[0].id, true, all.clone(), "  ").await.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(
        decide(queue.rows[0].id, true, all[..2].to_vec(), "好").await.unwrap_err().code(),
        ErrorCode::ChecklistIncomplete
    );
    assert_eq!(
        f.svc()
            .decide_review(
                &f.marketing,
                DecideReviewArgs {
                    review_id: queue.rows[0].id,
                    approve: true,
                    checklist: all.clone(),
                    reason: "x".into()
                }
            )
            .await
            .unwrap_err()
            .code(),
        ErrorCode::Forbidden
    );
    decide(queue.rows[0].id, true, all.clone(), "内容优质，品牌相关").await.unwrap();
    decide(queue.rows[1].id, false, vec![], "与品牌无关").await.unwrap();
    let counts = f.svc().note_tab_counts(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap();
    assert_eq!((counts.all, counts.in_review, counts.rejected, counts.approved), (2, 0, 1, 1));
    let rejected = f
        .svc()
        .list_notes(
            &f.marketing,
            ListNotesArgs {
                enterprise_id: E,
                list: NoteList::Requested,
                tab: Some(ReviewTab::Rejected),
                query: NoteQuery::default(),
                sort: NoteSort::Requested,
                desc: true,
                page_size: 10,
                cursor: None,
                page: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(rejected.rows.len(), 1);
    assert_eq!(rejected.rows[0].review_reason.as_deref(), Some("与品牌无关"));
    // a rejected note may be requested again, counting against the quota
    let before = f.svc().review_quota(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap().used;
    assert_eq!(request(&f, vec![b]).await.unwrap().requested, [b]);
    assert_eq!(f.svc().review_quota(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap().used, before + 1);
    // only approved notes are boosted or sent to 聚光
    let boost = |id| {
        f.svc().boost_note(
            &f.marketing,
            BoostNoteArgs { note_row_id: id, budget_yuan: 500, days: 7, goal: "客资收集".into() },
        )
    };
    assert_eq!(boost(b).await.unwrap_err().code(), ErrorCode::NotApproved);
    let order = boost(a).await.unwrap();
    assert_eq!((order.budget_yuan, order.days, order.goal.as_str()), (500, 7, "客资收集"));
    assert!(f.svc().list_juguang(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap().is_empty());
    assert_eq!(
        f.svc().send_to_juguang(&f.marketing, NoteArgs { note_row_id: b }).await.unwrap_err().code(),
        ErrorCode::NotApproved
    );
    let list = f.svc().send_to_juguang(&f.marketing, NoteArgs { note_row_id: a }).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(f.svc().send_to_juguang(&f.marketing, NoteArgs { note_row_id: a }).await.unwrap().len(), 1, "N-7 once");
    let detail = f.svc().note_detail(&f.marketing, NoteArgs { note_row_id: a }).await.unwrap();
    assert_eq!(detail.reviews.len(), 1);
    assert_eq!(detail.reviews[0].reason.as_deref(), Some("内容优质，品牌相关"));
    assert_eq!(detail.boosts.len(), 1);
    assert!(detail.note.on_juguang);
    // N-8: the approved note in 数据中心 with the order source
    let dc = f
        .svc()
        .data_center(
            &f.marketing,
            DataCenterArgs { enterprise_id: E, sort: DataSort::Exposure, desc: true, page_size: 10, page: 1 },
        )
        .await
        .unwrap();
    assert_eq!(dc.total, 1);
    assert_eq!(dc.rows[0].order_source, "用户授权");
    // exports of both lists
    let out = f.app.dir.path().join("juguang.xlsx").display().to_string();
    let r = f
        .svc()
        .export_juguang(
            &f.marketing,
            ExportListArgs { enterprise_id: E, format: ExportFormat::Xlsx, file: f.save(&out) },
        )
        .await
        .unwrap();
    assert_eq!(r.rows, 1);
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let out = f.app.dir.path().join("dc.csv").display().to_string();
    let args = ExportDataCenterArgs {
        enterprise_id: E,
        format: ExportFormat::Csv,
        file: f.save(&out),
        sort: DataSort::Published,
        desc: true,
    };
    f.svc().export_data_center(&f.marketing, args).await.unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().contains("用户授权"));
}

#[tokio::test]
async fn n8_data_center_export_keeps_the_order_on_screen() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    let ids = vec![f.row_id(4).await, f.row_id(5).await, f.row_id(6).await];
    request(&f, ids).await.unwrap();
    let queue = f.svc().review_queue(&f.reviewer, ReviewQueueArgs { page_size: 10, cursor: None }).await.unwrap();
    let all = vec!["community".to_string(), "brand_related".into(), "recent".into()];
    for r in &queue.rows {
        let args = DecideReviewArgs { review_id: r.id, approve: true, checklist: all.clone(), reason: "好".into() };
        f.svc().decide_review(&f.reviewer, args).await.unwrap();
    }
    let mut orders = std::collections::BTreeSet::new();
    let sorts = [
        (DataSort::Exposure, false),
        (DataSort::Exposure, true),
        (DataSort::Published, false),
        (DataSort::Published, true),
    ];
    for (sort, desc) in sorts {
        let page = DataCenterArgs { enterprise_id: E, sort, desc, page_size: 10, page: 1 };
        let shown: Vec<String> =
            f.svc().data_center(&f.marketing, page).await.unwrap().rows.into_iter().map(|r| r.note_id).collect();
        assert_eq!(shown.len(), 3);
        let out = f.app.dir.path().join(format!("dc-{sort:?}-{desc}.csv")).display().to_string();
        let args = ExportDataCenterArgs { enterprise_id: E, format: ExportFormat::Csv, file: f.save(&out), sort, desc };
        assert_eq!(f.svc().export_data_center(&f.marketing, args).await.unwrap().rows, 3);
        let text = std::fs::read_to_string(&out).unwrap();
        let written: Vec<String> = text
            .lines()
            .skip(1)
            .map(|l| l.trim_start_matches('\u{feff}').split(',').next().unwrap().trim_matches('"').to_string())
            .collect();
        assert_eq!(written, shown, "{sort:?} desc={desc}");
        orders.insert(written);
    }
    // ascending and descending differ, so an export in one fixed order fails above
    assert!(orders.len() >= 2, "{orders:?}");
}

#[tokio::test]
async fn n3_export_writes_the_filtered_sorted_list_with_formulas_escaped() {
    let f = fx().await;
    let mut lines = sample(&f);
    lines.push(csv_line(&Row {
        i: 50,
        title: "=HYPERLINK(\"http://evil\")",
        kind: "图文",
        published: "2026-11-21 10:00",
        xhs: &f.bound[0],
        exposure: 7,
        likes: 0,
        comments: 0,
    }));
    f.import(&f.write("export.csv", &lines)).await;
    let list = ListNotesArgs {
        enterprise_id: E,
        list: NoteList::Queue,
        tab: None,
        query: NoteQuery { published_from: Some("2026-11-10".into()), ..Default::default() },
        sort: NoteSort::Exposure,
        desc: true,
        page_size: 10,
        cursor: None,
        page: None,
    };
    let expected = f.svc().list_notes(&f.marketing, list.clone()).await.unwrap().total;
    let out = f.app.dir.path().join("queue.csv").display().to_string();
    let job = f
        .svc()
        .start_note_export(
            &f.marketing,
            ExportNotesArgs { list: list.clone(), format: ExportFormat::Csv, file: f.save(&out) },
        )
        .await
        .unwrap();
    let done = f.svc().wait_job(&f.marketing, job.id, |_| {}).await.unwrap();
    assert_eq!(done.state, JobState::Done, "{done:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() as i64, expected + 1);
    assert!(lines[0].starts_with("\u{feff}笔记ID"));
    assert!(text.contains("'=HYPERLINK"), "formula starter neutralised");
    let exposures: Vec<i64> = lines[1..].iter().map(|l| l.split(',').nth(7).unwrap().parse().unwrap()).collect();
    assert!(exposures.windows(2).all(|w| w[0] >= w[1]), "sorted as on screen");
    let xlsx = f.app.dir.path().join("queue.xlsx").display().to_string();
    let job = f
        .svc()
        .start_note_export(&f.marketing, ExportNotesArgs { list, format: ExportFormat::Xlsx, file: f.save(&xlsx) })
        .await
        .unwrap();
    assert_eq!(f.svc().wait_job(&f.marketing, job.id, |_| {}).await.unwrap().state, JobState::Done);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[tokio::test]
async fn n1_a_cancelled_import_keeps_committed_batches_and_the_same_file_resumes() {
    let f = fx().await;
    let n = kos_core::service::BATCH_ROWS * 2 + 500;
    let lines: Vec<String> = (0..n)
        .map(|i| {
            csv_line(&Row {
                i: 1000 + i,
                title: "批量笔记",
                kind: "图文",
                published: "2026-11-20 10:00",
                xhs: &f.bound[i % f.bound.len()],
                exposure: i as i64,
                likes: 1,
                comments: 1,
            })
        })
        .collect();
    let path = f.write("big.csv", &lines);
    let args = StartNoteImportArgs { enterprise_id: E, file: f.open(&path), mapping: None, data_date: None };
    let job = f.svc().start_note_import(&f.marketing, args.clone()).await.unwrap();
    f.svc().cancel_job(&f.marketing, kos_core::service::JobArgs { job_id: job.id }).await.unwrap();
    let ended = f.svc().wait_job(&f.marketing, job.id, |_| {}).await.unwrap();
    assert_eq!(ended.state, JobState::Cancelled);
    let r = f.svc().note_import_report(&f.marketing, ImportArgs { import_id: ended.import_id.unwrap() }).await.unwrap();
    assert_eq!(r.import.status, "cancelled");
    assert!(r.import.rows_done < n as i64);
    assert_eq!(r.import.inserted, r.import.rows_done, "each committed batch is whole");
    let resumed = f.svc().import_notes_and_wait(&f.marketing, args, |_| {}).await.unwrap();
    assert_eq!(resumed.import_id, ended.import_id, "the same import row resumes");
    let r =
        f.svc().note_import_report(&f.marketing, ImportArgs { import_id: resumed.import_id.unwrap() }).await.unwrap();
    assert_eq!((r.import.status.as_str(), r.import.rows_done, r.import.inserted), ("done", n as i64, n as i64));
}

#[tokio::test]
async fn roles_only_marketing_and_agencies_import_and_request() {
    let f = fx().await;
    let leader = f.app.user(Role::Leader).await;
    let path = f.write("export.csv", &sample(&f));
    let args = StartNoteImportArgs { enterprise_id: E, file: f.open(&path), mapping: None, data_date: None };
    assert_eq!(f.svc().start_note_import(&leader, args).await.unwrap_err().code(), ErrorCode::Forbidden);
    assert_eq!(request_as(&f, &leader).await, ErrorCode::Forbidden);
    let employee = f.app.user(Role::Employee).await;
    assert_eq!(
        f.svc().review_quota(&employee, EnterpriseArgs { enterprise_id: E }).await.unwrap_err().code(),
        ErrorCode::Forbidden
    );
}

async fn request_as(f: &Fx, who: &Actor) -> ErrorCode {
    f.svc().request_review(who, RequestReviewArgs { enterprise_id: E, note_ids: vec![1] }).await.unwrap_err().code()
}

#[tokio::test]
async fn n1_an_import_cut_off_by_a_crash_reads_failed_with_why_in_both_languages() {
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    // as if the process had ended mid-import: the next start marks it failed, resumable
    kos_core::on!(f.svc().db().pool(), |db| sqlx::query(
        "UPDATE note_imports SET status = 'running', finished_at = NULL"
    )
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    // (the process ends: its lock on the database goes with it)
    f.svc().db().close().await;
    let again = f.app.reopen().await;
    let rows = again.list_note_imports(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap();
    assert_eq!(rows[0].status, "failed");
    assert!(rows[0].error.as_deref().is_some_and(|e| e.contains("导入中断")), "{:?}", rows[0].error);
    assert!(rows[0].error_en.as_deref().is_some_and(|e| e.contains("interrupted")), "{:?}", rows[0].error_en);
}

#[tokio::test]
async fn n1_a_second_opener_neither_fails_nor_resumes_an_import_whose_lease_is_live() {
    // issue 11: a second process opening the database while an import ran marked it failed and let a third
    // resume it beside its owner. Here the import is caught mid-run: running, its lease held by this process
    let f = fx().await;
    let path = f.write("export.csv", &sample(&f));
    f.import(&path).await;
    let pool = f.svc().db().pool();
    let owner = f.svc().db().instance().to_string();
    let until = kos_core::clock::ts(f.svc().clock().now() + chrono::Duration::seconds(kos_core::service::LEASE_SECS));
    kos_core::on!(pool, |db| sqlx::query(
        "UPDATE note_imports SET status = 'running', finished_at = NULL, lease_owner = $1, lease_until = $2"
    )
    .bind(&owner)
    .bind(&until)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let import_id: i64 =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT id FROM note_imports").fetch_one(db).await).unwrap();
    // a process that ignores the database lock opens it: the running import stays running
    let second = f.svc().reopen_ignoring_lock_for_tests().await.unwrap();
    let rows = second.list_note_imports(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap();
    assert_eq!(rows[0].status, "running", "{:?}", rows[0].error);
    // and may not resume it while the lease is live
    let args = StartNoteImportArgs {
        enterprise_id: E,
        file: second.grant_open(std::path::Path::new(&path)).unwrap().token,
        mapping: None,
        data_date: None,
    };
    let err = second.start_note_import(&f.marketing, args.clone()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ImportRunning);
    // once the lease has lapsed (its owner stopped renewing it), the second takes it over, in one statement
    f.svc().clock().advance(chrono::Duration::seconds(kos_core::service::LEASE_SECS + 1));
    let job = second.start_note_import(&f.marketing, args).await.unwrap();
    assert_eq!(job.import_id, Some(import_id), "the same import resumes");
    let done = second.wait_job(&f.marketing, job.id, |_| {}).await.unwrap();
    assert_eq!(done.state, JobState::Done, "{:?}", done.error);
    // the first owner, waking up, can no longer count a batch: its write is refused, nothing added twice
    let before: (i64, i64) =
        kos_core::on!(pool, |db| sqlx::query_as("SELECT inserted, unchanged FROM note_imports WHERE id = $1")
            .bind(import_id)
            .fetch_one(db)
            .await)
        .unwrap();
    let counts = kos_core::store::note_imports::BatchCounts { rows_done: 10, inserted: 10, ..Default::default() };
    let lease = kos_core::store::note_imports::Lease { owner: &owner, until: &until };
    assert!(!kos_core::store::note_imports::add_batch(pool, import_id, &counts, lease).await.unwrap());
    let after: (i64, i64) =
        kos_core::on!(pool, |db| sqlx::query_as("SELECT inserted, unchanged FROM note_imports WHERE id = $1")
            .bind(import_id)
            .fetch_one(db)
            .await)
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn n1_the_next_holder_of_the_database_resumes_at_once_what_the_ended_one_left_running() {
    if common::solo_only("the database file's lock naming its ended holder") {
        return;
    }
    // the lease of a process that has ended is void for the next holder of the lock (it names the ended
    // holder's instance), without waiting for it to lapse
    let f = fx().await;
    let path = f.write("export.csv", &sample(&f));
    f.import(&path).await;
    let owner = f.svc().db().instance().to_string();
    let until = kos_core::clock::ts(f.svc().clock().now() + chrono::Duration::seconds(kos_core::service::LEASE_SECS));
    kos_core::on!(f.svc().db().pool(), |db| sqlx::query(
        "UPDATE note_imports SET status = 'running', finished_at = NULL, lease_owner = $1, lease_until = $2"
    )
    .bind(&owner)
    .bind(&until)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    f.svc().db().close().await;
    let again = f.app.reopen().await;
    assert!(again.db().ended_holders().contains(&owner), "{:?}", again.db().ended_holders());
    let rows = again.list_note_imports(&f.marketing, EnterpriseArgs { enterprise_id: E }).await.unwrap();
    assert_eq!(rows[0].status, "failed");
    let args = StartNoteImportArgs {
        enterprise_id: E,
        file: again.grant_open(std::path::Path::new(&path)).unwrap().token,
        mapping: None,
        data_date: None,
    };
    let done = again.import_notes_and_wait(&f.marketing, args, |_| {}).await.unwrap();
    assert_eq!(done.import_id, Some(rows[0].id));
    assert_eq!(done.state, JobState::Done);
}

#[tokio::test]
async fn n1_others_of_the_brand_follow_an_import_and_only_importers_may_stop_it() {
    let f = fx().await;
    let path = f.write("export.csv", &sample(&f));
    let args = StartNoteImportArgs { enterprise_id: E, file: f.open(&path), mapping: None, data_date: None };
    let job = f.svc().start_note_import(&f.marketing, args).await.unwrap();
    let id = kos_core::service::JobArgs { job_id: job.id };
    // the leader of the brand (the acting user switched in the window) sees its progress, may not stop it
    let leader = f.app.user(Role::Leader).await;
    assert_eq!(leader.enterprise_id, Some(E));
    assert_eq!(f.svc().job_status(&leader, id.clone()).await.unwrap().id, job.id);
    assert_eq!(f.svc().cancel_job(&leader, id.clone()).await.unwrap_err().code(), ErrorCode::Forbidden);
    // another brand's marketing does not find it
    let admin = f.app.admin().await;
    let users = f.svc().list_users(&admin, Default::default()).await.unwrap();
    let other = users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id != Some(E)).unwrap();
    let other = f.svc().actor(other.id).await.unwrap();
    assert_eq!(f.svc().job_status(&other, id.clone()).await.unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(f.svc().cancel_job(&other, id.clone()).await.unwrap_err().code(), ErrorCode::NotFound);
    // the importer still follows it to the end
    let done = f.svc().wait_job(&f.marketing, job.id, |_| {}).await.unwrap();
    assert_eq!(done.state, JobState::Done);
}

/// The SQL answer for a keyword in 待审核笔记: every matching row id in the sort's order.
async fn keyword_oracle(
    f: &Fx,
    keyword: &str,
    video: Option<bool>,
    range: Option<(&str, &str)>,
    sort: &str,
    desc: bool,
) -> Vec<(i64, i64)> {
    let dir = if desc { "DESC" } else { "ASC" };
    // seconds since the epoch of the publish time, as the column store keeps it
    let epoch = if common::on_pg() {
        "CAST(EXTRACT(EPOCH FROM CAST(published_at AS TIMESTAMPTZ)) AS BIGINT)"
    } else {
        "CAST(strftime('%s', published_at) AS INTEGER)"
    };
    let key = if sort == "published_at" { epoch } else { sort };
    kos_core::on!(f.svc().db().pool(), |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(&format!(
        "SELECT {key}, id FROM notes NOT INDEXED
         WHERE enterprise_id = $1 AND requested = FALSE AND instr(title, $2) > 0
           AND ($3 IS NULL OR note_type = $3) AND ($4 IS NULL OR published_at >= $4)
           AND ($5 IS NULL OR published_at < $5)
         ORDER BY {sort} {dir}, id {dir}"
    ))))
    .bind(E)
    .bind(keyword)
    .bind(video.map(|v| if v { "video" } else { "image" }))
    .bind(range.map(|r| r.0))
    .bind(range.map(|r| r.1))
    .fetch_all(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn n3_n4_a_keyword_searched_in_the_column_store_gives_the_sql_page_and_count() {
    use kos_core::analytics::keyword::{keyword_page, KeywordPage};
    use kos_core::analytics::NoteColumns;
    use kos_core::store::note_queue::SortKey;

    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    // notes requested for review leave 待审核笔记: the columns must leave them out too
    let requested = vec![f.row_id(0).await, f.row_id(1).await];
    let done = request(&f, requested.clone()).await.unwrap();
    assert_eq!(done.requested.len(), 2, "{done:?}");
    let pool = f.svc().db().pool();
    let columns = NoteColumns::load(pool, E).await.unwrap();
    assert!(columns.exact && columns.titles_exact);
    let sorts = [
        (SortKey::Published, "published_at", NoteSort::Published),
        (SortKey::Exposure, "exposure", NoteSort::Exposure),
        (SortKey::Reads, "reads", NoteSort::Reads),
        (SortKey::Interactions, "interactions", NoteSort::Interactions),
    ];
    let range = ("2026-11-11T16:00:00Z", "2026-11-15T16:00:00Z");
    let secs = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().timestamp();
    let mut checked = 0;
    // common and rare 2-character words, one character, a longer phrase, a word found nowhere
    for keyword in ["保洁", "鑫淼", "月嫂", "清", "厨房深度清洁", "无此词语"] {
        let marked: std::collections::HashSet<i64> =
            kos_core::store::note_queue::list_requested_with_keyword(pool, E, keyword)
                .await
                .unwrap()
                .into_iter()
                .collect();
        for video in [None, Some(true), Some(false)] {
            for dates in [None, Some(range)] {
                for (key, column, sort) in sorts {
                    for desc in [true, false] {
                        let want = keyword_oracle(&f, keyword, video, dates, column, desc).await;
                        let all = |offset: usize, limit: usize, after: Option<(i64, i64)>| {
                            keyword_page(
                                &columns,
                                &KeywordPage {
                                    keyword,
                                    video,
                                    from: dates.map(|d| secs(d.0)),
                                    until: dates.map(|d| secs(d.1)),
                                    requested: &marked,
                                    sort: key,
                                    desc,
                                    after,
                                    offset,
                                    limit,
                                },
                            )
                            .unwrap()
                        };
                        let ctx = format!("{keyword} {video:?} {dates:?} {column} desc={desc}");
                        // the whole list, then a page jumped to by offset, then the page after a cursor
                        let (ids, total) = all(0, usize::MAX, None);
                        assert_eq!(total, want.len() as i64, "count: {ctx}");
                        assert_eq!(ids, want.iter().map(|w| w.1).collect::<Vec<_>>(), "order: {ctx}");
                        let (ids, _) = all(3, 4, None);
                        assert_eq!(ids, want.iter().skip(3).take(4).map(|w| w.1).collect::<Vec<_>>(), "offset: {ctx}");
                        if let Some(mid) = want.get(want.len() / 2) {
                            let (ids, total) = all(0, 5, Some(*mid));
                            assert_eq!(total, want.len() as i64, "count after a cursor: {ctx}");
                            let rest: Vec<i64> = want.iter().skip(want.len() / 2 + 1).take(5).map(|w| w.1).collect();
                            assert_eq!(ids, rest, "cursor: {ctx}");
                        }
                        assert!(ids.iter().all(|id| !requested.contains(id)), "requested left out: {ctx}");
                        // the window's call: page + count, with the columns loaded or not
                        let query = NoteQuery {
                            keyword: Some(keyword.into()),
                            note_type: video.map(|v| if v { NoteTypeFilter::Video } else { NoteTypeFilter::Image }),
                            published_from: dates.map(|_| "2026-11-12".into()),
                            published_to: dates.map(|_| "2026-11-15".into()),
                            ..Default::default()
                        };
                        let page = f.list(NoteList::Queue, query, sort, desc).await;
                        assert_eq!(page.total, want.len() as i64, "service count: {ctx}");
                        assert_eq!(
                            page.rows.iter().map(|n| n.id).collect::<Vec<_>>(),
                            want.iter().take(100).map(|w| w.1).collect::<Vec<_>>(),
                            "service page: {ctx}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 6 * 3 * 2 * 4 * 2);
}

#[tokio::test]
async fn issue15_no_update_while_an_import_runs_or_waits_to_be_resumed() {
    // issue 15 item 3: the window's updater asks the core before a download and before an install
    let f = fx().await;
    f.import(&f.write("export.csv", &sample(&f))).await;
    let idle = f.svc().import_activity().await.unwrap();
    assert!(idle.idle(), "{idle:?}");
    let pool = f.svc().db().pool();
    // another process (`kos-desk import notes` on the same database) holds a live lease: running
    let until = kos_core::clock::ts(f.svc().clock().now() + chrono::Duration::seconds(kos_core::service::LEASE_SECS));
    kos_core::on!(pool, |db| sqlx::query(
        "UPDATE note_imports SET status = 'running', finished_at = NULL, lease_owner = 'another-process', lease_until = $1"
    )
    .bind(&until)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let running = f.svc().import_activity().await.unwrap();
    assert!(running.running && !running.idle(), "{running:?}");
    // cut off part-way (failed with rows left): not running, but waiting to be resumed, by its file name
    let now = kos_core::clock::ts(f.svc().clock().now());
    kos_core::on!(pool, |db| sqlx::query(
        "UPDATE note_imports SET status = 'failed', rows_done = 1, finished_at = $1, lease_owner = NULL, lease_until = NULL"
    )
    .bind(&now)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let waiting = f.svc().import_activity().await.unwrap();
    assert!(!waiting.running, "{waiting:?}");
    assert_eq!(waiting.resumable.as_deref(), Some("export.csv"));
    // an import abandoned longer than RESUMABLE_DAYS no longer holds updates back
    f.svc().clock().advance(chrono::Duration::days(kos_core::service::RESUMABLE_DAYS + 1));
    assert!(f.svc().import_activity().await.unwrap().idle());
}

/// Issue 10 item 6: SQLite keeps no memory statistics in this process — `Db::connect` turns them off before the
/// first connection (`store::raw::configure_process`). With them, every allocation and free inside SQLite takes
/// one process-wide mutex to count it (about 5 % of the 1,000,000-row import's CPU, README).
#[tokio::test]
async fn issue_10_item_6_sqlite_counts_no_memory() {
    let app = common::fresh_lite().await;
    let n: i64 =
        kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar("SELECT COUNT(*) FROM notes").fetch_one(db).await)
            .unwrap();
    assert_eq!(n, 0);
    // SAFETY: a plain read of SQLite's counter
    let counted = unsafe { libsqlite3_sys::sqlite3_memory_used() };
    assert_eq!(counted, 0, "SQLite counted {counted} bytes: its memory statistics are on");
}

/// Issue 15 item 1: the bundled SQLite is built without the modules KOS Desk never uses (`.cargo/config.toml`'s
/// `LIBSQLITE3_FLAGS`): full-text search 3 and 5, R*Tree, the dbstat table. The JSON functions the store's
/// `json_each` filters need stay.
#[tokio::test]
async fn issue_15_item_1_sqlite_built_without_unused_modules() {
    let app = common::fresh_lite().await;
    let options: Vec<String> =
        kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar("PRAGMA compile_options").fetch_all(db).await)
            .unwrap();
    for off in ["ENABLE_FTS3", "ENABLE_FTS3_PARENTHESIS", "ENABLE_FTS5", "ENABLE_RTREE", "ENABLE_DBSTAT_VTAB"] {
        assert!(!options.iter().any(|o| o == off), "SQLite is built with {off}: {options:?}");
    }
    // what stays: the option list is read at all, and json_each answers
    assert!(options.iter().any(|o| o.starts_with("THREADSAFE=")), "{options:?}");
    let n: i64 =
        kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar("SELECT COUNT(*) FROM json_each('[1,2,3]')")
            .fetch_one(db)
            .await)
        .unwrap();
    assert_eq!(n, 3);
}
