//! Issue 12 items 3, 4, 6 (U-2, B-2, B-10, B-17, B-18, S-2): the staff roster from a sheet, its re-import as
//! a change list applied only as confirmed, 离职 with each binding's next step, invitations attaching to roster
//! rows, and 小红书账号 registered by form or sheet with dated nickname/followers read by S-2. Every sheet is
//! written by the test itself (rust_xlsxwriter, encoding_rs), so each case is exactly what it says.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::TestApp;
use kos_core::model::{BindingMode, BindingStatus, Role};
use kos_core::service::{
    AccountHealthArgs, AccountSnapshotsArgs, EnterpriseArgs, ImportAccountsArgs, InviteArgs, LookupAccountArgs,
    MarkStaffLeftArgs, NextStepAction, RegisterAccountArgs, RosterApplyArgs, RosterArgs, RosterChangeKind,
    RosterPreview, StaffArgs, StartNoteImportArgs, UploadProofArgs,
};
use kos_core::{idcard, Actor, ErrorCode, Service};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::json;

const HEAD: [&str; 7] = ["姓名", "工号", "门店", "岗位", "手机号", "入职日期", "在职状态"];

/// One roster row as text (the date column as text too, unless written otherwise by the caller).
fn row(name: &str, no: &str, store: &str, position: &str, phone: &str, hired: &str, status: &str) -> Vec<String> {
    [name, no, store, position, phone, hired, status].iter().map(|s| s.to_string()).collect()
}

