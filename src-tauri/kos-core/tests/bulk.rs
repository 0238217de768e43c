//! B-16 批量绑定: template, validation with the wizard's own checks, sending, the row report; a fresh demo
//! database per test with the fixed clock.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use common::TestApp;
use kos_core::model::{BindingMode, BindingTab, Role};
use kos_core::service::{
    AcceptInvitationArgs, AccountHistoryArgs, BindingChangeArgs, BulkExportArgs, BulkReport, BulkRow, BulkSendArgs,
    BulkTemplateArgs, BulkValidateArgs, EnterpriseArgs, InviteArgs, ListBindingsArgs, UpdateRuleSettingArgs,
    UploadProofArgs,
};
use kos_core::{idcard, rules, store, Actor, ErrorCode};
use rust_xlsxwriter::Workbook;

const HEADERS: [&str; 7] = ["小红书号", "姓名", "身份证号码", "门店", "岗位", "绑定方式", "证明文件"];
const ENT: &str = "企业员工号";
const PER: &str = "员工个人号授权";

struct Fx {
    app: TestApp,
    /// brand marketing of the main brand (enterprise 1)
    m1: Actor,
    /// brand marketing of the second brand
    m2: Actor,
    store1: String,
    store1_id: i64,
    /// a store of enterprise 1 other than `store1`
    store2_id: i64,
    proofs: PathBuf,
}

async fn fx() -> Fx {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let users = app.svc.list_users(&admin, Default::default()).await.unwrap();
    let marketing =
        |e: i64| users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(e)).unwrap().id;
    let m1 = app.svc.actor(marketing(1)).await.unwrap();
    let m2 = app.svc.actor(marketing(2)).await.unwrap();
    let stores1 = app.svc.list_stores(&m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let stores2 = app.svc.list_stores(&m2, EnterpriseArgs { enterprise_id: 2 }).await.unwrap();
    let unique = |i: usize| stores1.iter().filter(|s| s.name == stores1[i].name).count() == 1;
    let a = (0..stores1.len()).find(|&i| unique(i)).unwrap();
    let proofs = app.dir.path().join("证明文件");
    std::fs::create_dir_all(&proofs).unwrap();
    Fx { store1: stores1[a].name.clone(), store1_id: stores1[a].id, store2_id: stores2[0].id, app, m1, m2, proofs }
}

fn id_no(seq: u32) -> String {
    idcard::compose(310104, NaiveDate::from_ymd_opt(1994, 5, 17).unwrap(), seq)
}

/// One sheet row: 小红书号, 姓名, 身份证号码, 门店, 岗位, 绑定方式, 证明文件.
type Line = [String; 7];

impl Fx {
    fn svc(&self) -> &kos_core::Service {
        &self.app.svc
    }

    fn path(&self, name: &str) -> PathBuf {
        self.app.dir.path().join(name)
    }

    /// The grants a door hands out for what the user chose: a file to read, the proofs folder, a place to save.
    fn open(&self, path: &Path) -> String {
        self.svc().grant_open(path).unwrap().token
    }

    fn folder(&self) -> String {
        self.svc().grant_folder(&self.proofs).unwrap().token
    }

    fn save(&self, name: &str) -> String {
        self.svc().grant_save(&self.path(name)).unwrap().token
    }

    async fn account(&self, xhs_id: &str, has_shop: bool) {
        store::accounts::insert(
            self.svc().db().pool(),
            &store::accounts::NewAccount {
                xhs_id,
                nickname: &format!("测试{xhs_id}"),
                followers: 100,
                has_shop,
                phone_bound: true,
                real_name_hmac: None,
                third_party_logins: "[]".into(),
                owner_staff_id: None,
                created_at: "2025-01-01T00:00:00Z".into(),
            },
        )
        .await
        .unwrap();
    }

    /// A proof PNG in the proofs folder, unique content per name.
    fn proof_file(&self, name: &str) -> String {
        std::fs::write(self.proofs.join(name), common::sample_png(name)).unwrap();
        name.to_string()
    }

    /// A valid row for a new account `xhs` (created here) with its own proof.
    async fn good(&self, xhs: &str, name: &str, seq: u32) -> Line {
        self.account(xhs, false).await;
        let proof = self.proof_file(&format!("{xhs}.png"));
        [xhs.into(), name.into(), id_no(seq), self.store1.clone(), "导购".into(), ENT.into(), proof]
    }

