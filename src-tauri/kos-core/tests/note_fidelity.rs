//! Issue 10, end to end on the demo brand: every list the app exports imports back field by field (N-1,
//! N-3, N-7, N-8); a 互动量 given without its parts is stored as a total, shown as such and counted by the
//! boards and dashboards (I-1, I-2, I-3, D-1) while S-1 says it cannot judge; rows that cannot be are refused
//! with the reason (N-1); unmapped columns are warned of in the preview and the import report.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::TestApp;
use kos_core::model::Role;
use kos_core::note_file::{self, Field, NoteRecord};
use kos_core::service::{
    CampaignArgs, CreateCampaignArgs, DashboardArgs, DataSort, DecideReviewArgs, ExportDataCenterArgs, ExportFormat,
    ExportListArgs, ExportNotesArgs, ImportArgs, JobState, ListNotesArgs, NoteArgs, NoteList, NoteQuery, NoteSort,
    PreviewNoteFileArgs, RequestReviewArgs, ReviewQueueArgs, StartNoteImportArgs,
};
use kos_core::{Actor, Service};

const E: i64 = 1;
/// every title of these tests carries it, and no demo note does
const WORD: &str = "回环";

struct Fx {
    app: TestApp,
    marketing: Actor,
    reviewer: Actor,
    bound: Vec<String>,
}

async fn fx() -> Fx {
    let app = TestApp::with_demo().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let reviewer = app.user(Role::PlatformReviewer).await;
    let bound: Vec<String> = kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar(
        "SELECT a.xhs_id FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.enterprise_id = $1 AND b.status = 'active' AND b.effective_at <= '2026-06-01' ORDER BY a.id",
    )
    .bind(E)
    .fetch_all(db)
    .await)
    .unwrap();
    assert!(bound.len() >= 4);
    Fx { app, marketing, reviewer, bound }
}

fn note_id(i: usize) -> String {
    format!("{:024x}", 0x00f1_de00_0000_u64 as usize + i)
}

impl Fx {
    fn svc(&self) -> &Service {
        &self.app.svc
    }

    fn write(&self, name: &str, text: &str) -> String {
        let p = self.app.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }

    async fn import(&self, path: &str, data_date: Option<&str>) -> kos_core::api::types::imports::ImportRow {
        let args = StartNoteImportArgs {
            enterprise_id: E,
            file: self.svc().grant_open(std::path::Path::new(path)).unwrap().token,
            mapping: None,
            data_date: data_date.map(str::to_string),
        };
        let job = self.svc().import_notes_and_wait(&self.marketing, args, |_| {}).await.unwrap();
        assert_eq!(job.state, JobState::Done, "{job:?}");
        let report =
            self.svc().note_import_report(&self.marketing, ImportArgs { import_id: job.import_id.unwrap() }).await;
        report.unwrap().import
    }

    async fn row_id(&self, i: usize) -> i64 {
        kos_core::on!(self.svc().db().pool(), |db| sqlx::query_scalar("SELECT id FROM notes WHERE note_id = $1")
            .bind(note_id(i))
            .fetch_one(db)
            .await)
        .unwrap()
    }

    fn list_args(&self, list: NoteList) -> ListNotesArgs {
        ListNotesArgs {
            enterprise_id: E,
            list,
            tab: None,
            query: NoteQuery { keyword: Some(WORD.into()), ..Default::default() },
            sort: NoteSort::Interactions,
            desc: true,
            page_size: 100,
            cursor: None,
            page: None,
        }
    }
}