fn write_xlsx(path: &Path, head: &[&str], rows: &[Vec<String>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn write_csv(rows: &[Vec<String>]) -> String {
    let mut out = HEAD.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out
}

struct Fx {
    app: TestApp,
    /// brand marketing of brand 1
    m: Actor,
    stores: Vec<(i64, String)>,
    n: std::cell::Cell<u32>,
    /// the last history row the demo wrote (it builds its roster and accounts the same way, U-2): `history`
    /// counts only what the test did after it
    history_from: i64,
}

async fn fx() -> Fx {
    let app = TestApp::with_demo().await;
    let m = app.user(Role::BrandMarketing).await;
    assert_eq!(m.enterprise_id, Some(1));
    let stores = app
        .svc
        .list_stores(&m, EnterpriseArgs { enterprise_id: 1 })
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let history_from: i64 =
        kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar("SELECT MAX(id) FROM history").fetch_one(db).await)
            .unwrap();
    Fx { app, m, stores, n: std::cell::Cell::new(0), history_from }
}

impl Fx {
    fn svc(&self) -> &Service {
        &self.app.svc
    }

    fn path(&self, ext: &str) -> PathBuf {
        self.n.set(self.n.get() + 1);
        self.app.dir.path().join(format!("sheet-{}.{ext}", self.n.get()))
    }

    fn xlsx(&self, rows: &[Vec<String>]) -> PathBuf {
        let p = self.path("xlsx");
        write_xlsx(&p, &HEAD, rows);
        p
    }

    fn grant(&self, p: &Path) -> String {
        self.svc().grant_open(p).unwrap().token
    }

    fn store(&self, i: usize) -> &str {
        &self.stores[i].1
    }

    async fn preview(&self, actor: &Actor, p: &Path, complete: bool) -> RosterPreview {
        self.svc().roster_preview(actor, RosterArgs { enterprise_id: 1, file: self.grant(p), complete }).await.unwrap()
    }

    async fn apply(
        &self,
        actor: &Actor,
        p: &Path,
        complete: bool,
        plan: &str,
    ) -> kos_core::CoreResult<kos_core::service::RosterApplied> {
        self.svc()
            .roster_apply(actor, RosterApplyArgs { enterprise_id: 1, file: self.grant(p), complete, plan: plan.into() })
            .await
    }

    async fn scalar(&self, sql: &str) -> i64 {
        kos_core::on!(self.svc().db().pool(), |db| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(db)
            .await)
        .unwrap()
    }

    async fn staff_count(&self) -> i64 {
        self.scalar("SELECT COUNT(*) FROM staff").await
    }

    async fn history(&self, action: &str) -> i64 {
        self.scalar(&format!("SELECT COUNT(*) FROM history WHERE action = '{action}' AND id > {}", self.history_from))
            .await
    }

    /// Ten people across the first three stores.
    fn ten(&self) -> Vec<Vec<String>> {
        (0..10)
            .map(|i| {
                row(
                    &format!("花名{i}"),
                    &format!("E{:04}", i + 1),
                    self.store(i % 3),
                    if i % 2 == 0 { "美容师" } else { "前台" },
                    &format!("1390000{:04}", i),
                    "2024-03-01",
                    "在职",
                )
            })
            .collect()
    }
}

#[tokio::test]
async fn u2_import_previews_without_writing_then_applies_once_confirmed_with_history() {
    let f = fx().await;
    let before = f.staff_count().await;
    let sheet = f.xlsx(&f.ten());
    let p = f.preview(&f.m, &sheet, false).await;
    assert_eq!((p.rows_read, p.new_count, p.changed_count, p.left_count, p.error_count), (10, 10, 0, 0, 0), "{p:?}");
    assert_eq!(p.plan.len(), 64);
    assert_eq!(f.staff_count().await, before, "a preview writes nothing");
    // a plan that is not the preview's is refused, nothing written
    let e = f.apply(&f.m, &sheet, false, &"0".repeat(64)).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PlanChanged);
    assert_eq!(f.staff_count().await, before);
    let done = f.apply(&f.m, &sheet, false, &p.plan).await.unwrap();
    assert_eq!((done.created, done.changed, done.left), (10, 0, 0));
    assert_eq!(f.staff_count().await, before + 10);
    assert_eq!(f.history("roster_add").await, 10, "B-20: one history row per staff member");
    assert!(f.history("import").await >= 1);
    let (pos, phone, hired): (String, String, String) = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_as(
        "SELECT position, phone_masked, hired_on FROM staff WHERE employee_no = 'E0002'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!((pos.as_str(), phone.as_str(), hired.as_str()), ("前台", "139****0001", "2024-03-01"));
    // no plain phone number is stored
    let plain: i64 = f
        .scalar("SELECT COUNT(*) FROM staff WHERE phone_hmac LIKE '%13900000001%' OR phone_masked = '13900000001'")
        .await;
    assert_eq!(plain, 0);
    // the same sheet again changes nothing
    let again = f.preview(&f.m, &sheet, false).await;
    assert_eq!((again.new_count, again.changed_count, again.left_count, again.unchanged_count), (0, 0, 0, 10));
    // the roster rows show on the staff list with 工号 and 岗位
    let page = f
        .svc()
        .list_staff(
            &f.m,
            serde_json::from_value(
                json!({ "enterprise_id": 1, "store_id": null, "keyword": "E0003", "page_size": 10, "cursor": null }),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].employee_no.as_deref(), Some("E0003"));
    assert_eq!(page.rows[0].id_masked, "", "no ID number before the invitation");
}

#[tokio::test]
async fn u2_a_reimport_lists_moves_new_positions_phones_and_leavers_and_a_stale_plan_is_refused() {
    let f = fx().await;
    let first = f.xlsx(&f.ten());
    let p = f.preview(&f.m, &first, false).await;
    f.apply(&f.m, &first, false, &p.plan).await.unwrap();

    let mut rows = f.ten();
    rows[0][2] = f.store(2).to_string(); // moved
    rows[1][3] = "店长".into(); // new 岗位
    rows[2][4] = "13912345678".into(); // new phone
    rows[3][6] = "离职".into(); // left
    rows.push(row("新人", "E0100", f.store(0), "美容师", "", "45352", "在职")); // new, date as an Excel serial
    let second = f.xlsx(&rows);
    let p = f.preview(&f.m, &second, false).await;
    assert_eq!((p.new_count, p.changed_count, p.left_count, p.unchanged_count), (1, 3, 1, 6), "{p:?}");
    let by_no = |no: &str| p.changes.iter().find(|c| c.employee_no.as_deref() == Some(no)).unwrap();
    assert_eq!(by_no("E0001").changes[0].field, "门店");
    assert_eq!(by_no("E0001").changes[0].after, f.store(2));
    assert_eq!((by_no("E0002").changes[0].before.as_str(), by_no("E0002").changes[0].after.as_str()), ("前台", "店长"));
    assert_eq!(by_no("E0003").changes[0].field, "手机号");
    assert_eq!(by_no("E0003").changes[0].after, "139****5678");
    assert_eq!(by_no("E0004").kind, RosterChangeKind::Left);
    assert_eq!(by_no("E0100").kind, RosterChangeKind::New);

    // the roster changes between preview and confirmation: the plan no longer holds, nothing is written
    let me = f.app.admin().await;
    let other = f.xlsx(&[row("花名4", "E0005", f.store(0), "前台", "", "2024-03-01", "离职")]);
    let po = f.preview(&me, &other, false).await;
    f.apply(&me, &other, false, &po.plan).await.unwrap();
    let e = f.apply(&f.m, &second, false, &p.plan).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PlanChanged);
    assert!(e.to_api().message.contains("重新预览"), "{}", e.to_api().message);
    assert_eq!(f.scalar("SELECT COUNT(*) FROM staff WHERE employee_no = 'E0100'").await, 0);

    // previewed again and confirmed: applied
    let p = f.preview(&f.m, &second, false).await;
    let done = f.apply(&f.m, &second, false, &p.plan).await.unwrap();
    assert_eq!((done.created, done.changed, done.left), (1, 4, 1), "E0005 comes back as 在职: a change");
    let moved: i64 = f.scalar("SELECT store_id FROM staff WHERE employee_no = 'E0001'").await;
    assert_eq!(moved, f.stores[2].0);
    let left: Option<String> = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_scalar(
        "SELECT left_on FROM staff WHERE employee_no = 'E0004'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(left.as_deref(), Some("2026-11-26"));
    let hired: String = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_scalar(
        "SELECT hired_on FROM staff WHERE employee_no = 'E0100'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(hired, "2024-03-01", "Excel serial 45352 is 2024-03-01");
    assert_eq!(f.history("leave").await, 2, "E0005 by the administrator's sheet, E0004 now");
    assert!(f.history("roster_update").await >= 4);
}

#[tokio::test]
async fn u2_each_bad_row_gets_its_reason_and_nothing_is_written() {
    let f = fx().await;
    let before = f.staff_count().await;
    let typo: String = f.store(0).chars().filter(|c| *c != '·').collect();
    let rows = vec![
        row("甲", "B1", &typo, "", "", "2024-01-02", "在职"),
        row("乙", "B2", f.store(0), "", "1380013800", "2024-01-02", "在职"),
        row("丙", "B2", f.store(0), "", "", "2024-01-02", "在职"),
        row("丁", "B4", f.store(0), "", "", "下周一", "在职"),
        row("戊", "B5", f.store(0), "", "", "2024-01-02", "休假"),
        row("己", "B6", f.store(1), "", "+86 139 0000 1111", "2024/1/2", ""),
    ];
    let sheet = f.xlsx(&rows);
    let p = f.preview(&f.m, &sheet, false).await;
    assert_eq!(p.error_count, 5, "{:#?}", p.errors);
    assert!(p.plan.is_empty());
    let reason =
        |line: u32| p.errors.iter().find(|e| e.line == line).map(|e| (e.column.as_str(), e.reason.as_str())).unwrap();
    let (col, r) = reason(2);
    assert_eq!(col, "门店");
    assert!(r.contains(&format!("是否是「{}」", f.store(0))), "closest store suggested: {r}");
    assert_eq!(reason(3).0, "手机号");
    assert!(reason(3).1.contains("11 位"));
    assert_eq!(reason(4).0, "工号");
    assert!(reason(4).1.contains("与第 3 行重复"), "{}", reason(4).1);
    assert_eq!(reason(5).0, "入职日期");
    assert_eq!(reason(6).0, "在职状态");
    assert!(p.errors.iter().all(|e| e.line != 7), "+86 phone, 2024/1/2 and an empty status are fine");
    // English reasons too
    assert!(p.errors.iter().all(|e| !e.reason_en.is_empty()));
    let e = f.apply(&f.m, &sheet, false, "").await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::SheetHasErrors);
    assert_eq!(f.staff_count().await, before, "nothing half-written");
}

#[tokio::test]
async fn u2_merged_cells_excel_dates_gbk_csv_empty_sheets_and_legacy_xls() {
    let f = fx().await;
    // merged 门店 cells over three rows, a real date cell and a date as a number
    let p = f.path("xlsx");
    {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in HEAD.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for r in 1..=4u32 {
            ws.write_string(r, 0, format!("合{r}")).unwrap();
            ws.write_string(r, 1, format!("M{r}")).unwrap();
            ws.write_string(r, 6, "在职").unwrap();
        }
        ws.merge_range(1, 2, 3, 2, f.store(0), &Format::new()).unwrap();
        ws.write_string(4, 2, f.store(1)).unwrap();
        ws.write_datetime_with_format(1, 5, rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 7, 15).unwrap(), &date)
            .unwrap();
        ws.write_number(2, 5, 45352.0).unwrap();
        ws.write_string(3, 5, "2024年3月1日").unwrap();
        ws.write_datetime_with_format(4, 5, rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 2, 28).unwrap(), &date)
            .unwrap();
        wb.save(&p).unwrap();
    }
    let pv = f.preview(&f.m, &p, false).await;
    let merged: Vec<u32> = pv.errors.iter().filter(|e| e.reason.contains("合并")).map(|e| e.line).collect();
    assert_eq!(merged, vec![3, 4], "{:#?}", pv.errors);
    assert_eq!(pv.error_count, 2, "{:#?}", pv.errors);
    assert!(pv.errors[0].reason.contains("与第 2 行合并"), "{}", pv.errors[0].reason);
    // the date cells and serials, unmerged: every form read as the right day
    let p2 = f.path("xlsx");
    {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in HEAD.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let date = Format::new().set_num_format("yyyy/m/d");
        for r in 1..=3u32 {
            ws.write_string(r, 0, format!("日{r}")).unwrap();
            ws.write_string(r, 1, format!("D{r}")).unwrap();
            ws.write_string(r, 2, f.store(0)).unwrap();
        }
        ws.write_datetime_with_format(1, 5, rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 7, 15).unwrap(), &date)
            .unwrap();
        ws.write_number(2, 5, 45352.0).unwrap();
        ws.write_string(3, 5, "2024年3月1日").unwrap();
        wb.save(&p2).unwrap();
    }
    let pv = f.preview(&f.m, &p2, false).await;
    assert_eq!(pv.error_count, 0, "{:#?}", pv.errors);
    f.apply(&f.m, &p2, false, &pv.plan).await.unwrap();
    let days: Vec<(String, String)> = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_as(
        "SELECT employee_no, hired_on FROM staff WHERE employee_no LIKE 'D%' ORDER BY employee_no"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(
        days,
        vec![
            ("D1".into(), "2023-07-15".into()),
            ("D2".into(), "2024-03-01".into()),
            ("D3".into(), "2024-03-01".into())
        ]
    );

    // GBK CSV
    let rows = vec![row("张伟", "G1", f.store(0), "美容师", "13800138000", "2024-05-06", "在职")];
    let text = write_csv(&rows);
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let g = f.path("csv");
    std::fs::write(&g, &gbk).unwrap();
    let pv = f.preview(&f.m, &g, false).await;
    assert_eq!(pv.format, kos_core::setup_sheet::SheetFormat::CsvGbk);
    assert_eq!((pv.new_count, pv.error_count), (1, 0), "{:#?}", pv.errors);
    // UTF-8 with a BOM
    let u = f.path("csv");
    std::fs::write(&u, format!("\u{FEFF}{}", write_csv(&rows))).unwrap();
    let pv = f.preview(&f.m, &u, false).await;
    assert_eq!(pv.format, kos_core::setup_sheet::SheetFormat::CsvUtf8);
    assert_eq!(pv.new_count, 1);

    let f = &f;
    let refused = |p: PathBuf| async move {
        f.svc()
            .roster_preview(&f.m, RosterArgs { enterprise_id: 1, file: f.grant(&p), complete: false })
            .await
            .unwrap_err()
            .to_api()
    };
    // only a header
    let h = f.xlsx(&[]);
    assert!(refused(h).await.message.contains("只有表头"));
    // nothing at all
    let empty = f.path("csv");
    std::fs::write(&empty, "").unwrap();
    assert!(refused(empty).await.message.contains("表格是空的"));
    // a legacy .xls (an OLE compound file)
    let xls = f.path("xls");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    std::fs::write(&xls, bytes).unwrap();
    let e = refused(xls).await;
    assert!(e.message.contains(".xls") && e.message.contains("另存为"), "{}", e.message);
    // a header without 工号
    let nohead = f.path("xlsx");
    write_xlsx(&nohead, &["姓名", "门店", "入职日期"], &[vec!["甲".into(), f.store(0).into(), "2024-01-01".into()]]);
    assert!(refused(nohead).await.message.contains("缺少列：工号"));
}