    async fn validate_file(&self, actor: &Actor, path: &Path) -> kos_core::CoreResult<BulkReport> {
        self.svc()
            .bulk_validate(
                actor,
                BulkValidateArgs {
                    enterprise_id: actor.enterprise_id.unwrap_or(1),
                    file: self.open(path),
                    proofs_folder: self.folder(),
                },
            )
            .await
    }

    async fn validate(&self, actor: &Actor, lines: &[Line]) -> BulkReport {
        let path = self.path("filled.xlsx");
        write_sheet(&path, lines);
        self.validate_file(actor, &path).await.unwrap()
    }

    async fn single_invite(&self, actor: &Actor, mode: BindingMode, xhs: &str, name: &str, id: &str) -> i64 {
        let e = actor.enterprise_id.unwrap();
        let path = self.path(&format!("single-{xhs}-{e}.png"));
        std::fs::write(&path, common::sample_png(&format!("{xhs}{e}"))).unwrap();
        let proof =
            self.svc().upload_proof(actor, UploadProofArgs { enterprise_id: e, file: self.open(&path) }).await.unwrap();
        self.svc()
            .invite(
                actor,
                InviteArgs {
                    enterprise_id: e,
                    mode,
                    xhs_id: xhs.into(),
                    store_id: if e == 1 { self.store1_id } else { self.store2_id },
                    staff_name: name.into(),
                    id_number: id.into(),
                    proof_id: proof.proof_id,
                    job_title: "导购".into(),
                    signed: true,
                    employee_no: None,
                },
            )
            .await
            .unwrap()
            .id
    }

    async fn count(&self, table: &str) -> i64 {
        kos_core::on!(self.svc().db().pool(), |db| sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table}"
        )))
        .fetch_one(db)
        .await)
        .unwrap()
    }

    async fn invited_xhs_ids(&self, actor: &Actor) -> Vec<String> {
        let page = self
            .svc()
            .list_bindings(
                actor,
                ListBindingsArgs {
                    enterprise_id: 1,
                    tab: BindingTab::Invited,
                    store_id: None,
                    mode: None,
                    job_title: None,
                    keyword: None,
                    page_size: 100,
                    cursor: None,
                },
            )
            .await
            .unwrap();
        page.rows.into_iter().map(|r| r.xhs_id).filter(|x| x.starts_with("88")).collect()
    }
}