/// Six notes with every column the import reads (one titled like a formula).
fn full_file(f: &Fx) -> String {
    let mut text = String::from(
        "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享,涨粉,阅读UV,平均浏览时长,\
         视频5s播放率,图文3s阅读率,视频总时长\n",
    );
    for i in 0..6 {
        let video = i % 2 == 0;
        let title = if i == 3 { format!("=SUM(1+1) {WORD}") } else { format!("{WORD} 门店日常 {i}") };
        let rate5 = if video { format!("{}.{}%", 20 + i, 14 + i) } else { String::new() };
        let rate3 = if video { String::new() } else { format!("{}.0{}%", 31 + i, i) };
        let secs = if video { (60 + i).to_string() } else { String::new() };
        text.push_str(&format!(
            "{},\"{}\",{},2026-11-{:02} 1{}:0{}:0{},{},{},{},{},{},{},{},{},{},{}.{},{},{},{}\n",
            note_id(i),
            title.replace('"', "\"\""),
            if video { "视频" } else { "图文" },
            10 + i,
            i,
            i,
            i,
            f.bound[i % f.bound.len()],
            10_000 + i * 7,
            5_000 + i * 3,
            40 + i,
            9 + i,
            3 + i,
            2 + i,
            i,
            4_000 + i,
            10 + i,
            i,
            rate5,
            rate3,
            secs,
        ));
    }
    text
}

/// Notes whose file gives 互动量 only (as 聚光 or 数据中心 exports do).
fn totals_file(f: &Fx, first: usize, totals: &[i64]) -> String {
    let mut text = String::from("笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,互动量\n");
    for (k, t) in totals.iter().enumerate() {
        let i = first + k;
        text.push_str(&format!(
            "{},{WORD} 仅总数 {i},图文,2026-11-2{} 09:00,{},{},{},{}\n",
            note_id(i),
            k % 3,
            f.bound[k % f.bound.len()],
            t * 10,
            t * 5,
            t
        ));
    }
    text
}

/// What the database holds of a note, as the import reads it.
#[derive(Debug, sqlx::FromRow)]
struct Stored {
    note_id: String,
    title: String,
    note_type: String,
    published_at: String,
    xhs_id: String,
    exposure: i64,
    reads: i64,
    likes: Option<i64>,
    collects: Option<i64>,
    comments: Option<i64>,
    interactions: i64,
    shares: i64,
    follows_gained: i64,
    read_uv: Option<i64>,
    avg_view_secs: Option<f64>,
    video_5s_rate: Option<f64>,
    image_3s_rate: Option<f64>,
    video_secs: Option<i64>,
}

async fn stored(svc: &Service) -> HashMap<String, Stored> {
    let rows: Vec<Stored> = kos_core::on!(svc.db().pool(), |db| {
        sqlx::query_as(
        "SELECT n.note_id, n.title, n.note_type, n.published_at, a.xhs_id, n.exposure, n.reads, n.likes, n.collects,
                n.comments, n.interactions, n.shares, n.follows_gained, n.read_uv, n.avg_view_secs, n.video_5s_rate,
                n.image_3s_rate, n.video_secs
         FROM notes n JOIN xhs_accounts a ON a.id = n.account_id WHERE n.title LIKE '%回环%'",
    )
    .fetch_all(db)
    .await
    })
    .unwrap();
    rows.into_iter().map(|r| (r.note_id.clone(), r)).collect()
}

