//! Incentive campaigns (I-1 单篇爆文奖, I-2 累计排名奖, I-3 荣誉奖): a brand's campaign over a period, its
//! board computed by `incentives::engine` from the notes published in the period by the brand's staff
//! accounts, voided awards, and confirmation that freezes the result.

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::campaign_compute::{compute_for_staff, copy_flags, Computed, FrozenInput, Path};
use super::{record, Event, Service};
use crate::authz::{Actor, Permission};
use crate::clock::{shanghai, ts};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::incentives::engine::{AwardKind, AwardRules, Board, VoidedAward, JUMP_FACTOR_MAX};
use crate::rules;
use crate::store;
use crate::store::campaigns::CampaignRecord;

/// Which staff take part: both lists empty = the whole brand; else staff of the listed stores or of
/// stores in the listed cities (the staff member's store).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CampaignScope {
    pub store_ids: Vec<i64>,
    pub cities: Vec<String>,
}

impl CampaignScope {
    /// Does a store (its id and city) take part?
    pub fn includes(&self, store_id: i64, city: &str) -> bool {
        (self.store_ids.is_empty() && self.cities.is_empty())
            || self.store_ids.contains(&store_id)
            || self.cities.iter().any(|c| c == city)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    /// before its start date
    Draft,
    Running,
    /// past its end date, awards not yet confirmed
    Ended,
    /// awards confirmed: the board is frozen
    Confirmed,
}

impl CampaignStatus {
    fn as_str(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "draft",
            CampaignStatus::Running => "running",
            CampaignStatus::Ended => "ended",
            CampaignStatus::Confirmed => "confirmed",
        }
    }
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct Campaign {
    pub id: i64,
    pub enterprise_id: i64,
    pub name: String,
    /// Asia/Shanghai date, inclusive
    pub start_date: String,
    /// Asia/Shanghai date, inclusive
    pub end_date: String,
    pub scope: CampaignScope,
    pub rules: AwardRules,
    pub status: CampaignStatus,
    pub created_by_name: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub confirmed_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct CreateCampaignArgs {
    pub enterprise_id: i64,
    pub name: String,
    /// "2026-11-01" (Asia/Shanghai)
    pub start_date: String,
    pub end_date: String,
    /// `null`: the whole brand
    pub scope: Option<CampaignScope>,
    /// `null`: the rule settings in force for the brand (I-1..I-3)
    pub rules: Option<AwardRules>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct UpdateCampaignArgs {
    pub campaign_id: i64,
    /// `null` fields stay as they are
    pub name: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub scope: Option<CampaignScope>,
    pub rules: Option<AwardRules>,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct CampaignArgs {
    pub campaign_id: i64,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct VoidAwardArgs {
    pub campaign_id: i64,
    pub kind: AwardKind,
    /// the note ID (viral) or the staff id (ranking, honour)
    pub key: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct CampaignVoid {
    pub kind: AwardKind,
    pub key: String,
    pub reason: String,
    pub voided_by_name: Option<String>,
    pub voided_at: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct CampaignBoard {
    pub campaign: Campaign,
    pub board: Board,
    /// confirmed: this is the stored result and no longer changes
    pub frozen: bool,
    /// the snapshot date the metrics are taken at (the end date once ended), or "latest" while running
    pub metrics_as_of: String,
    /// notes that took part
    pub notes_considered: i64,
    /// the latest stored result version
    pub version: i64,
    pub voids: Vec<CampaignVoid>,
}

/// One stored computation of a campaign's board, with the rules it used.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct CampaignResult {
    pub version: i64,
    /// created | updated | voided | confirmed
    pub cause: String,
    pub computed_at: String,
    pub metrics_as_of: String,
    pub rules: AwardRules,
    pub board: Board,
}

pub(super) fn db_json<T: for<'de> Deserialize<'de>>(field: &str, text: &str) -> CoreResult<T> {
    serde_json::from_str(text).map_err(|e| CoreError::invalid(field.to_string(), e.to_string(), e.to_string()))
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).map(|v| v.to_string()).unwrap_or_default()
}

pub(super) fn parse_date(field: &str, s: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            field.to_string(),
            format!("日期格式应为 YYYY-MM-DD：{s}"),
            format!("Expected a YYYY-MM-DD date: {s}"),
        )
    })
}

/// 00:00 Asia/Shanghai of `d`, as stored UTC text.
pub(super) fn day_start(d: NaiveDate) -> String {
    let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    match shanghai().from_local_datetime(&local).single() {
        Some(t) => ts(t.with_timezone(&Utc)),
        None => ts(Utc.from_utc_datetime(&local)),
    }
}

fn check_name(raw: &str) -> CoreResult<String> {
    let name = raw.trim();
    let n = name.chars().count();
    if n == 0 || n > 60 {
        return Err(CoreError::invalid("name", "活动名称应为 1–60 个字", "A campaign name has 1–60 characters"));
    }
    Ok(name.to_string())
}

fn check_reason(reason: &str) -> CoreResult<&str> {
    let r = reason.trim();
    if r.is_empty() {
        Err(CoreError::invalid("reason", "请填写原因（将记录在历史中）", "Give a reason (it is kept in the history)"))
    } else {
        Ok(r)
    }
}

/// Each number within its rule setting's range.
fn check_rules(r: &AwardRules) -> CoreResult<()> {
    let numbers = [
        (rules::VIRAL_MIN_INTERACTIONS, r.viral_min_interactions),
        (rules::VIRAL_TOP_N, r.viral_top_n),
        (rules::VIRAL_AWARD_YUAN, r.viral_award_yuan),
        (rules::RANKING_TOP_N, r.ranking_top_n),
        (rules::RANKING_AWARD_YUAN, r.ranking_award_yuan),
        (rules::HONOUR_TOP_N, r.honour_top_n),
    ];
    for (key, v) in numbers {
        if let Some(def) = rules::find(key) {
            if v < def.min || v > def.max {
                return Err(CoreError::invalid(
                    key,
                    format!("{}：应在 {} 到 {} 之间", def.label_zh, def.min, def.max),
                    format!("{}: must be between {} and {}", def.label_en, def.min, def.max),
                ));
            }
        }
    }
    for (field, v, zh, en) in [
        ("jump_note_factor", r.jump_note_factor, "爆文异常提醒倍数", "Note jump factor"),
        ("jump_person_factor", r.jump_person_factor, "累计异常提醒倍数", "Person jump factor"),
    ] {
        if !(0..=JUMP_FACTOR_MAX).contains(&v) {
            return Err(CoreError::invalid(
                field,
                format!("{zh}：应在 0 到 {JUMP_FACTOR_MAX} 之间（0 为不提醒）"),
                format!("{en}: must be between 0 and {JUMP_FACTOR_MAX} (0 turns it off)"),
            ));
        }
    }
    Ok(())
}

pub(super) fn status_on(rec: &CampaignRecord, today: NaiveDate) -> CampaignStatus {
    if rec.status == "confirmed" {
        return CampaignStatus::Confirmed;
    }
    if today.format("%Y-%m-%d").to_string() < rec.start_date {
        CampaignStatus::Draft
    } else if today.format("%Y-%m-%d").to_string() > rec.end_date {
        CampaignStatus::Ended
    } else {
        CampaignStatus::Running
    }
}

fn void_view(v: store::campaigns::VoidRecord) -> Option<CampaignVoid> {
    Some(CampaignVoid {
        kind: AwardKind::parse(&v.kind)?,
        key: v.award_key,
        reason: v.reason,
        voided_by_name: v.voided_by_name,
        voided_at: v.voided_at,
    })
}

impl Service {
    fn campaign_view(&self, rec: &CampaignRecord) -> CoreResult<Campaign> {
        Ok(Campaign {
            id: rec.id,
            enterprise_id: rec.enterprise_id,
            name: rec.name.clone(),
            start_date: rec.start_date.clone(),
            end_date: rec.end_date.clone(),
            scope: db_json("scope", &rec.scope_json)?,
            rules: db_json("rules", &rec.rules_json)?,
            status: status_on(rec, self.clock.today()),
            created_by_name: rec.created_by_name.clone(),
            created_at: rec.created_at.clone(),
            updated_at: rec.updated_at.clone(),
            confirmed_at: rec.confirmed_at.clone(),
        })
    }

    /// The campaign, if the actor may use `p` on its brand.
    pub(super) async fn campaign_for(&self, actor: &Actor, p: Permission, id: i64) -> CoreResult<CampaignRecord> {
        let rec =
            store::campaigns::get(self.db.pool(), id).await?.ok_or_else(|| CoreError::not_found("campaign", id))?;
        actor.require_in(p, rec.enterprise_id).map_err(|e| match e {
            CoreError::NotFound { .. } => CoreError::not_found("campaign", id),
            e => e,
        })?;
        Ok(rec)
    }

    /// The brand's rule settings in force, as a new campaign's rules.
    async fn default_award_rules(&self, enterprise_id: i64) -> CoreResult<AwardRules> {
        let v = |key| self.rule_value(Some(enterprise_id), key);
        Ok(AwardRules {
            viral_min_interactions: v(rules::VIRAL_MIN_INTERACTIONS).await?,
            viral_top_n: v(rules::VIRAL_TOP_N).await?,
            viral_award_yuan: v(rules::VIRAL_AWARD_YUAN).await?,
            ranking_top_n: v(rules::RANKING_TOP_N).await?,
            ranking_award_yuan: v(rules::RANKING_AWARD_YUAN).await?,
            honour_top_n: v(rules::HONOUR_TOP_N).await?,
            ..AwardRules::deck_defaults()
        })
    }

    async fn check_scope(&self, enterprise_id: i64, scope: &CampaignScope) -> CoreResult<()> {
        let stores = store::stores::list(self.db.pool(), enterprise_id, None).await?;
        if let Some(bad) = scope.store_ids.iter().find(|id| !stores.iter().any(|s| s.id == **id)) {
            return Err(CoreError::not_found("store", bad));
        }
        Ok(())
    }

    pub(super) async fn board_view(&self, rec: &CampaignRecord) -> CoreResult<CampaignBoard> {
        Ok(self.board_view_narrowed(rec, None).await?.0)
    }

    /// The board as `campaign_board` gives it and, with `narrow`, the same races over those staff alone
    /// (from the frozen input once confirmed).
    pub(super) async fn board_view_narrowed(
        &self,
        rec: &CampaignRecord,
        narrow: Option<&BTreeSet<i64>>,
    ) -> CoreResult<(CampaignBoard, Option<Board>)> {
        let pool = self.db.pool();
        let results = store::campaigns::list_results(pool, rec.id).await?;
        let version = results.first().map_or(0, |r| r.version);
        let voids = store::campaigns::list_voids(pool, rec.id).await?.into_iter().filter_map(void_view).collect();
        let campaign = self.campaign_view(rec)?;
        if campaign.status == CampaignStatus::Confirmed {
            if let Some(r) = results.iter().find(|r| r.cause == "confirmed") {
                let input: Option<FrozenInput> = r.input_json.as_deref().map(|t| db_json("input", t)).transpose()?;
                let mut board: Board = db_json("board", &r.board_json)?;
                // boards confirmed before titles, stores and links were kept get them from the data as it is
                self.dress_board(&mut board, true).await?;
                let narrowed = match (narrow, &input) {
                    (Some(staff), Some(input)) => {
                        let rules: AwardRules = db_json("rules", &r.rules_json)?;
                        let mut b = compute_for_staff(&input.candidates, staff, &rules, &input.voided);
                        self.dress_board(&mut b, false).await?;
                        copy_flags(&mut b, &board);
                        Some(b)
                    }
                    _ => None,
                };
                let view = CampaignBoard {
                    campaign,
                    board,
                    frozen: true,
                    metrics_as_of: r.metrics_as_of.clone(),
                    notes_considered: input.map_or(0, |i| i.candidates.len() as i64),
                    version,
                    voids,
                };
                return Ok((view, narrowed));
            }
        }
        let (c, narrowed) = self.compute_campaign_narrowed(rec, None, Path::Auto, narrow).await?;
        let view = CampaignBoard {
            campaign,
            board: c.board,
            frozen: false,
            metrics_as_of: c.metrics_as_of,
            notes_considered: c.notes_considered,
            version,
            voids,
        };
        Ok((view, narrowed))
    }

    /// Computes and stores the next result version (inside `tx`).
    async fn store_result(
        &self,
        tx: &mut crate::db::Tx,
        rec: &CampaignRecord,
        (cause, by, at): (&str, i64, &str),
        keep_input: bool,
        pending_void: Option<VoidedAward>,
    ) -> CoreResult<(i64, Computed)> {
        let c = self.compute_campaign(rec, pending_void, Path::Auto).await?;
        let input = if keep_input { c.input.as_ref().map(to_json) } else { None };
        let version = store::campaigns::insert_result(
            &mut **tx,
            &store::campaigns::NewResult {
                campaign_id: rec.id,
                cause,
                computed_at: at,
                computed_by: Some(by),
                metrics_as_of: &c.metrics_as_of,
                rules_json: rec.rules_json.clone(),
                board_json: to_json(&c.board),
                input_json: input,
            },
        )
        .await?;
        Ok((version, c))
    }

    pub async fn create_campaign(&self, actor: &Actor, args: CreateCampaignArgs) -> CoreResult<Campaign> {
        actor.require_in(Permission::ManageCampaigns, args.enterprise_id)?;
        let name = check_name(&args.name)?;
        let start = parse_date("start_date", &args.start_date)?;
        let end = parse_date("end_date", &args.end_date)?;
        if start > end {
            return Err(CoreError::invalid(
                "end_date",
                "结束日期不能早于开始日期",
                "The end date is before the start date",
            ));
        }
        let scope = args.scope.unwrap_or_default();
        self.check_scope(args.enterprise_id, &scope).await?;
        let rules = match args.rules {
            Some(r) => r,
            None => self.default_award_rules(args.enterprise_id).await?,
        };
        check_rules(&rules)?;
        let now = self.now_ts();
        let today = self.clock.today();
        let mut tx = self.db.write().await?;
        let new = store::campaigns::NewCampaign {
            enterprise_id: args.enterprise_id,
            name: &name,
            start_date: start.to_string(),
            end_date: end.to_string(),
            scope_json: to_json(&scope),
            rules_json: to_json(&rules),
            status: "draft",
            created_by: actor.user_id,
            at: &now,
        };
        let id = store::campaigns::insert(&mut *tx, &new).await?;
        let mut rec = store::campaigns::get(&mut *tx, id).await?.ok_or_else(|| CoreError::not_found("campaign", id))?;
        rec.status = status_on(&rec, today).as_str().into();
        store::campaigns::update(
            &mut *tx,
            &store::campaigns::CampaignUpdate {
                id,
                name: &rec.name,
                start_date: &rec.start_date,
                end_date: &rec.end_date,
                scope_json: &rec.scope_json,
                rules_json: &rec.rules_json,
                status: &rec.status,
                at: &now,
            },
        )
        .await?;
        let (version, _) = self.store_result(&mut tx, &rec, ("created", actor.user_id, &now), false, None).await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(rec.enterprise_id),
                entity_type: "campaign",
                entity_id: id.to_string(),
                action: "campaign_created",
                summary_zh: format!("创建激励活动「{name}」（{start} 至 {end}）"),
                summary_en: format!("Created incentive campaign “{name}” ({start} to {end})"),
                reason: None,
                before: None,
                after: Some(json!({"name": name, "start_date": rec.start_date, "end_date": rec.end_date,
                    "scope": scope, "rules": rules, "result_version": version})),
            },
        )
        .await?;
        tx.commit().await?;
        self.campaign_view(&rec)
    }