#[tokio::test]
async fn u2_a_complete_roster_marks_the_absent_as_left_within_a_store_managers_stores_only() {
    let f = fx().await;
    let sm = f.app.user(Role::StoreManager).await;
    let own = sm.store_ids[0];
    let own_name = f.stores.iter().find(|(id, _)| *id == own).unwrap().1.clone();
    let other_name = f.stores.iter().find(|(id, _)| !sm.store_ids.contains(id)).unwrap().1.clone();
    let mine = sm.store_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let current = f.scalar(&format!("SELECT COUNT(*) FROM staff WHERE store_id IN ({mine}) AND left_on IS NULL")).await;
    assert!(current > 0);
    let rows = vec![row("店员甲", "S1", &own_name, "", "", "2024-01-01", "在职")];
    let sheet = f.xlsx(&rows);
    let p = f.preview(&sm, &sheet, true).await;
    assert_eq!((p.new_count, p.left_count), (1, current as u32), "everyone absent from the manager's store leaves");
    let leavers_with_bindings: i64 =
        p.changes.iter().filter(|c| c.kind == RosterChangeKind::Left).map(|c| c.live_bindings).sum();
    assert!(leavers_with_bindings > 0, "the preview says who leaves with live bindings");
    // a row for another store is refused for a store manager
    let other = f.xlsx(&[row("外店", "S2", &other_name, "", "", "2024-01-01", "在职")]);
    let p2 = f.preview(&sm, &other, false).await;
    assert_eq!(p2.error_count, 1);
    assert!(p2.errors[0].reason.contains("不在你管理"));
    // applied: left, never unbound (B-17)
    let live_before = f.scalar("SELECT COUNT(*) FROM bindings WHERE status IN ('invited','active','frozen')").await;
    let done = f.apply(&sm, &sheet, true, &p.plan).await.unwrap();
    assert_eq!(done.left, current as u32);
    assert!(!done.leavers.is_empty());
    assert!(done.leavers.iter().all(|l| !l.bindings.is_empty() && l.bindings.iter().all(|b| !b.next_steps.is_empty())));
    assert_eq!(
        f.scalar("SELECT COUNT(*) FROM bindings WHERE status IN ('invited','active','frozen')").await,
        live_before
    );
    assert_eq!(
        f.scalar(&format!("SELECT COUNT(*) FROM staff WHERE store_id IN ({mine}) AND left_on IS NULL")).await,
        1
    );
    // other stores untouched
    assert!(
        f.scalar(&format!(
            "SELECT COUNT(*) FROM staff WHERE store_id NOT IN ({mine}) AND left_on IS NULL AND enterprise_id = 1"
        ))
        .await
            > 0
    );
}