/// Reads an exported file as the import does and checks every field it carries against the database.
/// Rates: exact from XLSX (numbers shown as percentages), to the deck's precision (0.01 %) from CSV (text).
fn assert_reads_back(path: &str, db: &HashMap<String, Stored>, csv: bool) -> usize {
    let p = note_file::preview(Path::new(path)).unwrap();
    assert!(p.missing.is_empty(), "{path}: {:?}", p.missing);
    // every field the file carries is compared (a column the file lacks is not read)
    let has = |f: Field| p.mapping.contains(&Some(f));
    let rows: Vec<NoteRecord> = note_file::open(Path::new(path), &p.mapping)
        .unwrap()
        .map(|r| r.unwrap().unwrap_or_else(|e| panic!("{path}: row refused {e:?}")))
        .collect();
    for r in &rows {
        let s = db.get(&r.note_id).unwrap_or_else(|| panic!("{path}: {} not stored", r.note_id));
        let ctx = format!("{path} {}", r.note_id);
        assert_eq!(r.title, s.title, "{ctx}");
        assert_eq!(r.note_type, s.note_type, "{ctx}");
        assert_eq!(r.published_at, s.published_at, "{ctx}");
        assert_eq!(r.xhs_id, s.xhs_id, "{ctx}");
        assert_eq!(r.interactions_known(), Some(s.interactions), "{ctx}");
        for (field, got, want) in [
            (Field::Exposure, r.exposure, Some(s.exposure)),
            (Field::Reads, r.reads, Some(s.reads)),
            (Field::Likes, r.likes, s.likes),
            (Field::Collects, r.collects, s.collects),
            (Field::Comments, r.comments, s.comments),
            (Field::Shares, r.shares, Some(s.shares)),
            (Field::FollowsGained, r.follows_gained, Some(s.follows_gained)),
            (Field::ReadUv, r.read_uv, s.read_uv),
            (Field::VideoSecs, r.video_secs, s.video_secs),
        ] {
            if has(field) {
                assert_eq!(got, want, "{ctx} {field:?}");
            }
        }
        if has(Field::AvgViewSecs) {
            assert_eq!(r.avg_view_secs, s.avg_view_secs, "{ctx} avg view");
        }
        for (field, got, want) in [
            (Field::Video5sRate, r.video_5s_rate, s.video_5s_rate),
            (Field::Image3sRate, r.image_3s_rate, s.image_3s_rate),
        ] {
            if !has(field) {
                continue;
            }
            let what = format!("{field:?}");
            match (got, want) {
                (Some(a), Some(b)) if csv => assert!((a - b).abs() < 0.000_05, "{ctx} {what}: {a} vs {b}"),
                (a, b) => assert_eq!(a, b, "{ctx} {what}"),
            }
        }
    }
    rows.len()
}

async fn approve_all(f: &Fx, ids: Vec<i64>) {
    let args = RequestReviewArgs { enterprise_id: E, note_ids: ids };
    f.svc().request_review(&f.marketing, args).await.unwrap();
    let queue = f.svc().review_queue(&f.reviewer, ReviewQueueArgs { page_size: 50, cursor: None }).await.unwrap();
    let all = vec!["community".to_string(), "brand_related".into(), "recent".into()];
    for r in &queue.rows {
        let args = DecideReviewArgs { review_id: r.id, approve: true, checklist: all.clone(), reason: "好".into() };
        f.svc().decide_review(&f.reviewer, args).await.unwrap();
    }
}

