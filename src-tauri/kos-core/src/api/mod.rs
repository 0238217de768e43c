//! The one command surface. `kos_commands!` lists every command once; the Tauri shell generates its
//! IPC commands (and `ui/src/api/commands.gen.ts`) from it, and `dispatch` serves the CLI's `kos-desk call` and
//! any later door. A command is `name(Args) -> Output`, run as an `Actor`; the lists and rows it returns from the store
//! are the types in [`types`].

use serde::Serialize;

pub mod types;

use crate::authz::Actor;
use crate::error::{CoreError, CoreResult};
use crate::service::{FilePurpose, Service};

/// Calls `$callback!` with the full command list. Each entry: doc lines, `name(ArgsType) -> OutputType;`
/// where `Service::name(&self, &Actor, ArgsType) -> CoreResult<OutputType>` exists.
#[macro_export]
macro_rules! kos_commands {
    ($callback:ident) => {
        $callback! {
            /// Version, database path, schema version, row counts; `empty` when no enterprise exists yet.
            app_info($crate::service::NoArgs) -> $crate::service::AppInfo;
            /// Back up the database, the proofs and the key sealed by a passphrase into one file (administrator).
            backup_now($crate::service::BackupArgs) -> $crate::backup::BackupReport;
            /// What a backup file holds, read from its manifest (administrator).
            inspect_backup($crate::service::InspectBackupArgs) -> $crate::backup::BackupSummary;
            /// Replace this database and its proofs with a backup's; the old files move aside (administrator).
            restore_backup($crate::service::RestoreBackupArgs) -> $crate::backup::RestoreReport;
            /// The acting user and the brands they may act on.
            session_get($crate::service::NoArgs) -> $crate::service::Session;
            /// Switch who acts on this machine (remembered across starts).
            session_switch($crate::service::SwitchActorArgs) -> $crate::service::Session;
            /// Users who can be picked as the acting user.
            list_users($crate::service::NoArgs) -> Vec<$crate::service::UserSummary>;
            /// Load the demo brand into an empty database (administrator).
            load_demo($crate::service::LoadDemoArgs) -> $crate::service::DemoSummary;
            /// Brands the actor reaches.
            list_enterprises($crate::service::NoArgs) -> Vec<$crate::api::types::enterprises::EnterpriseSummary>;
            /// A brand at a glance: facts, counts, notes per month.
            enterprise_overview($crate::service::EnterpriseArgs) -> $crate::service::Overview;
            /// A brand's stores (store managers: their own).
            list_stores($crate::service::EnterpriseArgs) -> Vec<$crate::api::types::stores::StoreRow>;
            /// A brand's current staff, one keyset page at a time.
            list_staff($crate::service::ListStaffArgs) -> $crate::api::types::paging::Page<$crate::api::types::staff::StaffRow>;
            /// Rule numbers in force (brand overrides, installation values, the deck's defaults).
            get_rule_settings($crate::service::RuleSettingsArgs) -> Vec<$crate::service::RuleSetting>;
            /// Change a rule number with a reason (administrator); recorded in history.
            update_rule_setting($crate::service::UpdateRuleSettingArgs) -> $crate::service::RuleSetting;
            /// The append-only history of state changes, newest first.
            list_history($crate::service::ListHistoryArgs) -> $crate::api::types::paging::Page<$crate::api::types::history::HistoryRow>;
            /// Recompute the history's hash chain; with an evidence file's chain head, check it is still there (B-20).
            verify_history($crate::service::VerifyHistoryArgs) -> $crate::service::HistoryVerification;
            /// B-1/B-3/B-15 checklist: may the brand send binding invitations now?
            eligibility($crate::service::EnterpriseArgs) -> $crate::service::Eligibility;
            /// Find an account by 小红书号; per mode, may it be invited now and if not why and from when (B-2, B-7, B-8, B-19).
            lookup_account($crate::service::LookupAccountArgs) -> $crate::service::AccountLookup;
            /// Read an employment proof from a local path (PDF/JPEG/PNG, ≤ 10 MB) and store it encrypted (B-10).
            upload_proof($crate::service::UploadProofArgs) -> $crate::service::ProofRef;
            /// Send a binding invitation: identity, job title, proof, signed commitment (B-9..B-12).
            invite($crate::service::InviteArgs) -> $crate::api::types::bindings::BindingRow;
            /// Apply what is due now: expire invitations (B-13), delete proofs past retention.
            sweep_due($crate::service::NoArgs) -> $crate::service::SweepReport;
            /// The acting employee's invitations with their expiry (B-13).
            my_invitations($crate::service::NoArgs) -> Vec<$crate::service::MyInvitation>;
            /// Accept an invitation; name and ID number are verified (B-14).
            accept_invitation($crate::service::AcceptInvitationArgs) -> $crate::service::MyInvitation;
            /// Decline an invitation.
            decline_invitation($crate::service::BindingArgs) -> $crate::service::MyInvitation;
            /// 解绑 with a reason; personal authorizations only after the minimum days (B-17, B-18).
            unbind($crate::service::BindingChangeArgs) -> $crate::api::types::bindings::BindingRow;
            /// 冻结 with a reason (B-17).
            freeze($crate::service::BindingChangeArgs) -> $crate::api::types::bindings::BindingRow;
            /// 解冻 with a reason (B-17).
            unfreeze($crate::service::BindingChangeArgs) -> $crate::api::types::bindings::BindingRow;
            /// 移交 an enterprise staff account to another current staff member (B-4, B-17).
            hand_over($crate::service::HandOverArgs) -> $crate::api::types::bindings::BindingRow;
            /// Employment proofs awaiting the platform's review, across brands (platform reviewer).
            pending_proofs($crate::service::NoArgs) -> Vec<$crate::api::types::bindings::PendingProof>;
            /// Judge a proof; non-compliant dissolves the binding and bans new invitations (B-15).
            review_proof($crate::service::ReviewProofArgs) -> $crate::service::ProofReview;
            /// A tab of the binding list, newest first, keyset pages.
            list_bindings($crate::service::ListBindingsArgs) -> $crate::api::types::paging::Page<$crate::api::types::bindings::BindingRow>;
            /// Bindings per tab.
            binding_counts($crate::service::EnterpriseArgs) -> $crate::service::BindingCounts;
            /// Every recorded change to an account's bindings with the brand (B-20).
            account_history($crate::service::AccountHistoryArgs) -> Vec<$crate::api::types::history::HistoryRow>;
            /// Write an account's whole history to a CSV evidence file (B-20); the export is recorded too.
            export_account_history($crate::service::ExportAccountHistoryArgs) -> $crate::service::ExportResult;
            /// Save the bulk-binding spreadsheet template (B-16), with the brand's stores as the 门店 list.
            bulk_template($crate::service::BulkTemplateArgs) -> $crate::service::BulkFile;
            /// Check every row of a filled template as the invitation wizard would; keeps the batch 30 minutes (B-16).
            bulk_validate($crate::service::BulkValidateArgs) -> $crate::service::BulkReport;
            /// Send invitations for a validated batch's valid rows, each on its own (B-16).
            bulk_send($crate::service::BulkSendArgs) -> $crate::service::BulkSendResult;
            /// Save a validated batch's row report (ID numbers masked, formulas escaped) (B-16).
            bulk_export_report($crate::service::BulkExportArgs) -> $crate::service::BulkFile;
            /// Dates when invitations lapse and restricted actions become possible (B-13, B-15, B-18, B-19).
            binding_calendar($crate::service::BindingCalendarArgs) -> Vec<$crate::service::CalendarItem>;
            /// Start an incentive campaign (I-1..I-3) for a period; its rules default to the brand's settings.
            create_campaign($crate::service::CreateCampaignArgs) -> $crate::service::Campaign;
            /// Change a campaign with a reason and recompute; the previous result stays in its history.
            update_campaign($crate::service::UpdateCampaignArgs) -> $crate::service::Campaign;
            /// A brand's incentive campaigns.
            list_campaigns($crate::service::EnterpriseArgs) -> Vec<$crate::service::Campaign>;
            /// The I-1 single viral note, I-2 cumulative ranking and I-3 honour boards of a campaign.
            campaign_board($crate::service::CampaignArgs) -> $crate::service::CampaignBoard;
            /// 领导看板: the podium, top 10, single-note board and each person's running total per day, for the whole campaign or one store or city in its scope (I-1..I-3).
            campaign_leader_view($crate::service::LeaderViewArgs) -> $crate::service::LeaderView;
            /// Every stored result of a campaign with the rules it used, newest first.
            campaign_results($crate::service::CampaignArgs) -> Vec<$crate::service::CampaignResult>;
            /// Void an award with a reason; the next in line moves up.
            void_award($crate::service::VoidAwardArgs) -> $crate::service::CampaignBoard;
            /// Confirm an ended campaign's awards: the board is frozen with its input data.
            confirm_awards($crate::service::CampaignArgs) -> $crate::service::CampaignBoard;
            /// Save a campaign's 颁奖名单 as XLSX: staff, store, 小红书号, award, amount, note link, total; confirmed campaigns use the frozen board (I-1..I-3).
            export_award_sheet($crate::service::ExportAwardSheetArgs) -> $crate::service::ExportResult;
            /// 数据看板 · 企业视角: KPI cards, notes and interactions per ISO week, by store, 岗位 and content direction (D-1).
            dashboard_enterprise($crate::service::DashboardArgs) -> $crate::service::EnterpriseDashboard;
            /// 数据看板 · 员工视角: one person's accounts, notes, weekly trend and ranks in running campaigns; employees only their own (D-1).
            dashboard_employee($crate::service::EmployeeDashboardArgs) -> $crate::service::EmployeeDashboard;
            /// 账号健康度: every bound account against the S-2 thresholds, pass/fail per criterion, sorted (S-2).
            account_health($crate::service::AccountHealthArgs) -> $crate::service::AccountHealth;
            /// Save one dashboard chart's data as XLSX (D-1).
            export_dashboard_data($crate::service::ExportDashboardArgs) -> $crate::service::ExportResult;
            /// Read a platform note export (CSV UTF-8/GBK or XLSX): recognised columns, sample rows, row count; writes nothing (N-1).
            preview_note_file($crate::service::PreviewNoteFileArgs) -> $crate::service::NoteFilePreview;
            /// Import a note export in the background, committed in batches; poll job_status, stop with cancel_job (N-1).
            start_note_import($crate::service::StartNoteImportArgs) -> $crate::service::JobProgress;
            /// Where a long job (import, export) stands: rows done, rows/s, time left, outcome.
            job_status($crate::service::JobArgs) -> $crate::service::JobProgress;
            /// Stop a long job after its current batch; committed batches stay.
            cancel_job($crate::service::JobArgs) -> $crate::service::JobProgress;
            /// A brand's note imports, newest first.
            list_note_imports($crate::service::EnterpriseArgs) -> Vec<$crate::api::types::imports::ImportRow>;
            /// An import's row report: rejected rows with why, notes kept aside (N-1).
            note_import_report($crate::service::ImportArgs) -> $crate::service::ImportReport;
            /// 待审核笔记 or 已发起审核笔记: filters, sorts, keyset pages or 跳至 a page (N-3, N-4, N-6).
            list_notes($crate::service::ListNotesArgs) -> $crate::service::NotePage;
            /// Counts of the 已发起审核笔记 tabs (N-6).
            note_tab_counts($crate::service::EnterpriseArgs) -> $crate::api::types::notes::TabCounts;
            /// 本月剩余可发起审核申请笔记额度 (N-5).
            review_quota($crate::service::EnterpriseArgs) -> $crate::service::ReviewQuota;
            /// 发起笔记审核 for selected notes: N-2 age, binding and quota checked, each refusal with why (N-5).
            request_review($crate::service::RequestReviewArgs) -> $crate::service::RequestReviewResult;
            /// The platform reviewer's open requests in arrival order (N-6).
            review_queue($crate::service::ReviewQueueArgs) -> $crate::api::types::paging::Page<$crate::api::types::reviews::ReviewRow>;
            /// 通过 / 不通过 with the N-2 checklist and a reason the brand sees (N-6).
            decide_review($crate::service::DecideReviewArgs) -> $crate::api::types::reviews::ReviewRow;
            /// 内容加热: a boost order (budget, days, P-1 goal) on an approved note (N-6).
            boost_note($crate::service::BoostNoteArgs) -> $crate::api::types::reviews::BoostRow;
            /// 前往聚光: put an approved note on the 聚光 导购笔记 list (N-7).
            send_to_juguang($crate::service::NoteArgs) -> Vec<$crate::api::types::reviews::JuguangRow>;
            /// The 聚光 导购笔记 list: only notes sent there (N-7).
            list_juguang($crate::service::EnterpriseArgs) -> Vec<$crate::api::types::reviews::JuguangRow>;
            /// Write the 聚光 list to XLSX or CSV for the ads side (N-7).
            export_juguang($crate::service::ExportListArgs) -> $crate::service::ExportResult;
            /// 笔记详情: all metrics, daily snapshots, review history, boosts (N-6, N-8).
            note_detail($crate::service::NoteArgs) -> $crate::service::NoteDetail;
            /// 数据中心 › 按笔记查看: approved notes with the N-8 metrics, sortable (N-8).
            data_center($crate::service::DataCenterArgs) -> $crate::service::DataCenterPage;
            /// Write 数据中心 › 按笔记查看 to XLSX or CSV in the order shown (N-8).
            export_data_center($crate::service::ExportDataCenterArgs) -> $crate::service::ExportResult;
            /// 导出图片: write a chart the window rendered to a PNG file (D-1).
            save_chart_image($crate::service::SaveChartImageArgs) -> $crate::service::ExportResult;
            /// 导出 a note list as filtered and sorted to XLSX or CSV in the background (N-3).
            start_note_export($crate::service::ExportNotesArgs) -> $crate::service::JobProgress;
            // issue 12 set-up (U-1, U-2, U-3, B-21): brand, agency, stores, users
            /// 创建品牌: name, 行业, HQ city and the B-1 facts (administrator) (U-1).
            create_brand($crate::service::CreateBrandArgs) -> $crate::service::EnterpriseDetail;
            /// Edit a brand's name, 行业, city or B-1 facts with a reason; history keeps before and after (U-1).
            update_brand($crate::service::UpdateBrandArgs) -> $crate::service::EnterpriseDetail;
            /// 报备代理: the brand reports its agency by name (a new name creates it); the agency then reaches this brand (B-21).
            report_agency($crate::service::ReportAgencyArgs) -> $crate::service::EnterpriseDetail;
            /// 取消报备 with a reason: the agency no longer reaches this brand (B-21).
            unreport_agency($crate::service::UnreportAgencyArgs) -> $crate::service::EnterpriseDetail;
            /// 新增门店 (U-2).
            create_store($crate::service::CreateStoreArgs) -> $crate::api::types::stores::StoreRow;
            /// Edit a store's name, city, district, address or 店长手机号 (U-2).
            update_store($crate::service::UpdateStoreArgs) -> $crate::api::types::stores::StoreRow;
            /// 关闭门店 with a reason: kept with its history and staff records, not offered for new staff or bindings (U-2).
            close_store($crate::service::CloseStoreArgs) -> $crate::api::types::stores::StoreRow;
            /// Check a stores sheet (XLSX, CSV UTF-8/GBK: 门店名称, 城市, 区, 地址, 店长手机号) row by row; writes nothing (U-2).
            preview_store_sheet($crate::service::StoreSheetArgs) -> $crate::service::StoreSheetReport;
            /// Apply a previewed stores sheet in one transaction, or nothing when a row is refused or the file changed (U-2).
            import_store_sheet($crate::service::ImportStoreSheetArgs) -> $crate::service::StoreSheetResult;
            /// Every user with role, brand, stores and status, for 用户与角色 (administrator) (U-3).
            list_user_accounts($crate::service::NoArgs) -> Vec<$crate::service::UserAccount>;
            /// The agencies and the brands that reported each (administrator) (B-21).
            list_agencies($crate::service::NoArgs) -> Vec<$crate::service::AgencyRow>;
            /// 新建用户: name, role, brand, agency, stores, staff member, phone (administrator) (U-3).
            create_user($crate::service::CreateUserArgs) -> $crate::service::UserAccount;
            /// Edit a user's role, brand, agency, stores or staff member with a reason (administrator) (U-3).
            update_user($crate::service::UpdateUserArgs) -> $crate::service::UserAccount;
            /// 停用 / 启用 a user with a reason; a deactivated user can no longer act (administrator) (U-3).
            set_user_active($crate::service::SetUserActiveArgs) -> $crate::service::UserAccount;
            // U-2, B-2, B-17, B-18, S-2 (helper Q): the staff roster, 离职 and 小红书账号
            /// Read an HR roster sheet (XLSX or CSV UTF-8/GBK) and list what it would change: new, changed, left, row errors; writes nothing (U-2).
            roster_preview($crate::service::RosterArgs) -> $crate::service::RosterPreview;
            /// Apply a previewed roster in one transaction if the sheet and roster still give the confirmed plan; leavers come back with their bindings' next steps (U-2, B-17, B-18).
            roster_apply($crate::service::RosterApplyArgs) -> $crate::service::RosterApplied;
            /// A staff member's live bindings with the next step each allows if they leave: 移交/冻结, or 解绑 now or from the B-18 date (B-17, B-18).
            staff_departure($crate::service::StaffArgs) -> $crate::service::StaffDeparture;
            /// Mark a staff member 离职 with a reason: records stay, nothing is unbound; lists each live binding's next step (U-2, B-17, B-18).
            mark_staff_left($crate::service::MarkStaffLeftArgs) -> $crate::service::StaffDeparture;
            /// A brand's registered 小红书账号 with the B-2 facts, owner and live binding (U-2).
            list_accounts($crate::service::EnterpriseArgs) -> Vec<$crate::api::types::accounts::AccountEntry>;
            /// Register or update a 小红书账号 by 小红书号: nickname, followers, phone bound, shop, owner (U-2, B-2).
            register_account($crate::service::RegisterAccountArgs) -> $crate::api::types::accounts::AccountEntry;
            /// Import a list of 小红书账号 (XLSX/CSV): every row checked, written only if none has an error (U-2, B-2).
            import_accounts($crate::service::ImportAccountsArgs) -> $crate::service::AccountImportReport;
            /// An account's nickname and followers by day, newest first (U-2, S-2).
            account_snapshots($crate::service::AccountSnapshotsArgs) -> Vec<$crate::api::types::accounts::AccountSnapshot>;
            // U-4: passwords for the team server's sign-in
            /// Change one's own password (the current one first); one's other sessions sign out (U-4).
            change_password($crate::service::ChangePasswordArgs) -> $crate::service::PasswordSet;
            /// Set a temporary password for a user, to be changed at their next sign-in; their sessions sign out (administrator, U-4).
            reset_password($crate::service::ResetPasswordArgs) -> $crate::service::PasswordSet;
            // issue 15 item 3: the window's updates
            /// 启动时检查更新: whether the window checks the release manifest at start, and who last changed it.
            update_settings($crate::service::NoArgs) -> $crate::service::UpdateSettings;
            /// Turn 启动时检查更新 off or on (administrator); recorded in history.
            set_update_check($crate::service::SetUpdateCheckArgs) -> $crate::service::UpdateSettings;
        }
    };
}

