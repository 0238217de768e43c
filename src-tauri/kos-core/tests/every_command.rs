//! Issue 11 item 4: every command checks its actor. The command list comes from `kos_commands!` itself; the
//! table below holds, per command, sample arguments on the demo's first brand and who may run it. Each
//! command is called through `api::dispatch` as a user of every role: a role not allowed must be refused
//! (`Forbidden`, or `NotFound` where hiding existence is the rule), an allowed role must not be. A command
//! missing from the table fails the test, so a new command cannot ship without saying who may run it.
//! Commands that take files are also called with a raw path instead of a token, which must be refused:
//! files reach commands only as grants.

mod common;

use std::path::PathBuf;

use common::TestApp;
use kos_core::api;
use kos_core::authz::Permission;
use kos_core::model::Role;
use kos_core::{Actor, ErrorCode, Service};
use serde_json::{json, Value};

macro_rules! command_names {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty; )*) => {
        /// Every command's name and argument type, as `kos_commands!` lists them.
        const COMMANDS: &[(&str, &str)] = &[$((stringify!($name), stringify!($args))),*];
    };
}
kos_core::kos_commands!(command_names);

/// How a role that may not run a command is refused.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Deny {
    Forbidden,
    /// the thing is hidden from roles that cannot reach it (B-21 style): reported as not found
    NotFound,
}

/// The demo records the sample arguments name.
struct Ids {
    e: i64,
    store: i64,
    staff: i64,
    employee_staff: i64,
    account: i64,
    active_binding: i64,
    invited_binding: i64,
    frozen_binding: Option<i64>,
    campaign: i64,
    note_row: i64,
    review: i64,
    import: i64,
    job: i64,
}

struct Ctx {
    svc: Service,
    dir: PathBuf,
    ids: Ids,
    /// a PNG on disk, for proofs
    png: PathBuf,
    /// a CSV note export on disk
    csv: PathBuf,
    /// a spreadsheet for the bulk check (its content does not matter here)
    xlsx: PathBuf,
    n: std::cell::Cell<u32>,
}

impl Ctx {
    fn open(&self, path: &std::path::Path) -> String {
        self.svc.grant_open(path).unwrap().token
    }

    fn save(&self, ext: &str) -> String {
        self.n.set(self.n.get() + 1);
        self.svc.grant_save(&self.dir.join(format!("out-{}.{ext}", self.n.get()))).unwrap().token
    }

    fn folder(&self) -> String {
        self.svc.grant_folder(&self.dir).unwrap().token
    }
}

struct Case {
    allowed: Vec<Role>,
    deny: Deny,
    /// fields that carry a file token
    files: &'static [&'static str],
    args: fn(&Ctx) -> Value,
}

/// The roles holding a permission (as authz grants it).
fn holders(p: Permission) -> Vec<Role> {
    Role::ALL.into_iter().filter(|r| actor_of(*r).require(p).is_ok()).collect()
}

fn actor_of(role: Role) -> Actor {
    Actor {
        user_id: 0,
        name: String::new(),
        role,
        enterprise_id: None,
        agency_id: None,
        staff_id: None,
        store_ids: Vec::new(),
        agency_brands: Vec::new(),
    }
}

fn all() -> Vec<Role> {
    Role::ALL.to_vec()
}

fn case(allowed: Vec<Role>, args: fn(&Ctx) -> Value) -> Case {
    Case { allowed, deny: Deny::Forbidden, files: &[], args }
}

fn with_files(allowed: Vec<Role>, files: &'static [&'static str], args: fn(&Ctx) -> Value) -> Case {
    Case { allowed, deny: Deny::Forbidden, files, args }
}

fn hidden(mut c: Case) -> Case {
    c.deny = Deny::NotFound;
    c
}