#[tokio::test]
async fn n1_n3_n7_n8_every_export_imports_back_field_by_field() {
    let f = fx().await;
    let first = f.import(&f.write("full.csv", &full_file(&f)), None).await;
    assert_eq!((first.inserted, first.rejected), (6, 0), "{first:?}");
    let totals = f.import(&f.write("totals.csv", &totals_file(&f, 10, &[150, 7])), None).await;
    assert_eq!((totals.inserted, totals.rejected), (2, 0), "{totals:?}");
    // 0, 1, 10 approved (数据中心); 0 and 10 sent to 聚光; 2 in review; the rest stay in 待审核笔记
    let mut ids = Vec::new();
    for i in [0, 1, 10] {
        ids.push(f.row_id(i).await);
    }
    approve_all(&f, ids).await;
    for i in [0, 10] {
        f.svc().send_to_juguang(&f.marketing, NoteArgs { note_row_id: f.row_id(i).await }).await.unwrap();
    }
    let args = RequestReviewArgs { enterprise_id: E, note_ids: vec![f.row_id(2).await] };
    f.svc().request_review(&f.marketing, args).await.unwrap();
    let db = stored(f.svc()).await;
    assert_eq!(db.len(), 8);

    for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
        let csv = format == ExportFormat::Csv;
        let ext = if csv { "csv" } else { "xlsx" };
        let mut files: Vec<(String, usize, Vec<&str>)> = Vec::new();
        for (name, list, n) in [("queue", NoteList::Queue, 4), ("requested", NoteList::Requested, 4)] {
            let path = f.app.dir.path().join(format!("{name}.{ext}")).display().to_string();
            let args = ExportNotesArgs {
                list: f.list_args(list),
                format,
                file: f.svc().grant_save(Path::new(&path)).unwrap().token,
            };
            let job = f.svc().start_note_export(&f.marketing, args).await.unwrap();
            assert_eq!(f.svc().wait_job(&f.marketing, job.id, |_| {}).await.unwrap().state, JobState::Done);
            files.push((path, n, vec!["员工名称", "审核状态", "发起审核时间", "审核意见"]));
        }
        let path = f.app.dir.path().join(format!("juguang.{ext}")).display().to_string();
        let args =
            ExportListArgs { enterprise_id: E, format, file: f.svc().grant_save(Path::new(&path)).unwrap().token };
        assert_eq!(f.svc().export_juguang(&f.marketing, args).await.unwrap().rows, 2);
        files.push((path, 2, vec!["员工名称", "加入时间", "操作人"]));
        let path = f.app.dir.path().join(format!("dc.{ext}")).display().to_string();
        let args = ExportDataCenterArgs {
            enterprise_id: E,
            format,
            file: f.svc().grant_save(Path::new(&path)).unwrap().token,
            sort: DataSort::Published,
            desc: false,
        };
        assert_eq!(f.svc().export_data_center(&f.marketing, args).await.unwrap().rows, 3);
        files.push((path, 3, vec!["员工名称", "订单来源"]));

        for (path, n, unmapped) in files {
            assert_eq!(assert_reads_back(&path, &db, csv), n, "{path}");
            // the real import of the file: same data date, so every note is unchanged, none refused or lost
            let back = f.import(&path, Some("2026-11-26")).await;
            assert_eq!(
                (back.rows_done, back.unchanged, back.updated, back.inserted, back.rejected, back.set_aside),
                (n as i64, n as i64, 0, 0, 0, 0),
                "{path}: {back:?}"
            );
            assert_eq!(back.unmapped, unmapped, "{path}");
        }
        let after = stored(f.svc()).await;
        for (id, s) in &db {
            let a = &after[id];
            assert_eq!(
                (a.likes, a.collects, a.comments, a.interactions, a.read_uv, a.shares, a.follows_gained),
                (s.likes, s.collects, s.comments, s.interactions, s.read_uv, s.shares, s.follows_gained),
                "{id}: importing an export back loses nothing"
            );
        }
    }
}

#[tokio::test]
async fn n8_exports_write_rates_as_percentages_and_durations_in_seconds() {
    let f = fx().await;
    f.import(&f.write("full.csv", &full_file(&f)), None).await;
    approve_all(&f, vec![f.row_id(0).await, f.row_id(1).await]).await;
    let csv = f.app.dir.path().join("dc.csv").display().to_string();
    let args = ExportDataCenterArgs {
        enterprise_id: E,
        format: ExportFormat::Csv,
        file: f.svc().grant_save(std::path::Path::new(&csv)).unwrap().token,
        sort: DataSort::Published,
        desc: false,
    };
    f.svc().export_data_center(&f.marketing, args).await.unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].trim_start_matches('\u{feff}'),
        "笔记ID,笔记标题,笔记类型,发布时间,员工名称,小红书号,订单来源,曝光量,阅读量,互动量,视频笔记5s播放率,\
         图文笔记3s阅读率,平均浏览时长,阅读UV,视频总时长"
    );
    // note 0: video, 5s rate 20.14 %, 10.0 s average, 60 s long; note 1: image, 3s rate 32.01 %
    assert!(lines[1].ends_with(",20.14%,,10秒,4000,60秒"), "{}", lines[1]);
    assert!(lines[2].ends_with(",,32.01%,11.1秒,4001,"), "{}", lines[2]);

    let xlsx = f.app.dir.path().join("dc.xlsx").display().to_string();
    let args = ExportDataCenterArgs {
        enterprise_id: E,
        format: ExportFormat::Xlsx,
        file: f.svc().grant_save(std::path::Path::new(&xlsx)).unwrap().token,
        sort: DataSort::Published,
        desc: false,
    };
    f.svc().export_data_center(&f.marketing, args).await.unwrap();
    // the rate cells are numbers (fractions) whose style shows them as 0.00 %, the durations numbers shown in 秒
    let file = std::fs::File::open(&xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("formatCode=\"0.00%\""), "{styles}");
    assert!(styles.contains("formatCode=\"General&quot;秒&quot;\""), "{styles}");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let num = |r: u32, c: u32| match range.get_value((r, c)) {
        Some(calamine::Data::Float(x)) => *x,
        other => panic!("({r}, {c}) is not a number: {other:?}"),
    };
    assert!((num(1, 10) - 0.2014).abs() < 1e-12);
    assert!((num(2, 11) - 0.3201).abs() < 1e-12);
    assert_eq!((num(1, 12), num(1, 14)), (10.0, 60.0));
}

