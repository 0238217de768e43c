//! Writes the set-up sheets kept under tests/e2e/fixtures/setup/ (U-2), deterministically:
//!
//! - `花名册.xlsx`: 80 staff across the 12 stores the brand's stores sheet names (the lead's acceptance run);
//! - `小红书账号.xlsx`: 20 accounts, owners by 工号 (18 meet B-2, two do not: one shop, one without a phone);
//! - `批量绑定.xlsx`: the 批量绑定 sheet binding five of those accounts to their owners (ID numbers from
//!   `idcard::compose(310101, 1992-05-0N, 20 + N)`, proofs `proof-N.png` made by the acceptance run);
//! - `花名册-演示.xlsx` and `花名册-演示-变更.xlsx`: a roster of the demo brand's own stores, and the same
//!   sheet a month later (a move, a new 岗位, a new phone, a leaver with a live binding, a new hire), for
//!   tests/e2e/setup-roster.test.mjs on a database with the demo loaded.
//!
//! Run from the repository root: `cargo run -p kos-core --example setup_fixtures`.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use kos_core::model::Role;
use kos_core::service::EnterpriseArgs;
use kos_core::vault::KeyPlace;
use kos_core::{Clock, Service};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

const STORES: [&str; 12] = [
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
const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高",
];
const GIVEN: [&str; 16] =
    ["静", "敏", "丽", "婷", "雪", "芳", "磊", "洋", "晨", "悦", "欣怡", "梓涵", "思远", "雨桐", "佳琪", "子轩"];
const POSITIONS: [&str; 5] = ["美容师", "美容顾问", "前台", "店长", "培训师"];
const HEAD: [&str; 7] = ["姓名", "工号", "门店", "岗位", "手机号", "入职日期", "在职状态"];

#[derive(Clone)]
struct Person {
    name: String,
    no: String,
    store: String,
    position: String,
    phone: String,
    /// year, month, day
    hired: (u16, u8, u8),
    left: bool,
}

fn people(stores: &[String], n: usize, prefix: &str) -> Vec<Person> {
    (0..n)
        .map(|i| Person {
            name: format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[(i * 7 + i / SURNAMES.len()) % GIVEN.len()]),
            no: format!("{prefix}{:03}", i + 1),
            store: stores[i % stores.len()].clone(),
            position: if i < stores.len() { "店长".into() } else { POSITIONS[i % POSITIONS.len()].into() },
            phone: format!("13{}{:08}", 5 + i % 5, 31_000_000 + i * 7_919),
            hired: (2019 + (i % 7) as u16, 1 + (i % 12) as u8, 1 + (i * 3 % 28) as u8),
            left: false,
        })
        .collect()
}

fn fixed_props() -> DocProperties {
    let at = ExcelDateTime::from_ymd(2026, 11, 1).expect("date");
    DocProperties::new().set_author("KOS 工作台").set_creation_datetime(&at)
}

/// One sheet named 花名册: the header bold, dates as Excel date cells (as HR systems export them), every
/// fifth person's date as text, 工号 and phone as text.
fn write_roster(path: &Path, list: &[Person]) {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_props());
    let ws = wb.add_worksheet().set_name("花名册").expect("sheet name");
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in HEAD.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold).expect("header");
    }
    for (i, p) in list.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &p.name).expect("cell");
        ws.write_string(r, 1, &p.no).expect("cell");
        ws.write_string(r, 2, &p.store).expect("cell");
        ws.write_string(r, 3, &p.position).expect("cell");
        ws.write_string(r, 4, &p.phone).expect("cell");
        let (y, m, d) = p.hired;
        if i % 5 == 4 {
            ws.write_string(r, 5, format!("{y}/{m}/{d}")).expect("cell");
        } else {
            ws.write_datetime_with_format(r, 5, ExcelDateTime::from_ymd(y, m, d).expect("date"), &date).expect("cell");
        }
        ws.write_string(r, 6, if p.left { "离职" } else { "在职" }).expect("cell");
    }
    for (c, w) in [10.0, 10.0, 16.0, 12.0, 14.0, 12.0, 10.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).expect("width");
    }
    wb.save(path).expect("save roster");
}