/// The first staff member of brand 1 with a live binding of this mode and status, and that binding's id.
async fn staff_with(f: &Fx, mode: &str, status: &str, effective_cmp: &str) -> Option<(i64, i64)> {
    kos_core::on!(f.svc().db().pool(), |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT b.staff_id, b.id FROM bindings b JOIN staff s ON s.id = b.staff_id
         WHERE b.enterprise_id = 1 AND b.mode = '{mode}' AND b.status = '{status}' AND s.left_on IS NULL
           AND (SELECT COUNT(*) FROM bindings x WHERE x.staff_id = b.staff_id AND x.status IN ('invited','active','frozen')) = 1
           AND {effective_cmp}
         ORDER BY b.id LIMIT 1"
    )))
    .fetch_optional(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn b17_b18_marking_someone_left_lists_each_bindings_next_step_and_unbinds_nothing() {
    let f = fx().await;
    let (ent_staff, ent_binding) = staff_with(&f, "enterprise", "active", "TRUE").await.expect("an enterprise binding");
    let (old_staff, old_binding) =
        staff_with(&f, "personal", "active", "b.effective_at < '2026-10-20'").await.expect("an old personal binding");
    // a personal authorization that took effect today, and an invitation not yet answered
    let store = f.stores[0].0;
    register(&f, "recent01").await;
    register(&f, "pending01").await;
    let pr = proof(&f).await;
    let b = f.svc().invite(&f.m, invite(&f, "recent01", "新近授权", &id_no(801), pr, store, None)).await.unwrap();
    let (new_staff, new_binding) = (b.staff_id, b.id);
    let employee =
        kos_core::store::users::get_employee_by_staff(f.svc().db().pool(), new_staff).await.unwrap().unwrap();
    let employee = f.svc().actor(employee).await.unwrap();
    f.svc()
        .accept_invitation(
            &employee,
            kos_core::service::AcceptInvitationArgs {
                binding_id: new_binding,
                name: "新近授权".into(),
                id_number: id_no(801),
            },
        )
        .await
        .unwrap();
    let pr = proof(&f).await;
    let pending = f.svc().invite(&f.m, invite(&f, "pending01", "待接受", &id_no(802), pr, store, None)).await.unwrap();

    // what the dialog shows before confirming
    let d = f.svc().staff_departure(&f.m, StaffArgs { staff_id: ent_staff }).await.unwrap();
    assert_eq!(d.bindings.len(), 1);
    assert!(d.left_on.is_none());

    let leave = |staff_id| MarkStaffLeftArgs { staff_id, left_on: None, reason: "合同到期".into() };
    let d = f.svc().mark_staff_left(&f.m, leave(ent_staff)).await.unwrap();
    assert_eq!(d.left_on.as_deref(), Some("2026-11-26"));
    let steps: Vec<(NextStepAction, bool)> =
        d.bindings[0].next_steps.iter().map(|s| (s.action, s.allowed_now)).collect();
    assert_eq!(steps, vec![(NextStepAction::HandOver, true), (NextStepAction::Freeze, true)]);
    assert_eq!(d.bindings[0].binding_id, ent_binding);

    let d = f.svc().mark_staff_left(&f.m, leave(old_staff)).await.unwrap();
    let s = &d.bindings[0].next_steps;
    assert_eq!((s.len(), s[0].action, s[0].allowed_now), (1, NextStepAction::Unbind, true));
    assert_eq!(d.bindings[0].binding_id, old_binding);

    let d = f.svc().mark_staff_left(&f.m, leave(new_staff)).await.unwrap();
    let s = &d.bindings[0].next_steps[0];
    assert_eq!((s.action, s.allowed_now, s.rule.as_str()), (NextStepAction::Unbind, false, "B-18"));
    let effective: String = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT effective_at FROM bindings WHERE id = {new_binding}"
    )))
    .fetch_one(db)
    .await)
    .unwrap();
    let from = kos_core::clock::parse_ts(&effective).unwrap() + chrono::Duration::days(30);
    assert_eq!(
        s.available_from.as_deref(),
        Some(kos_core::clock::beijing_rfc3339(from).as_str()),
        "B-18: 30 days after effective"
    );

    let d = f.svc().mark_staff_left(&f.m, leave(pending.staff_id)).await.unwrap();
    let s = &d.bindings[0].next_steps[0];
    assert_eq!((s.action, s.allowed_now, s.rule.as_str()), (NextStepAction::InvitationLapses, false, "B-13"));
    assert_eq!(s.available_from.as_deref(), Some("2026-11-28T10:00:00+08:00"), "48 hours after the invitation");

    // never unbinds: all three bindings are still live, the staff rows keep their records
    let live = f
        .scalar(&format!("SELECT COUNT(*) FROM bindings WHERE id IN ({ent_binding}, {old_binding}, {new_binding}) AND status = 'active'"))
        .await;
    assert_eq!(live, 3);
    assert_eq!(f.history("leave").await, 4);
    // a second time is refused; a reason is required
    let e = f.svc().mark_staff_left(&f.m, leave(ent_staff)).await.unwrap_err();
    assert!(e.to_api().message.contains("已于 2026-11-26 离职"));
    let e = f
        .svc()
        .mark_staff_left(&f.m, MarkStaffLeftArgs { staff_id: 1, left_on: None, reason: " ".into() })
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    // the next step works: the enterprise account is handed over to a current colleague
    let to: i64 =
        f.scalar("SELECT id FROM staff WHERE enterprise_id = 1 AND left_on IS NULL ORDER BY id LIMIT 1").await;
    let row = f
        .svc()
        .hand_over(
            &f.m,
            kos_core::service::HandOverArgs {
                binding_id: ent_binding,
                to_staff_id: to,
                job_title: None,
                reason: "离职移交".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(row.status, BindingStatus::Active);
}

#[tokio::test]
async fn u2_a_store_manager_reaches_only_their_stores_staff() {
    let f = fx().await;
    let sm = f.app.user(Role::StoreManager).await;
    let outside: i64 = f
        .scalar(&format!(
            "SELECT id FROM staff WHERE enterprise_id = 1 AND store_id NOT IN ({}) AND left_on IS NULL LIMIT 1",
            sm.store_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ))
        .await;
    let e = f
        .svc()
        .mark_staff_left(&sm, MarkStaffLeftArgs { staff_id: outside, left_on: None, reason: "x".into() })
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    let e = f.svc().staff_departure(&sm, StaffArgs { staff_id: outside }).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    // another brand's marketing does not find brand 1's staff
    let admin = f.app.admin().await;
    let users = f.svc().list_users(&admin, Default::default()).await.unwrap();
    let m2 = users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(2)).unwrap().id;
    let m2 = f.svc().actor(m2).await.unwrap();
    let e = f
        .svc()
        .mark_staff_left(&m2, MarkStaffLeftArgs { staff_id: outside, left_on: None, reason: "x".into() })
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    // roles without the right are refused
    let leader = f.app.user(Role::Leader).await;
    let e = f
        .svc()
        .mark_staff_left(&leader, MarkStaffLeftArgs { staff_id: outside, left_on: None, reason: "x".into() })
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
}