/// A command's name, argument and result types, and what it does.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CommandInfo {
    pub name: &'static str,
    pub args: String,
    pub result: String,
    pub doc: &'static str,
}

/// `$crate :: api :: types :: paging :: Page < $crate :: api :: types :: staff :: StaffRow >` → `Page<StaffRow>`.
fn short_type(t: &str) -> String {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::new();
    let mut segment = String::new();
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            segment.clear();
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            segment.push(c);
        } else {
            out.push_str(&segment);
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(&segment);
    out
}

macro_rules! define_dispatch {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty; )*) => {
        /// Runs the named command with JSON arguments as `actor` and returns its JSON result.
        pub async fn dispatch(svc: &Service, actor: &Actor, name: &str, args: serde_json::Value) -> CoreResult<serde_json::Value> {
            let args = if args.is_null() { serde_json::json!({}) } else { args };
            match name {
                $(stringify!($name) => {
                    let parsed: $args = serde_json::from_value(args).map_err(bad_args)?;
                    let out = svc.$name(actor, parsed).await?;
                    serde_json::to_value(out).map_err(|e| CoreError::invalid("result", e.to_string(), e.to_string()))
                })*
                _ => Err(CoreError::UnknownCommand(name.to_string())),
            }
        }

        /// Every command, in the order of `kos_commands!`.
        pub fn commands() -> Vec<CommandInfo> {
            vec![$(CommandInfo {
                name: stringify!($name),
                args: short_type(stringify!($args)),
                result: short_type(stringify!($out)),
                doc: concat!($($doc),*).trim_ascii(),
            }),*]
        }
    };
}