#[tokio::test]
async fn n4_i1_i2_i3_d1_s1_a_total_without_parts_is_stored_shown_and_counted_as_a_total() {
    let f = fx().await;
    let range = DashboardArgs { enterprise_id: E, from: "2026-11-01".into(), to: "2026-11-26".into() };
    let before = f.svc().dashboard_enterprise(&f.marketing, range.clone()).await.unwrap();
    let imp = f.import(&f.write("totals.csv", &totals_file(&f, 20, &[99_999, 120])), None).await;
    assert_eq!((imp.inserted, imp.rejected), (2, 0), "{imp:?}");

    // N-4: the total is the note's 互动量, sorted as such, flagged as a total; S-1 cannot be judged
    let page = f.svc().list_notes(&f.marketing, f.list_args(NoteList::Queue)).await.unwrap();
    let big = page.rows.iter().find(|n| n.note_id == note_id(20)).unwrap();
    assert_eq!((big.interactions, big.parts_known, big.likes, big.comments), (99_999, false, None, None));
    assert_eq!(big.priority, None, "S-1 is not guessed from a total");
    assert_eq!(page.rows[0].note_id, note_id(20), "sorted by the total");
    let detail = f.svc().note_detail(&f.marketing, NoteArgs { note_row_id: big.id }).await.unwrap();
    assert!(!detail.note.parts_known);
    assert_eq!(detail.rates.read_uv, None, "a derived metric the file lacks is unknown, never 0");
    assert_eq!(detail.snapshots.last().map(|s| (s.likes, s.interactions)), Some((None, Some(99_999))));

    // D-1: the dashboard counts the totals
    let after = f.svc().dashboard_enterprise(&f.marketing, range).await.unwrap();
    assert_eq!(after.kpis.interactions - before.kpis.interactions, 99_999 + 120);

    // I-1, I-2, I-3: the board counts the total
    let campaign = f
        .svc()
        .create_campaign(
            &f.marketing,
            CreateCampaignArgs {
                enterprise_id: E,
                name: "十一月".into(),
                start_date: "2026-11-01".into(),
                end_date: "2026-11-30".into(),
                scope: None,
                rules: None,
            },
        )
        .await
        .unwrap();
    let board = f.svc().campaign_board(&f.marketing, CampaignArgs { campaign_id: campaign.id }).await.unwrap().board;
    let top = &board.viral[0];
    assert_eq!((top.note_id.as_str(), top.interactions), (note_id(20).as_str(), 99_999), "I-1 {:?}", board.viral);
    assert!(board.ranking[0].total_interactions >= 99_999, "I-2 {:?}", board.ranking);
    assert_eq!(board.honour[0].staff_id, board.ranking[0].staff_id, "I-3");

    // a later file with the parts fills them in; the same total alone keeps them
    let parts = format!(
        "笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,收藏,评论\n{},{WORD} 仅总数 20,图文,2026-11-20 09:00,{},99000,900,99\n",
        note_id(20),
        f.bound[0]
    );
    f.import(&f.write("parts.csv", &parts), Some("2026-11-26")).await;
    let again = f.import(&f.write("totals2.csv", &totals_file(&f, 20, &[99_999])), Some("2026-11-26")).await;
    assert_eq!(again.unchanged, 1, "{again:?}");
    let page = f.svc().list_notes(&f.marketing, f.list_args(NoteList::Queue)).await.unwrap();
    let big = page.rows.iter().find(|n| n.note_id == note_id(20)).unwrap();
    assert_eq!((big.likes, big.parts_known, big.interactions, big.priority), (Some(99_000), true, 99_999, Some(true)));
}