fn id_no(seq: u32) -> String {
    idcard::compose(310104, NaiveDate::from_ymd_opt(1994, 5, 17).unwrap(), seq)
}

async fn proof(f: &Fx) -> String {
    let p = f.path("png");
    std::fs::write(&p, common::sample_png(&format!("roster proof {}", f.n.get()))).unwrap();
    f.svc().upload_proof(&f.m, UploadProofArgs { enterprise_id: 1, file: f.grant(&p) }).await.unwrap().proof_id
}

async fn register(f: &Fx, xhs: &str) {
    f.svc()
        .register_account(
            &f.m,
            RegisterAccountArgs {
                enterprise_id: 1,
                xhs_id: xhs.into(),
                nickname: format!("昵称{xhs}"),
                followers: 300,
                phone_bound: true,
                has_shop: false,
                owner_staff_id: None,
            },
        )
        .await
        .unwrap();
}

fn invite(f: &Fx, xhs: &str, name: &str, id: &str, proof: String, store: i64, no: Option<&str>) -> InviteArgs {
    let _ = f;
    InviteArgs {
        enterprise_id: 1,
        mode: BindingMode::Personal,
        xhs_id: xhs.into(),
        store_id: store,
        staff_name: name.into(),
        id_number: id.into(),
        proof_id: proof,
        job_title: "导购".into(),
        signed: true,
        employee_no: no.map(str::to_string),
    }
}

#[tokio::test]
async fn u2_b10_an_invitation_attaches_to_the_roster_row_instead_of_a_second_staff_row() {
    let f = fx().await;
    let rows = vec![
        row("王小明", "R1", f.store(0), "美容师", "13811112222", "2024-01-01", "在职"),
        row("李同名", "R2", f.store(0), "", "", "2024-01-01", "在职"),
        row("李同名", "R3", f.store(0), "", "", "2024-01-01", "在职"),
    ];
    let sheet = f.xlsx(&rows);
    let p = f.preview(&f.m, &sheet, false).await;
    f.apply(&f.m, &sheet, false, &p.plan).await.unwrap();
    let store = f.stores[0].0;
    let before = f.staff_count().await;
    register(&f, "roster001").await;
    let pr = proof(&f).await;
    let b = f.svc().invite(&f.m, invite(&f, "roster001", "王小明", &id_no(901), pr, store, None)).await.unwrap();
    assert_eq!(f.staff_count().await, before, "no second staff row");
    let r1: i64 = f.scalar("SELECT id FROM staff WHERE employee_no = 'R1'").await;
    assert_eq!(b.staff_id, r1);
    assert_eq!(b.staff_id_masked, idcard::mask(&id_no(901)));
    assert_eq!(f.history("attach_id").await, 1);

    // two roster rows of one name in the store: the 工号 says which
    register(&f, "roster002").await;
    let pr = proof(&f).await;
    let e = f
        .svc()
        .invite(&f.m, invite(&f, "roster002", "李同名", &id_no(902), pr.clone(), store, None))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::RosterAmbiguous);
    assert!(e.to_api().message.contains("工号"));
    let b = f.svc().invite(&f.m, invite(&f, "roster002", "李同名", &id_no(902), pr, store, Some("R3"))).await.unwrap();
    assert_eq!(b.staff_id, f.scalar("SELECT id FROM staff WHERE employee_no = 'R3'").await);
    assert_eq!(f.staff_count().await, before);
    // a 工号 with another name is refused
    register(&f, "roster003").await;
    let pr = proof(&f).await;
    let e =
        f.svc().invite(&f.m, invite(&f, "roster003", "别人", &id_no(903), pr, store, Some("R2"))).await.unwrap_err();
    assert!(e.to_api().message.contains("李同名"), "{}", e.to_api().message);
    // someone not on the roster is registered by the invitation, as before
    let pr = proof(&f).await;
    f.svc().invite(&f.m, invite(&f, "roster003", "路人", &id_no(904), pr, store, None)).await.unwrap();
    assert_eq!(f.staff_count().await, before + 1);
}