kos_commands!(define_dispatch);

/// The fields of a command's arguments that carry a file token, with what the token must allow. Commands
/// never take a path; a door that may name files (the CLI, whose command line is the user's own) grants the
/// paths in these fields before it dispatches. `tests/every_command.rs` checks this list against the commands.
pub fn file_fields(command: &str) -> &'static [(&'static str, FilePurpose)] {
    use FilePurpose::{Folder, Open, Save};
    match command {
        "upload_proof" | "preview_note_file" | "start_note_import" | "inspect_backup" | "restore_backup" => {
            &[("file", Open)]
        }
        // issue 12 set-up (U-2)
        "preview_store_sheet" | "import_store_sheet" => &[("file", Open)],
        "bulk_validate" => &[("file", Open), ("proofs_folder", Folder)],
        "export_account_history"
        | "bulk_template"
        | "bulk_export_report"
        | "export_award_sheet"
        | "export_dashboard_data"
        | "save_chart_image"
        | "export_juguang"
        | "export_data_center"
        | "start_note_export"
        | "backup_now" => &[("file", Save)],
        // U-2 (helper Q)
        "roster_preview" | "roster_apply" | "import_accounts" => &[("file", Open)],
        _ => &[],
    }
}

fn bad_args(e: serde_json::Error) -> CoreError {
    CoreError::invalid("args", format!("参数格式不正确：{e}"), format!("Bad arguments: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_command_with_short_types() {
        let all = commands();
        assert!(all.len() >= 12);
        let staff = all.iter().find(|c| c.name == "list_staff").unwrap();
        assert_eq!(staff.args, "ListStaffArgs");
        assert_eq!(staff.result, "Page<StaffRow>");
        assert!(!staff.doc.is_empty());
        for (i, c) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|o| o.name != c.name), "duplicate {}", c.name);
        }
    }
}