#[tokio::test]
async fn n1_rows_that_cannot_be_are_refused_with_the_reason() {
    let f = fx().await;
    let b = &f.bound[0];
    let text = format!(
        "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,阅读UV,互动量,备注\n\
         {},{WORD} 1,图文,2026-11-20 10:00,{b},100,50,10,1,x\n\
         {},{WORD} 2,图文,2027-03-01 10:00,{b},100,50,10,1,x\n\
         {},{WORD} 3,图文,2026-11-26 10:00:01,{b},100,50,10,1,x\n\
         {},{WORD} 4,图文,2026-11-20 10:00,{b},100,500,10,1,x\n\
         {},{WORD} 5,图文,2026-11-20 10:00,{b},100,50,60,1,x\n\
         {},{WORD} 6,图文,2026-11-20 10:00,{b},-100,50,10,1,x\n",
        note_id(30),
        note_id(31),
        note_id(32),
        note_id(33),
        note_id(34),
        note_id(35)
    );
    let path = f.write("reality.csv", &text);
    // the preview warns of the unmapped column
    let preview = f
        .svc()
        .preview_note_file(
            &f.marketing,
            PreviewNoteFileArgs { enterprise_id: E, file: f.svc().grant_open(Path::new(&path)).unwrap().token },
        )
        .await
        .unwrap();
    let u = &preview.preview.unmapped;
    assert_eq!((u.len(), u[0].header.as_str(), u[0].index), (1, "备注", 9));
    assert!(u[0].warning.contains("会被忽略") && u[0].warning_en.contains("ignored"), "{u:?}");
    // now is 2026-11-26 10:00 Beijing: a note published a second later, or months ahead, cannot be in the file
    let imp = f.import(&path, None).await;
    assert_eq!((imp.inserted, imp.rejected), (1, 5), "{imp:?}");
    assert_eq!(imp.unmapped, vec!["备注".to_string()]);
    let report = f.svc().note_import_report(&f.marketing, ImportArgs { import_id: imp.id }).await.unwrap();
    let why: Vec<(i64, &str, &str)> =
        report.rejects.iter().map(|r| (r.line, r.column_name.as_deref().unwrap_or(""), r.reason.as_str())).collect();
    let expect = [
        (3, "发布时间", "晚于当前时间"),
        (4, "发布时间", "2026-11-26 10:00:01 晚于当前时间"),
        (5, "阅读量", "阅读量 500 大于曝光量 100"),
        (6, "阅读UV", "阅读UV 60 大于阅读量 50"),
        (7, "曝光量", "非负整数"),
    ];
    assert_eq!(why.len(), expect.len(), "{why:?}");
    for ((line, col, reason), (l, c, r)) in why.iter().zip(expect) {
        assert_eq!((*line, *col), (l, c), "{why:?}");
        assert!(reason.contains(r), "{reason}");
    }
    assert!(report.rejects.iter().all(|r| !r.reason_en.is_empty()));
    // a past data date refuses what was published after it
    let later = format!(
        "笔记ID,笔记标题,笔记类型,发布时间,小红书号,互动量\n{},{WORD} 7,图文,2026-11-21 08:00,{b},1\n",
        note_id(36)
    );
    let imp = f.import(&f.write("later.csv", &later), Some("2026-11-20")).await;
    let report = f.svc().note_import_report(&f.marketing, ImportArgs { import_id: imp.id }).await.unwrap();
    assert_eq!(report.rejects.len(), 1);
    assert!(report.rejects[0].reason.contains("晚于数据日期 2026-11-20 当天结束"), "{:?}", report.rejects);
    assert!(report.rejects[0].reason_en.contains("the end of the data date 2026-11-20"), "{:?}", report.rejects);
}