#[tokio::test]
async fn u2_b2_accounts_by_form_and_sheet_with_a_row_report_and_dated_followers() {
    let f = fx().await;
    // a roster to own accounts
    let sheet = f.xlsx(&f.ten());
    let p = f.preview(&f.m, &sheet, false).await;
    f.apply(&f.m, &sheet, false, &p.plan).await.unwrap();
    let owner: i64 = f.scalar("SELECT id FROM staff WHERE employee_no = 'E0001'").await;
    let a = f
        .svc()
        .register_account(
            &f.m,
            RegisterAccountArgs {
                enterprise_id: 1,
                xhs_id: "newacc01".into(),
                nickname: "小美".into(),
                followers: 250,
                phone_bound: true,
                has_shop: false,
                owner_staff_id: Some(owner),
            },
        )
        .await
        .unwrap();
    assert_eq!((a.owner_employee_no.as_deref(), a.followers_on.as_deref()), (Some("E0001"), Some("2026-11-26")));
    // B-2 lookup works on a registered account
    let l =
        f.svc().lookup_account(&f.m, LookupAccountArgs { enterprise_id: 1, xhs_id: "newacc01".into() }).await.unwrap();
    assert!(l.phone_bound && !l.has_shop && l.modes.iter().any(|m| m.allowed));
    assert_eq!(f.history("register").await, 1);
    // bad input on the form
    let bad = |xhs: &str, followers: i64| RegisterAccountArgs {
        enterprise_id: 1,
        xhs_id: xhs.into(),
        nickname: "x".into(),
        followers,
        phone_bound: true,
        has_shop: false,
        owner_staff_id: None,
    };
    assert_eq!(f.svc().register_account(&f.m, bad("有 空格", 1)).await.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(f.svc().register_account(&f.m, bad("ok01", -1)).await.unwrap_err().code(), ErrorCode::InvalidInput);

    // the sheet: every row checked; one bad row and nothing is written
    let head = ["小红书号", "昵称", "粉丝数", "已绑定手机号", "已开店", "员工工号"];
    let r = |c: [&str; 6]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let bad_rows = vec![
        r(["acc100", "甲", "1200", "是", "否", "E0002"]),
        r(["acc100", "乙", "5", "是", "否", ""]),
        r(["acc102", "丙", "很多", "是", "否", ""]),
        r(["acc103", "丁", "8", "也许", "否", ""]),
        r(["acc104", "戊", "8", "是", "否", "E9999"]),
    ];
    let path = f.path("xlsx");
    write_xlsx(&path, &head, &bad_rows);
    let accounts_before = f.scalar("SELECT COUNT(*) FROM xhs_accounts").await;
    let rep =
        f.svc().import_accounts(&f.m, ImportAccountsArgs { enterprise_id: 1, file: f.grant(&path) }).await.unwrap();
    assert!(!rep.applied);
    assert_eq!(rep.error_count, 4, "{:#?}", rep.errors);
    let why: Vec<(u32, &str)> = rep.errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(why, vec![(3, "小红书号"), (4, "粉丝数"), (5, "已绑定手机号"), (6, "员工工号")]);
    assert!(rep.errors[0].reason.contains("与第 2 行重复"));
    assert_eq!(f.scalar("SELECT COUNT(*) FROM xhs_accounts").await, accounts_before, "nothing half-written");

    let good = vec![
        r(["acc100", "甲", "1.2万", "是", "否", "E0002"]),
        r(["acc101", "乙", "5", "否", "是", ""]),
        r(["newacc01", "小美改名", "260", "是", "否", "E0001"]),
    ];
    let path = f.path("csv");
    let mut text = head.join(",") + "\n";
    for g in &good {
        text += &(g.join(",") + "\n");
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&path, &gbk).unwrap();
    let rep =
        f.svc().import_accounts(&f.m, ImportAccountsArgs { enterprise_id: 1, file: f.grant(&path) }).await.unwrap();
    assert!(rep.applied, "{:#?}", rep.errors);
    assert_eq!((rep.created, rep.updated, rep.unchanged), (2, 1, 0));
    let list = f.svc().list_accounts(&f.m, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let acc = |x: &str| list.iter().find(|a| a.xhs_id == x).unwrap().clone();
    // the brand's bound accounts are listed too, registered or not (the demo binds without registering)
    assert!(list.iter().any(|a| a.binding_status == Some(BindingStatus::Active)), "bound accounts listed");
    // the latest registered come first
    assert_eq!(list[0].xhs_id, "acc100");
    assert_eq!(acc("acc100").followers, 12_000);
    assert_eq!(acc("acc100").owner_name.as_deref(), Some("花名1"));
    assert!(acc("acc101").has_shop && !acc("acc101").phone_bound);
    assert_eq!((acc("newacc01").nickname.as_str(), acc("newacc01").followers), ("小美改名", 260));
    let snaps = f
        .svc()
        .account_snapshots(&f.m, AccountSnapshotsArgs { enterprise_id: 1, account_id: a.account_id })
        .await
        .unwrap();
    assert_eq!(snaps.len(), 1, "one row per day: the import replaced the form's value of the same day");
    assert_eq!((snaps[0].followers, snaps[0].source.as_str()), (260, "account_import"));
    // B-2 on an account with a shop
    let l =
        f.svc().lookup_account(&f.m, LookupAccountArgs { enterprise_id: 1, xhs_id: "acc101".into() }).await.unwrap();
    assert!(l.modes.iter().all(|m| !m.allowed));
    // a store manager sees only accounts of their stores' staff; another brand sees none of these
    let admin = f.app.admin().await;
    let users = f.svc().list_users(&admin, Default::default()).await.unwrap();
    let m2 = users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(2)).unwrap().id;
    let m2 = f.svc().actor(m2).await.unwrap();
    let e = f.svc().list_accounts(&m2, EnterpriseArgs { enterprise_id: 1 }).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    let e = f
        .svc()
        .account_snapshots(&m2, AccountSnapshotsArgs { enterprise_id: 2, account_id: a.account_id })
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn s2_followers_refresh_from_a_note_import_dated_and_account_health_reads_the_latest() {
    let f = fx().await;
    // a bound account of brand 1 with a note
    let (xhs, account_id, followers): (String, i64, i64) = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_as(
        "SELECT a.xhs_id, a.id, a.followers FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.enterprise_id = 1 AND b.status = 'active' ORDER BY b.id LIMIT 1",
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let note_id = "a1b2c3d4e5f60718293a4b5c";
    let new_followers = followers + 4321;
    let csv = format!(
        "笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,收藏,评论,账号昵称,粉丝数\n{note_id},粉丝刷新,图文,2026-11-20 10:00:00,{xhs},1,2,3,新的昵称,{new_followers}\n"
    );
    let p = f.path("csv");
    std::fs::write(&p, csv).unwrap();
    async fn health(f: &Fx) -> kos_core::service::AccountHealth {
        f.svc()
            .account_health(
                &f.m,
                AccountHealthArgs { enterprise_id: 1, sort: kos_core::service::HealthSort::Followers, desc: true },
            )
            .await
            .unwrap()
    }
    let before = health(&f).await;
    let row = before.rows.iter().find(|r| r.xhs_id == xhs).expect("the account is in S-2");
    assert_eq!(row.followers, followers);
    let job = f
        .svc()
        .start_note_import(
            &f.m,
            StartNoteImportArgs { enterprise_id: 1, file: f.grant(&p), mapping: None, data_date: None },
        )
        .await
        .unwrap();
    let done = f.svc().wait_job(&f.m, job.id, |_| {}).await.unwrap();
    assert!(done.error.is_none(), "{done:?}");
    let after = health(&f).await;
    let row = after.rows.iter().find(|r| r.xhs_id == xhs).unwrap();
    assert_eq!(row.followers, new_followers, "S-2 reads the refreshed followers");
    assert_eq!(row.nickname, "新的昵称");
    let snaps: Vec<(String, i64, String)> =
        kos_core::on!(f.svc().db().pool(), |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT date, followers, source FROM account_snapshots WHERE account_id = {account_id} ORDER BY date DESC"
        )))
        .fetch_all(db)
        .await)
        .unwrap();
    assert_eq!(snaps[0], ("2026-11-26".into(), new_followers, "note_import".into()), "dated by the data date");
    // an older export does not move the account back, it only fills in its day
    let older = format!(
        "笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,收藏,评论,粉丝数\n{note_id},粉丝刷新,图文,2026-11-20 10:00:00,{xhs},1,2,3,5\n"
    );
    let p = f.path("csv");
    std::fs::write(&p, older).unwrap();
    let job = f
        .svc()
        .start_note_import(
            &f.m,
            StartNoteImportArgs {
                enterprise_id: 1,
                file: f.grant(&p),
                mapping: None,
                data_date: Some("2026-11-21".into()),
            },
        )
        .await
        .unwrap();
    f.svc().wait_job(&f.m, job.id, |_| {}).await.unwrap();
    let after = health(&f).await;
    assert_eq!(after.rows.iter().find(|r| r.xhs_id == xhs).unwrap().followers, new_followers);
    assert_eq!(
        f.scalar(&format!(
            "SELECT followers FROM account_snapshots WHERE account_id = {account_id} AND date = '2026-11-21'"
        ))
        .await,
        5
    );
}