    /// Changes a campaign (not once confirmed) and recomputes; the previous result stays in history.
    pub async fn update_campaign(&self, actor: &Actor, args: UpdateCampaignArgs) -> CoreResult<Campaign> {
        let rec = self.campaign_for(actor, Permission::ManageCampaigns, args.campaign_id).await?;
        let reason = check_reason(&args.reason)?;
        refuse_if_confirmed(&rec)?;
        let before = self.campaign_view(&rec)?;
        let name = match &args.name {
            Some(n) => check_name(n)?,
            None => rec.name.clone(),
        };
        let start = parse_date("start_date", args.start_date.as_deref().unwrap_or(&rec.start_date))?;
        let end = parse_date("end_date", args.end_date.as_deref().unwrap_or(&rec.end_date))?;
        if start > end {
            return Err(CoreError::invalid(
                "end_date",
                "结束日期不能早于开始日期",
                "The end date is before the start date",
            ));
        }
        let scope = args.scope.clone().unwrap_or(before.scope.clone());
        self.check_scope(rec.enterprise_id, &scope).await?;
        let rules = args.rules.clone().unwrap_or(before.rules.clone());
        check_rules(&rules)?;
        let now = self.now_ts();
        let mut next = CampaignRecord {
            name,
            start_date: start.to_string(),
            end_date: end.to_string(),
            scope_json: to_json(&scope),
            rules_json: to_json(&rules),
            updated_at: now.clone(),
            ..rec.clone()
        };
        next.status = status_on(&next, self.clock.today()).as_str().into();
        let mut tx = self.db.write().await?;
        store::campaigns::update(
            &mut *tx,
            &store::campaigns::CampaignUpdate {
                id: rec.id,
                name: &next.name,
                start_date: &next.start_date,
                end_date: &next.end_date,
                scope_json: &next.scope_json,
                rules_json: &next.rules_json,
                status: &next.status,
                at: &now,
            },
        )
        .await?;
        let (version, _) = self.store_result(&mut tx, &next, ("updated", actor.user_id, &now), false, None).await?;
        let after = self.campaign_view(&next)?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(rec.enterprise_id),
                entity_type: "campaign",
                entity_id: rec.id.to_string(),
                action: "campaign_updated",
                summary_zh: format!("修改激励活动「{}」并重新计算（第 {version} 版结果）", after.name),
                summary_en: format!("Changed incentive campaign “{}” and recomputed (result v{version})", after.name),
                reason: Some(reason),
                before: Some(json!(campaign_json(&before))),
                after: Some(json!(campaign_json(&after))),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    pub async fn list_campaigns(&self, actor: &Actor, args: super::EnterpriseArgs) -> CoreResult<Vec<Campaign>> {
        actor.require_in(Permission::ViewCampaigns, args.enterprise_id)?;
        let recs = store::campaigns::list(self.db.pool(), args.enterprise_id).await?;
        recs.iter().map(|r| self.campaign_view(r)).collect()
    }

    pub async fn campaign_board(&self, actor: &Actor, args: CampaignArgs) -> CoreResult<CampaignBoard> {
        let rec = self.campaign_for(actor, Permission::ViewCampaigns, args.campaign_id).await?;
        self.board_view(&rec).await
    }

    /// Every stored result of a campaign with the rules it used, newest first.
    pub async fn campaign_results(&self, actor: &Actor, args: CampaignArgs) -> CoreResult<Vec<CampaignResult>> {
        let rec = self.campaign_for(actor, Permission::ViewCampaigns, args.campaign_id).await?;
        store::campaigns::list_results(self.db.pool(), rec.id)
            .await?
            .into_iter()
            .map(|r| {
                Ok(CampaignResult {
                    version: r.version,
                    cause: r.cause,
                    computed_at: r.computed_at,
                    metrics_as_of: r.metrics_as_of,
                    rules: db_json("rules", &r.rules_json)?,
                    board: db_json("board", &r.board_json)?,
                })
            })
            .collect()
    }

    /// Voids an award on the current board with a reason; the next in line moves up.
    pub async fn void_award(&self, actor: &Actor, args: VoidAwardArgs) -> CoreResult<CampaignBoard> {
        let rec = self.campaign_for(actor, Permission::VoidAward, args.campaign_id).await?;
        let reason = check_reason(&args.reason)?;
        refuse_if_confirmed(&rec)?;
        let key = args.key.trim().to_string();
        let current = self.compute_campaign(&rec, None, Path::Auto).await?.board;
        let holder = match args.kind {
            AwardKind::Viral => current.viral.iter().find(|a| a.note_id == key).map(|a| (a.staff_name.clone(), a.rank)),
            AwardKind::Ranking => {
                current.ranking.iter().find(|a| a.staff_id.to_string() == key).map(|a| (a.staff_name.clone(), a.rank))
            }
            AwardKind::Honour => {
                current.honour.iter().find(|a| a.staff_id.to_string() == key).map(|a| (a.staff_name.clone(), a.rank))
            }
        };
        let Some((holder, rank)) = holder else {
            return Err(CoreError::invalid(
                "key",
                format!("当前榜单上没有该奖项：{key}"),
                format!("No such award on the current board: {key}"),
            ));
        };
        let (kind_zh, kind_en) = match args.kind {
            AwardKind::Viral => ("单篇爆文奖", "single viral note award"),
            AwardKind::Ranking => ("累计排名奖", "cumulative ranking award"),
            AwardKind::Honour => ("荣誉奖", "honour award"),
        };
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        store::campaigns::insert_void(&mut *tx, rec.id, args.kind.as_str(), &key, reason, actor.user_id, &now).await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(rec.enterprise_id),
                entity_type: "campaign",
                entity_id: rec.id.to_string(),
                action: "award_voided",
                summary_zh: format!("作废「{}」{kind_zh}第 {rank} 名（{holder}，{key}），由下一位递补", rec.name),
                summary_en: format!(
                    "Voided the {kind_en} rank {rank} ({holder}, {key}) in “{}”; the next moves up",
                    rec.name
                ),
                reason: Some(reason),
                before: Some(json!({"kind": args.kind, "key": key, "rank": rank})),
                after: None,
            },
        )
        .await?;
        let void = VoidedAward { kind: args.kind, key: key.clone() };
        self.store_result(&mut tx, &rec, ("voided", actor.user_id, &now), false, Some(void)).await?;
        tx.commit().await?;
        self.board_view(&rec).await
    }

    /// Confirms the awards of an ended campaign: the result is stored with its input and no longer changes.
    pub async fn confirm_awards(&self, actor: &Actor, args: CampaignArgs) -> CoreResult<CampaignBoard> {
        let rec = self.campaign_for(actor, Permission::ManageCampaigns, args.campaign_id).await?;
        refuse_if_confirmed(&rec)?;
        if status_on(&rec, self.clock.today()) != CampaignStatus::Ended {
            return Err(CoreError::refused(
                ErrorCode::CampaignNotEnded,
                "I-1",
                format!("活动 {} 结束后才能确认获奖名单", rec.end_date),
                format!("Awards can be confirmed once the campaign has ended ({})", rec.end_date),
                None,
            ));
        }
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let (version, c) = self.store_result(&mut tx, &rec, ("confirmed", actor.user_id, &now), true, None).await?;
        store::campaigns::set_confirmed(&mut *tx, rec.id, actor.user_id, &now).await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(rec.enterprise_id),
                entity_type: "campaign",
                entity_id: rec.id.to_string(),
                action: "awards_confirmed",
                summary_zh: format!(
                    "确认「{}」获奖名单：单篇爆文奖 {} 人、累计排名奖 {} 人、荣誉奖 {} 人（第 {version} 版）",
                    rec.name,
                    c.board.viral.len(),
                    c.board.ranking.len(),
                    c.board.honour.len()
                ),
                summary_en: format!(
                    "Confirmed the awards of “{}”: {} viral, {} ranking, {} honour (v{version})",
                    rec.name,
                    c.board.viral.len(),
                    c.board.ranking.len(),
                    c.board.honour.len()
                ),
                reason: None,
                before: None,
                after: Some(json!({"version": version, "board": c.board})),
            },
        )
        .await?;
        tx.commit().await?;
        let rec = store::campaigns::get(self.db.pool(), rec.id)
            .await?
            .ok_or_else(|| CoreError::not_found("campaign", rec.id))?;
        self.board_view(&rec).await
    }
}

fn campaign_json(c: &Campaign) -> serde_json::Value {
    json!({"name": c.name, "start_date": c.start_date, "end_date": c.end_date, "scope": c.scope, "rules": c.rules})
}

fn refuse_if_confirmed(rec: &CampaignRecord) -> CoreResult<()> {
    if rec.status == "confirmed" {
        return Err(CoreError::refused(
            ErrorCode::CampaignConfirmed,
            "I-1",
            "获奖名单已确认，活动不能再修改",
            "The awards are confirmed; the campaign can no longer change",
            None,
        ));
    }
    Ok(())
}