/// Who may run each command, with sample arguments. Add a row for every new command.
fn table(name: &str) -> Option<Case> {
    use Permission::*;
    let e = |c: &Ctx| json!({ "enterprise_id": c.ids.e });
    Some(match name {
        // every role: the window needs them to start; what they return is scoped (see tests/actor_checks.rs)
        "app_info" | "session_get" | "list_users" | "list_enterprises" => case(all(), |_| json!({})),
        "session_switch" => case(all(), |c| json!({ "user_id": c.ids_admin() })),
        "load_demo" => case(holders(LoadDemo), |_| json!({})),
        "enterprise_overview" => case(holders(ViewOverview), e),
        "list_stores" => case(holders(ViewStaff), e),
        "list_staff" => case(
            holders(ViewStaff),
            |c| json!({ "enterprise_id": c.ids.e, "store_id": null, "keyword": null, "page_size": 5, "cursor": null }),
        ),
        "get_rule_settings" => case(holders(ViewEnterprise), e),
        // issue 15 item 3: every role reads the window's update switch; the administrator changes it
        "update_settings" => case(all(), |_| json!({})),
        "set_update_check" => {
            case(holders(ManageUpdates), |_| json!({ "check_on_start": false, "reason": "内网环境" }))
        }
        "update_rule_setting" => case(
            holders(EditRuleSettings),
            |c| json!({ "enterprise_id": c.ids.e, "key": "invite_expiry_hours", "value": 24, "reason": "检查权限" }),
        ),
        "list_history" => case(
            holders(ViewHistory),
            |c| json!({ "enterprise_id": c.ids.e, "entity_type": null, "page_size": 5, "cursor": null }),
        ),
        "verify_history" => case(holders(ViewHistory), |_| json!({})),
        // the allowed role gets as far as reading the file: a CSV is no backup, so nothing is replaced
        "backup_now" => with_files(
            holders(ManageBackup),
            &["file"],
            |c| json!({ "file": c.save("kosbackup"), "passphrase": "权限检查的口令" }),
        ),
        "inspect_backup" => with_files(holders(ManageBackup), &["file"], |c| json!({ "file": c.open(&c.csv) })),
        "restore_backup" => with_files(
            holders(ManageBackup),
            &["file"],
            |c| json!({ "file": c.open(&c.csv), "passphrase": "权限检查的口令" }),
        ),
        "eligibility" => case(holders(ViewBindings), e),
        "lookup_account" => {
            case(holders(ManageBindings), |c| json!({ "enterprise_id": c.ids.e, "xhs_id": "880000001" }))
        }
        "upload_proof" => with_files(
            holders(ManageBindings),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.png) }),
        ),
        "invite" => case(holders(ManageBindings), |c| {
            json!({
                "enterprise_id": c.ids.e, "mode": "enterprise", "xhs_id": "889999001", "store_id": c.ids.store,
                "staff_name": "权限检查", "id_number": "11010519491231002X", "proof_id": "0".repeat(64),
                "job_title": "导购", "signed": true,
            })
        }),
        "sweep_due" => case(holders(RunSweep), |_| json!({})),
        "my_invitations" => case(holders(RespondInvitation), |_| json!({})),
        "accept_invitation" => case(
            holders(RespondInvitation),
            |c| json!({ "binding_id": c.ids.invited_binding, "name": "不对", "id_number": "11010519491231002X" }),
        ),
        "decline_invitation" => case(holders(RespondInvitation), |c| json!({ "binding_id": c.ids.invited_binding })),
        "unbind" | "freeze" => {
            case(holders(ManageBindings), |c| json!({ "binding_id": c.ids.active_binding, "reason": "权限检查" }))
        }
        "unfreeze" => case(
            holders(ManageBindings),
            |c| json!({ "binding_id": c.ids.frozen_binding.unwrap_or(c.ids.active_binding), "reason": "权限检查" }),
        ),
        "hand_over" => case(
            holders(ManageBindings),
            |c| json!({ "binding_id": c.ids.active_binding, "to_staff_id": c.ids.staff, "job_title": null, "reason": "权限检查" }),
        ),
        "pending_proofs" => case(holders(ReviewProof), |_| json!({})),
        "review_proof" => case(
            holders(ReviewProof),
            |c| json!({ "binding_id": c.ids.active_binding, "compliant": true, "reason": "" }),
        ),
        "list_bindings" => case(holders(ViewBindings), |c| {
            json!({
                "enterprise_id": c.ids.e, "tab": "active", "store_id": null, "mode": null, "job_title": null,
                "keyword": null, "page_size": 5, "cursor": null,
            })
        }),
        "binding_counts" => case(holders(ViewBindings), e),
        "account_history" => {
            case(holders(ViewBindings), |c| json!({ "enterprise_id": c.ids.e, "account_id": c.ids.account }))
        }
        "export_account_history" => with_files(
            holders(ViewBindings),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "account_id": c.ids.account, "file": c.save("csv") }),
        ),
        "bulk_template" => with_files(
            holders(ManageBindings),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.save("xlsx") }),
        ),
        "bulk_validate" => with_files(
            holders(ManageBindings),
            &["file", "proofs_folder"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.xlsx), "proofs_folder": c.folder() }),
        ),
        "bulk_send" => case(
            holders(ManageBindings),
            |c| json!({ "enterprise_id": c.ids.e, "batch_id": "0".repeat(32), "signed": true }),
        ),
        "bulk_export_report" => with_files(
            holders(ManageBindings),
            &["file"],
            |c| json!({ "batch_id": "0".repeat(32), "file": c.save("xlsx") }),
        ),
        "binding_calendar" => case(
            holders(ViewBindings),
            |c| json!({ "enterprise_id": c.ids.e, "from": "2026-11-01", "to": "2026-12-31" }),
        ),
        "create_campaign" => case(holders(ManageCampaigns), |c| {
            json!({
                "enterprise_id": c.ids.e, "name": "权限检查", "start_date": "2026-11-01", "end_date": "2026-11-30",
                "scope": null, "rules": null,
            })
        }),
        "update_campaign" => case(holders(ManageCampaigns), |c| {
            json!({
                "campaign_id": c.ids.campaign, "name": "权限检查 2", "start_date": null, "end_date": null,
                "scope": null, "rules": null, "reason": "权限检查",
            })
        }),
        "list_campaigns" => case(holders(ViewCampaigns), e),
        "campaign_board" | "campaign_results" => {
            case(holders(ViewCampaigns), |c| json!({ "campaign_id": c.ids.campaign }))
        }
        "campaign_leader_view" => case(holders(ViewCampaigns), |c| json!({ "campaign_id": c.ids.campaign })),
        "void_award" => case(
            holders(VoidAward),
            |c| json!({ "campaign_id": c.ids.campaign, "kind": "ranking", "key": c.ids.staff.to_string(), "reason": "权限检查" }),
        ),
        "confirm_awards" => case(holders(ManageCampaigns), |c| json!({ "campaign_id": c.ids.campaign })),
        "export_award_sheet" => with_files(
            holders(ExportAwardSheet),
            &["file"],
            |c| json!({ "campaign_id": c.ids.campaign, "file": c.save("xlsx") }),
        ),
        "dashboard_enterprise" => case(
            holders(ViewOverview),
            |c| json!({ "enterprise_id": c.ids.e, "from": "2026-11-01", "to": "2026-11-26" }),
        ),
        // employees see their own; every role with the overview sees any staff member of the brand
        "dashboard_employee" => case(all(), |c| json!({ "enterprise_id": c.ids.e, "staff_id": c.ids.employee_staff })),
        "account_health" => {
            case(holders(ViewOverview), |c| json!({ "enterprise_id": c.ids.e, "sort": "followers", "desc": true }))
        }
        "export_dashboard_data" => with_files(holders(ViewOverview), &["file"], |c| {
            json!({
                "enterprise_id": c.ids.e, "from": "2026-11-01", "to": "2026-11-26", "chart": "notes_per_week",
                "file": c.save("xlsx"),
            })
        }),
        "save_chart_image" => with_files(holders(ViewOverview), &["file"], |c| {
            json!({
                "enterprise_id": c.ids.e, "file": c.save("png"),
                "png_base64": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
            })
        }),
        "preview_note_file" => {
            with_files(holders(ManageNotes), &["file"], |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.csv) }))
        }
        "start_note_import" => with_files(
            holders(ManageNotes),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.csv), "mapping": null, "data_date": null }),
        ),
        // a job of a brand the actor cannot see is not found
        "job_status" => hidden(case(holders(ViewNotes), |c| json!({ "job_id": c.ids.job }))),
        // roles that see the brand's notes but may not manage them are told Forbidden, the rest not found
        "cancel_job" => hidden(case(holders(ManageNotes), |c| json!({ "job_id": c.ids.job }))),
        "list_note_imports" => case(holders(ViewNotes), e),
        "note_import_report" => case(holders(ViewNotes), |c| json!({ "import_id": c.ids.import })),
        "list_notes" => case(holders(ViewNotes), |c| json!(list_notes(c))),
        "note_tab_counts" | "review_quota" | "list_juguang" => case(holders(ViewNotes), e),
        "request_review" => {
            case(holders(ManageNotes), |c| json!({ "enterprise_id": c.ids.e, "note_ids": [c.ids.note_row] }))
        }
        "review_queue" => case(holders(ReviewNotes), |_| json!({ "page_size": 5, "cursor": null })),
        "decide_review" => case(
            holders(ReviewNotes),
            |c| json!({ "review_id": c.ids.review, "approve": true, "checklist": ["community", "brand_related", "recent"], "reason": "权限检查" }),
        ),
        "boost_note" => case(
            holders(ManageNotes),
            |c| json!({ "note_row_id": c.ids.note_row, "budget_yuan": 100, "days": 3, "goal": "产品种草" }),
        ),
        "send_to_juguang" => case(holders(ManageNotes), |c| json!({ "note_row_id": c.ids.note_row })),
        "export_juguang" => with_files(
            holders(ViewNotes),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "format": "csv", "file": c.save("csv") }),
        ),
        "note_detail" => case(holders(ViewNotes), |c| json!({ "note_row_id": c.ids.note_row })),
        "data_center" => case(
            holders(ViewNotes),
            |c| json!({ "enterprise_id": c.ids.e, "sort": "published", "desc": true, "page_size": 5, "page": 1 }),
        ),
        "export_data_center" => with_files(
            holders(ViewNotes),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "format": "csv", "file": c.save("csv"), "sort": "published", "desc": true }),
        ),
        "start_note_export" => with_files(
            holders(ViewNotes),
            &["file"],
            |c| json!({ "list": list_notes(c), "format": "csv", "file": c.save("csv") }),
        ),
        // issue 12 set-up (U-1, U-2, U-3, B-21)
        "create_brand" => case(holders(ManageBrand), |_| {
            json!({ "facts": { "name": "权限检查品牌", "industry": "家政", "city": "上海", "store_count": 12,
                               "professional_account": true, "staff_mgmt_permission": true,
                               "last_serious_violation_on": null } })
        }),
        // an empty name: the permission is checked before the facts, so the allowed role sees InvalidInput
        "update_brand" => case(holders(ManageBrand), |c| {
            json!({ "enterprise_id": c.ids.e, "reason": "权限检查",
                    "facts": { "name": "", "industry": "家政", "city": "上海", "store_count": 12,
                               "professional_account": true, "staff_mgmt_permission": true,
                               "last_serious_violation_on": null } })
        }),
        "report_agency" => {
            case(holders(ManageBrand), |c| json!({ "enterprise_id": c.ids.e, "agency_name": "权限检查代理" }))
        }
        "unreport_agency" => case(
            holders(ManageBrand),
            |c| json!({ "enterprise_id": c.ids.e, "agency_name": "无此代理", "reason": "权限检查" }),
        ),
        "create_store" => case(holders(ManageStores), |c| {
            json!({ "enterprise_id": c.ids.e, "name": "权限检查门店", "city": "上海", "district": "静安区",
                    "address": "南京西路 1 号", "manager_phone": null, "opened_on": null })
        }),
        // empty fields / reason: refused as invalid after the permission check, nothing changes
        "update_store" => case(holders(ManageStores), |c| {
            json!({ "store_id": c.ids.store, "name": "", "city": "", "district": "", "address": "",
                    "manager_phone": null, "reason": null })
        }),
        "close_store" => case(holders(ManageStores), |c| json!({ "store_id": c.ids.store, "reason": "" })),
        "preview_store_sheet" => with_files(
            holders(ManageStores),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.csv) }),
        ),
        "import_store_sheet" => with_files(
            holders(ManageStores),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.csv), "fingerprint": "0" }),
        ),
        "list_user_accounts" | "list_agencies" => case(holders(ManageUsers), |_| json!({})),
        "create_user" => case(holders(ManageUsers), |c| {
            json!({ "name": "权限检查用户", "role": "leader", "enterprise_id": c.ids.e, "agency_id": null,
                    "store_ids": [], "staff_id": null, "phone": null })
        }),
        "update_user" => case(holders(ManageUsers), |_| {
            json!({ "user_id": 1, "name": "本机管理员", "role": "admin", "enterprise_id": null, "agency_id": null,
                    "store_ids": [], "staff_id": null, "phone": null, "reason": "" })
        }),
        // the local administrator cannot be deactivated: refused by rule, not by permission
        "set_user_active" => {
            case(holders(ManageUsers), |_| json!({ "user_id": 1, "active": false, "reason": "权限检查" }))
        }
        // U-2, B-2, B-17, B-18, S-2 (helper Q): the roster, 离职 and 小红书账号
        "roster_preview" => with_files(
            holders(ManageRoster),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.csv), "complete": false }),
        ),
        "roster_apply" => with_files(
            holders(ManageRoster),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.csv), "complete": false, "plan": "0" }),
        ),
        // a staff member out of the actor's reach is not found
        "staff_departure" => hidden(case(holders(ViewStaff), |c| json!({ "staff_id": c.ids.staff }))),
        "mark_staff_left" => hidden(case(
            holders(ManageRoster),
            |c| json!({ "staff_id": c.ids.staff, "left_on": null, "reason": "权限检查" }),
        )),
        "list_accounts" => case(holders(ViewStaff), e),
        "register_account" => case(holders(ManageAccounts), |c| {
            json!({
                "enterprise_id": c.ids.e, "xhs_id": "perm_check_1", "nickname": "权限检查", "followers": 10,
                "phone_bound": true, "has_shop": false, "owner_staff_id": c.ids.staff,
            })
        }),
        "import_accounts" => with_files(
            holders(ManageAccounts),
            &["file"],
            |c| json!({ "enterprise_id": c.ids.e, "file": c.open(&c.csv) }),
        ),
        "account_snapshots" => {
            case(holders(ViewStaff), |c| json!({ "enterprise_id": c.ids.e, "account_id": c.ids.account }))
        }
        // U-4: passwords for the team server's sign-in (one's own: anyone; another's: the administrator)
        "change_password" => case(all(), |_| json!({ "current_password": "", "new_password": "a-new-pass-1" })),
        "reset_password" => case(holders(ManageUsers), |_| json!({ "user_id": 1, "new_password": "reset-pass-1" })),
        _ => return None,
    })
}