#[tokio::test]
async fn u2_migration_0012_keeps_every_reference_and_foreign_keys_on() {
    let f = fx().await;
    let pool = f.svc().db().pool();
    // SQLite checks foreign keys only when told to (PostgreSQL always does)
    if let Some(lite) = pool.lite() {
        let broken: Vec<(String, i64, String, i64)> =
            sqlx::query_as("PRAGMA foreign_key_check").fetch_all(lite).await.unwrap();
        assert!(broken.is_empty(), "{broken:?}");
        let on: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(lite).await.unwrap();
        assert_eq!(on, 1);
    }
    // staff ids are the ones bindings, users and notes name
    let orphans =
        f.scalar("SELECT COUNT(*) FROM bindings b LEFT JOIN staff s ON s.id = b.staff_id WHERE s.id IS NULL").await;
    assert_eq!(orphans, 0);
    // a staff row without an ID number is allowed, a half one is not
    let e = kos_core::on!(pool, |db| {
        sqlx::query("INSERT INTO staff (enterprise_id, store_id, name, id_hmac, hired_on, created_at) VALUES (1, $1, 'x', 'h', '2024-01-01', '2026-01-01')")
        .bind(f.stores[0].0)
        .execute(db)
        .await.map(|r| r.rows_affected())
    });
    assert!(e.is_err());
    // 工号 unique per brand
    let store = f.stores[0].0;
    let ins = |no: &'static str| async move {
        kos_core::on!(pool, |db| {
            sqlx::query("INSERT INTO staff (enterprise_id, store_id, name, employee_no, hired_on, created_at) VALUES (1, $1, 'x', $2, '2024-01-01', '2026-01-01')")
            .bind(store)
            .bind(no)
            .execute(db)
            .await
            .map(|r| r.rows_affected())
        })
    };
    ins("DUP").await.unwrap();
    assert!(ins("DUP").await.is_err());
}