/// A filled sheet as a user would save it: the template's header row, then the lines.
fn write_sheet(path: &Path, lines: &[Line]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("批量绑定").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, line) in lines.iter().enumerate() {
        for (c, v) in line.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn codes(row: &BulkRow) -> Vec<&str> {
    row.errors.iter().map(|e| e.code.as_str()).collect()
}

async fn send(f: &Fx, report: &BulkReport) -> kos_core::service::BulkSendResult {
    f.svc()
        .bulk_send(&f.m1, BulkSendArgs { enterprise_id: 1, batch_id: report.batch_id.clone(), signed: true })
        .await
        .unwrap()
}

fn read_xlsx(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------- template

#[tokio::test]
async fn b16_template_round_trip_headers_lists_help_and_examples_skipped() {
    let f = fx().await;
    let out =
        f.svc().bulk_template(&f.m1, BulkTemplateArgs { file: f.save("模板"), enterprise_id: Some(1) }).await.unwrap();
    assert!(out.path.ends_with("模板.xlsx"), "the extension is added: {}", out.path);
    let path = PathBuf::from(&out.path);

    let wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["批量绑定", "填写说明", "门店列表"]);
    let data = read_xlsx(&path, "批量绑定");
    assert_eq!(data[0], HEADERS.map(String::from).to_vec());
    assert!(data[1][0].starts_with("示例") && data[2][0].starts_with("示例"), "two example rows: {data:?}");
    let help = read_xlsx(&path, "填写说明");
    let proof_help = help.iter().find(|r| r[0] == "证明文件").unwrap();
    assert!(proof_help[2].contains("证明文件夹") && proof_help[2].contains("10 MB"), "{proof_help:?}");
    assert!(help.iter().any(|r| r[0] == "岗位" && r[2].contains("导购、店长、客服、员工、助理、主播人")));
    let stores = read_xlsx(&path, "门店列表");
    assert!(stores.iter().any(|r| r[0] == f.store1));
    // the B-11 and mode drop-down lists are in the sheet's XML
    let xml = sheet_xml(&path);
    assert!(xml.contains("导购,店长,客服,员工,助理,主播人"), "job-title list");
    assert!(xml.contains("企业员工号,员工个人号授权"), "mode list");

    // the untouched template validates to nothing: the examples are skipped
    let report = f.validate_file(&f.m1, &path).await.unwrap();
    assert_eq!((report.rows.len(), report.examples_skipped), (0, 2));

    // filled in (written the way a spreadsheet program saves it) it validates row by row
    let mut lines = vec![
        ["示例-1".into(), "张三".into(), "x".into(), "x".into(), "x".into(), "x".into(), "x".into()],
        f.good("880100001", "顾明", 1).await,
    ];
    let mut personal = f.good("880100002", "顾亮", 2).await;
    personal[4] = "主播人".into();
    personal[5] = PER.into();
    lines.push(personal);
    let report = f.validate(&f.m1, &lines).await;
    assert_eq!((report.valid, report.invalid, report.examples_skipped), (2, 0, 1));
    assert_eq!(report.rows[0].row, 3, "1-based sheet rows");
    assert_eq!(report.rows[0].id_masked, idcard::mask(&id_no(1)));
}

fn sheet_xml(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

// ---------------------------------------------------------------------------------------------- each check

#[tokio::test]
async fn b16_every_row_is_checked_like_the_wizard() {
    let f = fx().await;
    // B-19: a personal authorization with brand 2 ended 10 days ago
    f.account("880200019", false).await;
    let b = f.single_invite(&f.m2, BindingMode::Personal, "880200019", "冷却", &id_no(919)).await;
    let emp = employee(&f, 2, b).await;
    f.svc()
        .accept_invitation(&emp, AcceptInvitationArgs { binding_id: b, name: "冷却".into(), id_number: id_no(919) })
        .await
        .unwrap();
    f.app.svc.clock().advance(Duration::days(31));
    f.svc().unbind(&f.m2, BindingChangeArgs { binding_id: b, reason: "离职".into() }).await.unwrap();
    f.app.svc.clock().advance(Duration::days(10));
    // B-7: invited by the other brand
    f.account("880200007", false).await;
    f.single_invite(&f.m2, BindingMode::Enterprise, "880200007", "他企", &id_no(907)).await;

    let ok = f.good("880200001", "王一", 1).await;
    let mut bad_id = f.good("880200002", "王二", 2).await;
    bad_id[2] = "110105194912310021".into(); // check digit (B-10)
    let mut bad_title = f.good("880200003", "王三", 3).await;
    bad_title[4] = "美容师".into(); // B-11
    let mut dup_xhs = f.good("880200004", "王四", 4).await;
    dup_xhs[0] = "880200001".into();
    let mut dup_id = f.good("880200005", "王五", 5).await;
    dup_id[2] = id_no(1);
    let mut elsewhere = f.good("880200006", "王六", 6).await;
    elsewhere[0] = "880200007".into(); // B-7
    let mut cooldown = f.good("880200008", "王八", 8).await;
    cooldown[0] = "880200019".into(); // B-19
    cooldown[5] = PER.into();
    let mut no_proof = f.good("880200009", "王九", 9).await;
    no_proof[6] = "不存在.pdf".into();
    let mut bad_store = f.good("880200010", "王十", 10).await;
    bad_store[3] = "月球旗舰店".into();
    let mut too_long = f.good("880200011", "王十一", 11).await;
    too_long[3] = "店".repeat(201);
    let mut long_name = f.good("880200012", "王十二", 12).await;
    long_name[1] = "名".repeat(25); // B-10: 1–24
    let mut bad_mode = f.good("880200013", "王十三", 13).await;
    bad_mode[5] = "兼职".into();
    f.account("880200014", true).await; // B-2: has a shop
    let mut shop = f.good("880200015", "王十五", 15).await;
    shop[0] = "880200014".into();
    let mut unknown = f.good("880200016", "王十六", 16).await;
    unknown[0] = "880299999".into();
    let mut not_pdf = f.good("880200017", "王十七", 17).await;
    std::fs::write(f.proofs.join("假的.pdf"), b"just text").unwrap();
    not_pdf[6] = "假的.pdf".into();
    let mut cooldown_ent = f.good("880200018", "王十八", 18).await;
    cooldown_ent[0] = "880200019".into(); // B-19 does not hold for enterprise mode
    let mut missing = f.good("880200020", "王二十", 20).await;
    missing[1] = String::new();
    let mut path_proof = f.good("880200021", "王二一", 21).await;
    path_proof[6] = "../kos.db".into();

    let lines = vec![
        ok, bad_id, bad_title, dup_xhs, dup_id, elsewhere, cooldown, no_proof, bad_store, too_long, long_name,
        bad_mode, shop, unknown, not_pdf, missing, path_proof,
    ];
    let report = f.validate(&f.m1, &lines).await;
    let expect: [(u32, &str); 17] = [
        (2, ""),
        (3, "invalid_id_number"),
        (4, "invalid_job_title"),
        (5, "duplicate_xhs_id"),
        (6, "duplicate_id_number"),
        (7, "account_bound_elsewhere"),
        (8, "personal_cooldown"),
        (9, "proof_file"),
        (10, "unknown_store"),
        (11, "cell_too_long"),
        (12, "invalid_staff_name"),
        (13, "invalid_mode"),
        (14, "account_has_shop"),
        (15, "not_found"),
        (16, "proof_file"),
        (17, "missing_value"),
        (18, "proof_file"),
    ];
    for (row, code) in expect {
        let r = report.rows.iter().find(|r| r.row == row).unwrap();
        let want: Vec<&str> = if code.is_empty() { vec![] } else { vec![code] };
        assert_eq!(codes(r), want, "row {row}: {:?}", r.errors);
        assert_eq!(r.valid, code.is_empty(), "row {row}");
    }
    assert_eq!((report.valid, report.invalid), (1, 16));
    let msg = |row: u32| report.rows.iter().find(|r| r.row == row).unwrap().errors[0].message_zh.clone();
    assert_eq!(msg(3), "身份证号码校验位不正确，请核对", "idcard::validate's own message");
    assert!(msg(4).contains("B-11") && msg(7).contains("B-7") && msg(8).contains("B-19"));
    assert!(msg(5).contains("第 2 行") && msg(6).contains("第 2 行"), "the later row names the first");
    assert!(msg(9).contains("不存在.pdf") && msg(16).contains("PDF、JPEG 或 PNG"));
    assert!(msg(11).contains("门店") && msg(11).contains("200"));
    assert!(msg(17).contains("姓名"));
    assert!(report.rows.iter().all(|r| r.errors.iter().all(|e| !e.message_en.is_empty())));
    // no plain ID number leaves the core
    let json = serde_json::to_string(&report).unwrap();
    for seq in 1..=21 {
        assert!(!json.contains(&id_no(seq)), "plain ID {seq} in the report");
    }
    assert!(!json.contains("110105194912310021"));

    // B-19 holds for personal authorization only: enterprise mode may be sent at once
    let report = f.validate(&f.m1, &[cooldown_ent]).await;
    assert!(report.rows[0].valid, "{:?}", report.rows[0].errors);
}

async fn employee(f: &Fx, enterprise_id: i64, binding_id: i64) -> Actor {
    let b = store::bindings::get(f.svc().db().pool(), binding_id).await.unwrap().unwrap();
    let id = store::users::insert(
        f.svc().db().pool(),
        &store::users::NewUser {
            name: "员工",
            role: Role::Employee,
            enterprise_id: Some(enterprise_id),
            agency_id: None,
            staff_id: Some(b.staff_id),
            created_at: "2026-11-26T02:00:00Z".into(),
        },
    )
    .await
    .unwrap();
    f.svc().actor(id).await.unwrap()
}

#[tokio::test]
async fn b16_b3_the_cap_counts_the_valid_rows_of_the_sheet() {
    let f = fx().await;
    let admin = f.app.admin().await;
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    f.svc()
        .update_rule_setting(
            &admin,
            UpdateRuleSettingArgs {
                enterprise_id: Some(1),
                key: rules::STAFF_ACCOUNT_CAP.into(),
                value: el.staff_accounts_used + 1,
                reason: "销售经理告知".into(),
            },
        )
        .await
        .unwrap();
    let mut bad = f.good("880300001", "甲", 1).await;
    bad[4] = "x".into();
    let lines = vec![bad, f.good("880300002", "乙", 2).await, f.good("880300003", "丙", 3).await];
    let report = f.validate(&f.m1, &lines).await;
    assert_eq!(codes(&report.rows[0]), vec!["invalid_job_title"]);
    assert!(report.rows[1].valid, "the one free place goes to the first valid row");
    assert_eq!(codes(&report.rows[2]), vec!["staff_account_cap_reached"]);
}

#[tokio::test]
async fn b16_b15_an_invitation_ban_stops_every_row() {
    let f = fx().await;
    kos_core::on!(f.svc().db().pool(), |db| sqlx::query(
        "UPDATE enterprises SET invite_ban_until = '2026-12-20T00:00:00Z' WHERE id = 1"
    )
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let lines = vec![f.good("880400001", "甲", 1).await, f.good("880400002", "乙", 2).await];
    let report = f.validate(&f.m1, &lines).await;
    assert_eq!(report.valid, 0);
    for r in &report.rows {
        assert_eq!(codes(r), vec!["invite_banned"]);
        assert!(r.errors[0].message_zh.contains("B-15") || r.errors[0].message_zh.contains("不合规"));
    }
}

#[tokio::test]
async fn b16_store_manager_only_for_own_stores_and_roles_as_for_single_invitations() {
    let f = fx().await;
    let manager = f.app.user(Role::StoreManager).await;
    let stores = f.svc().list_stores(&manager, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let own = stores[0].name.clone();
    let all = f.svc().list_stores(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let foreign = all.iter().find(|s| !stores.iter().any(|o| o.id == s.id)).unwrap().name.clone();
    let mut mine = f.good("880500001", "甲", 1).await;
    mine[3] = own;
    let mut theirs = f.good("880500002", "乙", 2).await;
    theirs[3] = foreign;
    let report = f.validate(&manager, &[mine, theirs]).await;
    assert!(report.rows[0].valid, "{:?}", report.rows[0].errors);
    assert_eq!(codes(&report.rows[1]), vec!["unknown_store"]);
    assert!(report.rows[1].errors[0].message_zh.contains("您管理的门店"));

    for role in [Role::Leader, Role::Employee, Role::PlatformReviewer, Role::Admin] {
        let a = f.app.user(role).await;
        let path = f.path("filled.xlsx");
        let err = f
            .svc()
            .bulk_validate(&a, BulkValidateArgs { enterprise_id: 1, file: f.open(&path), proofs_folder: f.folder() })
            .await
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{role:?}");
    }
    // another brand's marketing does not reach brand 1 (reported as not found)
    let err = f
        .svc()
        .bulk_validate(
            &f.m2,
            BulkValidateArgs { enterprise_id: 1, file: f.open(&f.path("filled.xlsx")), proofs_folder: f.folder() },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

// ---------------------------------------------------------------------------------------------- bad files

#[tokio::test]
async fn b16_broken_and_non_xlsx_files_are_refused_clearly_and_change_nothing() {
    let f = fx().await;
    let history = f.count("history").await;
    let bindings = f.count("bindings").await;
    let csv = f.path("staff.xlsx");
    std::fs::write(&csv, "小红书号,姓名\n880000001,张三\n").unwrap();
    let err = f.validate_file(&f.m1, &csv).await.unwrap_err();
    assert!(err.to_api().message.contains("这不是 Excel 表格（.xlsx）文件"), "{}", err.to_api().message);
    let xls = f.path("old.xls");
    std::fs::write(&xls, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap();
    assert!(f.validate_file(&f.m1, &xls).await.unwrap_err().to_api().message.contains(".xls"));
    // a real workbook cut in half
    let good = f.path("good.xlsx");
    write_sheet(&good, &[f.good("880600001", "甲", 1).await]);
    let bytes = std::fs::read(&good).unwrap();
    let cut = f.path("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = f.validate_file(&f.m1, &cut).await.unwrap_err();
    assert!(err.to_api().message.contains("表格文件已损坏或无法读取"), "{}", err.to_api().message);
    // wrong header
    let other = f.path("other.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "手机号").unwrap();
    wb.save(&other).unwrap();
    let err = f.validate_file(&f.m1, &other).await.unwrap_err();
    assert!(err.to_api().message.contains("表头缺少列"), "{}", err.to_api().message);
    // over 5 MB
    let big = f.path("big.xlsx");
    let mut data = b"PK\x03\x04".to_vec();
    data.resize(5 * 1024 * 1024 + 1, 0);
    std::fs::write(&big, data).unwrap();
    assert!(f.validate_file(&f.m1, &big).await.unwrap_err().to_api().message.contains("超过 5 MB"));
    // a missing proofs folder: not granted at all, and one removed after it was chosen
    let err = f.svc().grant_folder(&f.path("nowhere")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::File);
    assert!(err.to_api().message.contains("文件夹"), "{}", err.to_api().message);
    let gone = f.path("gone");
    std::fs::create_dir(&gone).unwrap();
    let proofs_folder = f.svc().grant_folder(&gone).unwrap().token;
    std::fs::remove_dir(&gone).unwrap();
    let err = f
        .svc()
        .bulk_validate(&f.m1, BulkValidateArgs { enterprise_id: 1, file: f.open(&good), proofs_folder })
        .await
        .unwrap_err();
    assert!(err.to_api().message.contains("证明文件夹"));
    assert_eq!((f.count("history").await, f.count("bindings").await), (history, bindings));
}

#[tokio::test]
async fn b16_over_2000_rows_is_refused_and_2000_rows_validate() {
    let f = fx().await;
    f.proof_file("p.png");
    let line = |i: u32| -> Line {
        [
            format!("8807{i:05}"),
            "批量".into(),
            idcard::compose(
                310104,
                NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Duration::days(i64::from(i / 1000)),
                i % 1000,
            ),
            f.store1.clone(),
            "导购".into(),
            ENT.into(),
            "p.png".into(),
        ]
    };
    let lines: Vec<Line> = (0..2001).map(line).collect();
    let path = f.path("big.xlsx");
    write_sheet(&path, &lines);
    let err = f.validate_file(&f.m1, &path).await.unwrap_err();
    assert!(err.to_api().message.contains("超过 2000 行"), "{}", err.to_api().message);

    for i in 0..2000 {
        f.account(&format!("8807{i:05}"), false).await;
    }
    // room for every row, so each goes through every check
    let admin = f.app.admin().await;
    f.svc()
        .update_rule_setting(
            &admin,
            UpdateRuleSettingArgs {
                enterprise_id: Some(1),
                key: rules::STAFF_ACCOUNT_CAP.into(),
                value: 5000,
                reason: "批量测试".into(),
            },
        )
        .await
        .unwrap();
    write_sheet(&path, &lines[..2000]);
    let started = std::time::Instant::now();
    let report = f.validate_file(&f.m1, &path).await.unwrap();
    eprintln!("B-16: validated 2,000 rows in {:?}", started.elapsed());
    assert_eq!(report.rows.len(), 2000);
    let bad: Vec<_> = report.rows.iter().filter(|r| !r.valid).take(3).collect();
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(report.valid, 2000);
}

// ---------------------------------------------------------------------------------------------- send

#[tokio::test]
async fn b16_send_invites_only_valid_rows_with_history_and_keeps_no_plain_id() {
    let f = fx().await;
    let mut bad = f.good("880800003", "丙", 3).await;
    bad[2] = "12345".into();
    let lines = vec![f.good("880800001", "甲", 1).await, bad, f.good("880800002", "乙", 2).await];
    let report = f.validate(&f.m1, &lines).await;
    assert_eq!((report.valid, report.invalid), (2, 1));
    let out = send(&f, &report).await;
    assert_eq!((out.sent, out.failed.len(), out.skipped_invalid), (2, 0, 1));

    let invited = f.invited_xhs_ids(&f.m1).await;
    assert!(invited.contains(&"880800001".into()) && invited.contains(&"880800002".into()));
    assert!(!invited.contains(&"880800003".into()));
    let account = store::accounts::get_by_xhs_id(f.svc().db().pool(), "880800001").await.unwrap().unwrap();
    let history =
        f.svc().account_history(&f.m1, AccountHistoryArgs { enterprise_id: 1, account_id: account.id }).await.unwrap();
    assert!(history.iter().any(|h| h.action == "invite" && h.summary_zh.contains("甲")));

    // sent once only
    let err = f
        .svc()
        .bulk_send(&f.m1, BulkSendArgs { enterprise_id: 1, batch_id: report.batch_id.clone(), signed: true })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::BulkBatchSent);

    // no plain ID number anywhere in the database files (ID numbers are HMAC + mask only)
    let bytes = common::stored_bytes(&f.app).await;
    for seq in [1, 2, 3] {
        let id = id_no(seq);
        assert!(!bytes.windows(id.len()).any(|w| w == id.as_bytes()), "plain ID {seq} at rest");
    }
}

#[tokio::test]
async fn b16_send_needs_the_signature_and_reports_rows_that_became_invalid() {
    let f = fx().await;
    let lines = vec![f.good("880900001", "甲", 1).await, f.good("880900002", "乙", 2).await];
    let report = f.validate(&f.m1, &lines).await;
    assert_eq!(report.valid, 2);
    let err = f
        .svc()
        .bulk_send(&f.m1, BulkSendArgs { enterprise_id: 1, batch_id: report.batch_id.clone(), signed: false })
        .await
        .unwrap_err();
    assert!(err.to_api().message.contains("B-12"));
    // meanwhile the other brand invites the first account (B-7)
    f.single_invite(&f.m2, BindingMode::Enterprise, "880900001", "甲", &id_no(91)).await;
    let out = send(&f, &report).await;
    assert_eq!(out.sent, 1);
    assert_eq!(out.failed.len(), 1);
    assert_eq!(out.failed[0].xhs_id, "880900001");
    assert_eq!(codes(&out.failed[0]), vec!["account_bound_elsewhere"]);
    assert_eq!(f.invited_xhs_ids(&f.m1).await, vec!["880900002".to_string()]);
}

#[tokio::test]
async fn b16_a_batch_lives_30_minutes_for_its_own_user() {
    let f = fx().await;
    let report = f.validate(&f.m1, &[f.good("881000001", "甲", 1).await]).await;
    let other = f.svc().actor(f.m1.user_id).await.unwrap();
    let agency = f.app.user(Role::Agency).await;
    if agency.agency_brands.contains(&1) {
        let err = f
            .svc()
            .bulk_send(&agency, BulkSendArgs { enterprise_id: 1, batch_id: report.batch_id.clone(), signed: true })
            .await
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::BulkBatchExpired, "another user's batch is not theirs");
    }
    f.app.svc.clock().advance(Duration::minutes(31));
    let err = f
        .svc()
        .bulk_send(&other, BulkSendArgs { enterprise_id: 1, batch_id: report.batch_id.clone(), signed: true })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::BulkBatchExpired);
    assert!(f.invited_xhs_ids(&f.m1).await.is_empty());
}

// ---------------------------------------------------------------------------------------------- report

#[tokio::test]
async fn b16_report_export_masks_ids_and_escapes_formulas() {
    let f = fx().await;
    let mut formula = f.good("881100002", "=1+2", 2).await;
    formula[4] = "=HYPERLINK(\"http://x\",\"点我\")".into();
    let lines = vec![f.good("881100001", "甲", 1).await, formula];
    let report = f.validate(&f.m1, &lines).await;
    let out = f
        .svc()
        .bulk_export_report(&f.m1, BulkExportArgs { batch_id: report.batch_id.clone(), file: f.save("报告.xlsx") })
        .await
        .unwrap();
    assert_eq!(out.rows, 2);
    let rows = read_xlsx(Path::new(&out.path), "校验报告");
    assert_eq!(
        rows[0],
        ["行号", "小红书号", "姓名", "身份证号码", "门店", "岗位", "绑定方式", "证明文件", "结果", "原因"]
    );
    assert_eq!(rows[1][3], idcard::mask(&id_no(1)));
    assert_eq!(rows[1][8], "有效");
    assert_eq!(rows[2][2], "'=1+2");
    assert!(rows[2][5].starts_with("'=HYPERLINK"));
    assert_eq!(rows[2][8], "无效");
    assert!(rows[2][9].contains("B-11"), "{}", rows[2][9]);
    let all = rows.concat().join("|");
    assert!(!all.contains(&id_no(1)) && !all.contains(&id_no(2)));

    // after sending, the report says which were sent
    send(&f, &report).await;
    let out = f
        .svc()
        .bulk_export_report(
            &f.m1,
            BulkExportArgs {
                batch_id: report.batch_id.clone(),
                file: f.svc().grant_save(Path::new(&out.path)).unwrap().token,
            },
        )
        .await
        .unwrap();
    let rows = read_xlsx(Path::new(&out.path), "校验报告");
    assert_eq!(rows[1][8], "已发送");
}