fn write_accounts(path: &Path, owners: &[Person]) {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_props());
    let ws = wb.add_worksheet().set_name("小红书账号").expect("sheet name");
    let bold = Format::new().set_bold();
    for (c, h) in ["小红书号", "昵称", "粉丝数", "已绑定手机号", "已开店", "员工工号"].iter().enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold).expect("header");
    }
    let tags = ["的美丽日记", "护肤小课堂", "变美实录", "的店里日常", "美容师手记"];
    for i in 0..20usize {
        let r = i as u32 + 1;
        let owner = &owners[i * 4 % owners.len()];
        ws.write_string(r, 0, format!("{}", 9_510_000_000u64 + (i as u64) * 104_729)).expect("cell");
        ws.write_string(r, 1, format!("{}{}", owner.name, tags[i % tags.len()])).expect("cell");
        ws.write_number(r, 2, (180 + i * 97 % 2_400) as f64).expect("cell");
        ws.write_string(r, 3, if i == 17 { "否" } else { "是" }).expect("cell");
        ws.write_string(r, 4, if i == 18 { "是" } else { "否" }).expect("cell");
        ws.write_string(r, 5, &owner.no).expect("cell");
    }
    for (c, w) in [16.0, 22.0, 10.0, 14.0, 10.0, 10.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).expect("width");
    }
    wb.save(path).expect("save accounts");
}

/// The 批量绑定 sheet (bulk_sheet's HEADERS) for accounts 1–5 of `小红书账号.xlsx` and their owners: three
/// enterprise staff accounts, two personal authorizations.
fn write_bulk(path: &Path, owners: &[Person]) {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_props());
    let ws = wb.add_worksheet().set_name("批量绑定").expect("sheet name");
    let bold = Format::new().set_bold();
    for (c, h) in ["小红书号", "姓名", "身份证号码", "门店", "岗位", "绑定方式", "证明文件"].iter().enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold).expect("header");
    }
    for i in 0..5usize {
        let r = i as u32 + 1;
        let owner = &owners[i * 4 % owners.len()];
        let birth = chrono::NaiveDate::from_ymd_opt(1992, 5, 1 + i as u32).expect("date");
        ws.write_string(r, 0, format!("{}", 9_510_000_000u64 + (i as u64) * 104_729)).expect("cell");
        ws.write_string(r, 1, &owner.name).expect("cell");
        ws.write_string(r, 2, kos_core::idcard::compose(310_101, birth, 21 + i as u32)).expect("cell");
        ws.write_string(r, 3, &owner.store).expect("cell");
        ws.write_string(r, 4, if owner.position == "店长" { "店长" } else { "导购" }).expect("cell");
        ws.write_string(r, 5, if i < 3 { "企业员工号" } else { "员工个人号授权" }).expect("cell");
        ws.write_string(r, 6, format!("proof-{}.png", i + 1)).expect("cell");
    }
    for (c, w) in [16.0, 10.0, 22.0, 16.0, 10.0, 16.0, 16.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).expect("width");
    }
    wb.save(path).expect("save bulk sheet");
}

/// The demo brand's store names, from a demo database built in a temp folder.
async fn demo_stores() -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("kos-setup-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).single().expect("time"));
    let keys = KeyPlace::File(std::env::temp_dir().join(format!("kos-setup-fixtures-{}.keys", std::process::id())));
    let svc = Service::open_with_keys(&dir.join("kos.db"), clock, Some(keys)).await.expect("open");
    let admin = svc.actor(1).await.expect("admin");
    svc.load_demo(&admin, Default::default()).await.expect("demo");
    let users = svc.list_users(&admin, Default::default()).await.expect("users");
    let m = users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(1)).expect("marketing");
    let m = svc.actor(m.id).await.expect("actor");
    let stores = svc.list_stores(&m, EnterpriseArgs { enterprise_id: 1 }).await.expect("stores");
    svc.db().close().await;
    let _ = std::fs::remove_dir_all(&dir);
    stores.into_iter().map(|s| s.name).collect()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let out: PathBuf = ["tests", "e2e", "fixtures", "setup"].iter().collect();
    std::fs::create_dir_all(&out).expect("fixtures folder");
    let stores: Vec<String> = STORES.iter().map(|s| s.to_string()).collect();
    let staff = people(&stores, 80, "E");
    write_roster(&out.join("花名册.xlsx"), &staff);
    write_accounts(&out.join("小红书账号.xlsx"), &staff);
    write_bulk(&out.join("批量绑定.xlsx"), &staff);

    let demo = demo_stores().await;
    let first = people(&demo[..demo.len().min(4)], 12, "D");
    write_roster(&out.join("花名册-演示.xlsx"), &first);
    let mut later = first.clone();
    later[0].store = demo[1].clone(); // moved
    later[1].position = "培训师".into(); // new 岗位
    later[2].phone = "13900001111".into(); // new phone
    later[3].left = true; // leaves
    later.push(Person {
        name: "新同事".into(),
        no: "D100".into(),
        store: demo[0].clone(),
        position: "美容师".into(),
        phone: "13800002222".into(),
        hired: (2026, 11, 16),
        left: false,
    });
    write_roster(&out.join("花名册-演示-变更.xlsx"), &later);
    println!("wrote {} (stores of the demo brand used: {})", out.display(), demo[..4.min(demo.len())].join("、"));
}