/// A 20,000-row roster: preview and apply timed (printed), each must stay a few seconds.
#[tokio::test]
async fn u2_a_20000_row_roster_previews_and_applies_in_seconds() {
    let f = fx().await;
    let rows: Vec<Vec<String>> = (0..20_000)
        .map(|i| {
            row(
                &format!("员工{i}"),
                &format!("K{i:06}"),
                f.store(i % f.stores.len()),
                ["美容师", "前台", "店长", "顾问"][i % 4],
                &format!("13{:09}", i),
                "2023-06-01",
                "在职",
            )
        })
        .collect();
    let sheet = f.xlsx(&rows);
    let t = std::time::Instant::now();
    let p = f.preview(&f.m, &sheet, false).await;
    let preview_s = t.elapsed().as_secs_f64();
    assert_eq!((p.new_count, p.error_count), (20_000, 0));
    assert_eq!(p.changes.len(), kos_core::service::SHOWN_MAX, "the preview lists a bounded number of changes");
    let t = std::time::Instant::now();
    let done = f.apply(&f.m, &sheet, false, &p.plan).await.unwrap();
    let apply_s = t.elapsed().as_secs_f64();
    assert_eq!(done.created, 20_000);
    // a re-import with 1,000 moves
    let mut changed = rows.clone();
    for r in changed.iter_mut().take(1_000) {
        r[2] = f.store(0).to_string();
        r[3] = "督导".into();
    }
    let sheet2 = f.xlsx(&changed);
    let t = std::time::Instant::now();
    let p2 = f.preview(&f.m, &sheet2, false).await;
    let preview2_s = t.elapsed().as_secs_f64();
    assert_eq!(p2.changed_count, 1_000);
    let t = std::time::Instant::now();
    f.apply(&f.m, &sheet2, false, &p2.plan).await.unwrap();
    let apply2_s = t.elapsed().as_secs_f64();
    eprintln!(
        "U-2 20,000-row roster (XLSX {} KB): preview {preview_s:.2} s, apply {apply_s:.2} s; re-import with 1,000 changes: preview {preview2_s:.2} s, apply {apply2_s:.2} s",
        std::fs::metadata(&sheet).unwrap().len() / 1024
    );
    for s in [preview_s, apply_s, preview2_s, apply2_s] {
        assert!(s < 15.0, "each step must stay a few seconds (debug build): {s:.2} s");
    }
}

/// The sheets kept for the end-to-end runs (written by `examples/setup_fixtures.rs`) import cleanly into a
/// brand whose stores carry the 12 names the stores sheet uses: 80 staff, then 20 accounts owned by 工号.
#[tokio::test]
async fn u2_the_committed_e2e_sheets_import_cleanly() {
    let f = fx().await;
    let names = [
        "静安寺店",
        "徐家汇店",
        "陆家嘴店",
        "五角场店",
        "中山公园店",
        "虹桥店",
        "莘庄店",
        "松江店",
        "杭州西湖店",
        "杭州滨江店",
        "苏州园区店",
        "南京新街口店",
    ];
    for n in names {
        kos_core::store::stores::insert(
            f.svc().db().pool(),
            &kos_core::store::stores::NewStore {
                enterprise_id: 1,
                name: n,
                city: "上海",
                district: "—",
                address: "—",
                opened_on: "2024-01-01".into(),
            },
        )
        .await
        .unwrap();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .join("tests")
        .join("e2e")
        .join("fixtures")
        .join("setup");
    let roster = dir.join("花名册.xlsx");
    let p = f.preview(&f.m, &roster, false).await;
    assert_eq!((p.new_count, p.error_count), (80, 0), "{:#?}", p.errors);
    let done = f.apply(&f.m, &roster, false, &p.plan).await.unwrap();
    assert_eq!(done.created, 80);
    assert_eq!(f.scalar("SELECT COUNT(DISTINCT store_id) FROM staff WHERE employee_no LIKE 'E%'").await, 12);
    let rep = f
        .svc()
        .import_accounts(&f.m, ImportAccountsArgs { enterprise_id: 1, file: f.grant(&dir.join("小红书账号.xlsx")) })
        .await
        .unwrap();
    assert!(rep.applied, "{:#?}", rep.errors);
    assert_eq!(rep.created, 20);
    let list = f.svc().list_accounts(&f.m, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    // the sheet's owners are numbered E…; the demo's own staff JZ…/MR…
    let from_sheet = |a: &&kos_core::api::types::accounts::AccountEntry| {
        a.owner_employee_no.as_deref().is_some_and(|n| n.starts_with('E'))
    };
    assert_eq!(list.iter().filter(from_sheet).count(), 20);
    let b2_ok = list.iter().filter(from_sheet).filter(|a| a.phone_bound && !a.has_shop).count();
    assert_eq!(b2_ok, 18, "18 of the 20 meet B-2");
    // the demo's roster sheets for the window's run read cleanly too
    let demo = f.preview(&f.m, &dir.join("花名册-演示.xlsx"), false).await;
    assert_eq!((demo.new_count, demo.error_count), (12, 0), "{:#?}", demo.errors);
}

/// A closed store takes no new staff from the roster, nor anyone moved into it; its current staff stay.
#[tokio::test]
async fn u2_a_closed_store_takes_no_new_or_moved_staff_from_the_roster() {
    let f = fx().await;
    let admin = f.app.admin().await;
    let sheet = f.xlsx(&f.ten());
    let p = f.preview(&f.m, &sheet, false).await;
    f.apply(&f.m, &sheet, false, &p.plan).await.unwrap();
    f.svc()
        .close_store(&admin, kos_core::service::CloseStoreArgs { store_id: f.stores[2].0, reason: "停业".into() })
        .await
        .unwrap();
    // the same sheet: its people of that store stay as they are
    let same = f.preview(&f.m, &sheet, false).await;
    assert_eq!((same.error_count, same.unchanged_count), (0, 10), "{:#?}", same.errors);
    let mut rows = f.ten();
    rows[0][2] = f.store(2).to_string(); // moved into the closed store
    rows.push(row("新人", "E0200", f.store(2), "", "", "2024-01-01", "在职"));
    let p = f.preview(&f.m, &f.xlsx(&rows), false).await;
    let lines: Vec<u32> = p.errors.iter().filter(|e| e.reason.contains("已于")).map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 12], "{:#?}", p.errors);
}