fn list_notes(c: &Ctx) -> Value {
    json!({
        "enterprise_id": c.ids.e, "list": "queue", "tab": null, "query": {}, "sort": "published", "desc": true,
        "page_size": 5, "cursor": null, "page": null,
    })
}

impl Ctx {
    fn ids_admin(&self) -> i64 {
        1
    }
}

async fn scalar(svc: &Service, sql: &str) -> Option<i64> {
    kos_core::on!(svc.db().pool(), |db| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_optional(db)
        .await)
    .unwrap()
}

async fn setup() -> (TestApp, Ctx, Vec<(Role, Actor)>) {
    let app = TestApp::with_demo().await;
    let svc = app.svc.clone();
    let mut actors = Vec::new();
    for role in Role::ALL {
        let a = app.user(role).await;
        if role != Role::Admin && role != Role::PlatformReviewer {
            // every role acts on the demo's first brand (the agency is reported by it)
            assert!(a.enterprise_id == Some(1) || a.agency_brands.contains(&1), "{role:?} reaches brand 1");
        }
        actors.push((role, a));
    }
    let employee = &actors.iter().find(|(r, _)| *r == Role::Employee).unwrap().1;
    let manager = &actors.iter().find(|(r, _)| *r == Role::StoreManager).unwrap().1;
    let marketing = actors.iter().find(|(r, _)| *r == Role::BrandMarketing).unwrap().1.clone();
    let dir = app.dir.path().to_path_buf();
    let png = dir.join("proof.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(b"a proof for the permission walk");
    std::fs::write(&png, bytes).unwrap();
    let csv = dir.join("notes.csv");
    std::fs::write(&csv, "笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,收藏,评论\n").unwrap();
    let xlsx = dir.join("bulk.xlsx");
    std::fs::write(&xlsx, b"not a workbook").unwrap();
    let store = manager.store_ids[0];
    let in_store = format!("SELECT b.id FROM bindings b JOIN staff s ON s.id = b.staff_id WHERE b.enterprise_id = 1 AND s.store_id = {store}");
    let campaign = svc
        .create_campaign(
            &marketing,
            serde_json::from_value(json!({
                "enterprise_id": 1, "name": "权限检查活动", "start_date": "2026-10-01", "end_date": "2026-10-31",
                "scope": null, "rules": null,
            }))
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let job = svc
        .start_note_export(
            &marketing,
            serde_json::from_value(json!({
                "list": { "enterprise_id": 1, "list": "queue", "tab": null, "query": {}, "sort": "published", "desc": true,
                          "page_size": 5, "cursor": null, "page": null },
                "format": "csv", "file": svc.grant_save(&dir.join("setup.csv")).unwrap().token,
            }))
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    svc.wait_job(&marketing, job, |_| {}).await.unwrap();
    // the export imports back: an import of the brand to report on
    let import = svc
        .start_note_import(
            &marketing,
            serde_json::from_value(json!({
                "enterprise_id": 1, "file": svc.grant_open(&dir.join("setup.csv")).unwrap().token,
                "mapping": null, "data_date": null,
            }))
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let import = svc.wait_job(&marketing, import, |_| {}).await.unwrap().import_id.unwrap();
    let ids = Ids {
        e: 1,
        store,
        staff: scalar(&svc, &format!("SELECT id FROM staff WHERE store_id = {store} AND left_on IS NULL"))
            .await
            .unwrap(),
        employee_staff: employee.staff_id.unwrap(),
        account: scalar(&svc, &format!("SELECT b.account_id FROM ({in_store}) x JOIN bindings b ON b.id = x.id"))
            .await
            .unwrap(),
        active_binding: scalar(&svc, &format!("{in_store} AND b.status = 'active'")).await.unwrap(),
        invited_binding: scalar(
            &svc,
            &format!("SELECT id FROM bindings WHERE staff_id = {} ORDER BY id DESC", employee.staff_id.unwrap()),
        )
        .await
        .unwrap_or(0),
        frozen_binding: scalar(&svc, &format!("{in_store} AND b.status = 'frozen'")).await,
        campaign,
        note_row: scalar(&svc, "SELECT id FROM notes WHERE enterprise_id = 1 ORDER BY id").await.unwrap(),
        review: scalar(&svc, "SELECT id FROM note_reviews WHERE enterprise_id = 1 ORDER BY id").await.unwrap_or(0),
        import,
        job,
    };
    let ctx = Ctx { svc, dir, ids, png, csv, xlsx, n: std::cell::Cell::new(0) };
    (app, ctx, actors)
}

#[tokio::test]
async fn every_command_checks_its_actor_and_takes_files_only_as_grants() {
    let started = std::time::Instant::now();
    let (_app, ctx, actors) = setup().await;
    let missing: Vec<&str> = COMMANDS.iter().map(|(n, _)| *n).filter(|n| table(n).is_none()).collect();
    assert!(
        missing.is_empty(),
        "commands without a row in tests/every_command.rs: {missing:?}. Add each with sample arguments and the \
         roles that may run it (and make the command check its actor)"
    );
    let mut calls = 0;
    let mut failures = Vec::new();
    for (name, args_type) in COMMANDS {
        let case = table(name).unwrap_or_else(|| unreachable!());
        let args_type = args_type.replace("$crate :: ", "").replace(" :: ", "::");
        for (role, actor) in &actors {
            let args = (case.args)(&ctx);
            let out = api::dispatch(&ctx.svc, actor, name, args).await;
            calls += 1;
            let code = out.as_ref().err().map(|e| e.code());
            let allowed = case.allowed.contains(role);
            let expected = match case.deny {
                Deny::Forbidden => ErrorCode::Forbidden,
                Deny::NotFound => ErrorCode::NotFound,
            };
            let ok = if allowed {
                code != Some(ErrorCode::Forbidden) && code != Some(ErrorCode::UnknownCommand)
            } else {
                code == Some(expected) || (case.deny == Deny::NotFound && code == Some(ErrorCode::Forbidden))
            };
            if !ok {
                let got = match &out {
                    Ok(_) => "Ok".to_string(),
                    Err(e) => format!("{:?}: {}", e.code(), e.to_api().message),
                };
                failures.push(format!(
                    "{name}({args_type}) as {role:?}: {} expected, got {got}",
                    if allowed { "no refusal".to_string() } else { format!("{expected:?}") }
                ));
            }
        }
        let declared: Vec<&str> = api::file_fields(name).iter().map(|(f, _)| *f).collect();
        assert_eq!(declared, case.files, "{name}: api::file_fields must list the fields that take a file token");
        // files reach commands only as grants: a raw path in a file field is refused
        if let Some((_, actor)) = actors.iter().find(|(r, _)| case.allowed.contains(r) && *r != Role::Admin) {
            for field in case.files {
                let mut args = (case.args)(&ctx);
                assert!(args.get(*field).is_some(), "{name}: no field {field} in the sample arguments");
                args[*field] = json!(ctx.dir.join("any.file").display().to_string());
                let err = api::dispatch(&ctx.svc, actor, name, args).await.err().map(|e| e.code());
                if err != Some(ErrorCode::FileNotGranted) {
                    failures.push(format!("{name}: a raw path in {field} gave {err:?}, not FileNotGranted"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {calls} calls broke the rules:\n{}", failures.len(), failures.join("\n"));
    eprintln!(
        "{} commands × {} roles = {calls} calls in {:.1} s",
        COMMANDS.len(),
        actors.len(),
        started.elapsed().as_secs_f64()
    );
}
