//! How a campaign's board is computed (I-1..I-3). Two paths give the same board:
//! - running (metrics "latest"): per-person totals and each person's best note summed from the analytics
//!   column store, then `engine::compute_ranked` — no 1M candidates are built;
//! - ended (metrics as of the end date): every candidate note from SQL with its snapshot, then
//!   `engine::compute`; a confirmed result keeps those candidates.
//!
//! Both then add what leaders read (title, link, 小红书号, store, city), organic counting for boosted notes,
//! and the jump flags, which compare with the person's own history in the column store.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::campaigns::{day_start, db_json, parse_date, CampaignArgs, CampaignBoard, CampaignScope};
use super::Service;
use crate::analytics::board::{Boost, Counting, PeriodQuery};
use crate::analytics::columns::{hex12, parse_hex12, time_text};
use crate::analytics::{NoteColumns, Parts};
use crate::authz::{Actor, Permission};
use crate::clock::parse_ts;
use crate::error::CoreResult;
use crate::incentives::engine::{
    self, AwardFlag, AwardKind, AwardRules, Board, Candidate, NoteEntry, PersonEntry, Standing, VoidedAward,
    JUMP_NOTE_LOOKBACK_DAYS, JUMP_PERSON_PERIODS,
};
use crate::store;
use crate::store::campaigns::{BoostBaseline, CampaignRecord};

/// The input a confirmed result was computed from, kept with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct FrozenInput {
    pub candidates: Vec<Candidate>,
    pub voided: Vec<VoidedAward>,
}

pub(super) struct Computed {
    pub board: Board,
    pub metrics_as_of: String,
    pub notes_considered: i64,
    /// the candidates and voids (ended campaigns, whose confirmed result keeps them)
    pub input: Option<FrozenInput>,
}

/// Which way to compute a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Path {
    /// the column store while the campaign runs, SQL once it has ended
    Auto,
    /// always every candidate from SQL (the reference the fast path is held to)
    Sql,
}

/// What the engine takes for one campaign, and what flags and standings need besides.
struct Inputs {
    rules: AwardRules,
    voided: Vec<VoidedAward>,
    /// SQL path: every candidate; column path: `None`
    candidates: Option<Vec<Candidate>>,
    /// column path: each person's best note and every person's totals
    ranked: (Vec<NoteEntry>, Vec<PersonEntry>),
    notes_considered: i64,
    metrics_as_of: String,
    columns: Arc<NoteColumns>,
    boosts: Vec<Boost>,
    /// Unix seconds of the period, `[from, until)`
    from: i64,
    until: i64,
}

impl Inputs {
    fn counting(&self) -> Counting<'_> {
        Counting { count_shares: self.rules.count_shares, organic_only: self.rules.organic_only, boosts: &self.boosts }
    }
}

/// Unix seconds of a stored UTC timestamp (0 if unreadable).
pub(super) fn secs(text: &str) -> i64 {
    parse_ts(text).map_or(0, |t| t.timestamp())
}

pub(super) fn base_parts(b: &BoostBaseline) -> Parts {
    Parts { likes: b.likes, collects: b.collects, comments: b.comments, shares: b.shares, unsplit: b.unsplit }
}

impl Service {
    async fn campaign_inputs(
        &self,
        rec: &CampaignRecord,
        pending_void: Option<VoidedAward>,
        path: Path,
    ) -> CoreResult<Inputs> {
        let pool = self.db.pool();
        let start = parse_date("start_date", &rec.start_date)?;
        let end = parse_date("end_date", &rec.end_date)?;
        let today = self.clock.today();
        let ended = today > end;
        let as_of = ended.then(|| rec.end_date.clone());
        let rules: AwardRules = db_json("rules", &rec.rules_json)?;
        let scope: CampaignScope = db_json("scope", &rec.scope_json)?;
        let mut voided: Vec<VoidedAward> = store::campaigns::list_voids(pool, rec.id)
            .await?
            .into_iter()
            .filter_map(|v| Some(VoidedAward { kind: AwardKind::parse(&v.kind)?, key: v.award_key }))
            .collect();
        voided.extend(pending_void);
        let (from_text, until_text) = (day_start(start), day_start(end.succ_opt().unwrap_or(end)));
        let columns = self.analytics.columns(pool, rec.enterprise_id).await?;
        // boosts that had started by the day the metrics are taken at
        let boost_day = as_of.clone().unwrap_or_else(|| today.to_string());
        let baselines: Vec<BoostBaseline> = store::campaigns::list_boost_baselines(pool, rec.enterprise_id)
            .await?
            .into_iter()
            .filter(|b| b.starts_on <= boost_day)
            .collect();
        let mut boosts: Vec<Boost> = baselines
            .iter()
            .filter_map(|b| {
                Some(Boost { row: columns.find_row(b.note_row_id, secs(&b.published_at))?, base: base_parts(b) })
            })
            .collect();
        boosts.sort_by_key(|b| b.row);
        let mut inputs = Inputs {
            rules,
            voided,
            candidates: None,
            ranked: (Vec::new(), Vec::new()),
            notes_considered: 0,
            metrics_as_of: as_of.clone().unwrap_or_else(|| "latest".into()),
            from: secs(&from_text),
            until: secs(&until_text),
            columns,
            boosts,
        };
        if !ended && path == Path::Auto && inputs.columns.exact {
            self.sum_from_columns(rec, &scope, &mut inputs).await?;
        } else {
            let rows =
                store::campaigns::list_candidates(pool, rec.enterprise_id, &from_text, &until_text, as_of.as_deref())
                    .await?;
            let by_note: HashMap<&str, &BoostBaseline> = baselines.iter().map(|b| (b.note_id.as_str(), b)).collect();
            let r = &inputs.rules;
            let candidates: Vec<Candidate> = rows
                .into_iter()
                .filter(|row| scope.includes(row.store_id, &row.city))
                .map(|row| {
                    let mut c = Candidate {
                        note_id: row.note_id,
                        staff_id: row.staff_id,
                        staff_name: row.staff_name,
                        published_at: row.published_at,
                        likes: row.likes,
                        collects: row.collects,
                        comments: row.comments,
                        shares: row.shares,
                        unsplit: row.unsplit,
                        boosted_at_interactions: None,
                    };
                    if let Some(b) = by_note.get(c.note_id.as_str()) {
                        let base = base_parts(b);
                        c.boosted_at_interactions = Some(base.interactions(r.count_shares));
                        if r.organic_only {
                            (c.likes, c.collects, c.comments, c.shares, c.unsplit) =
                                (base.likes, base.collects, base.comments, base.shares, base.unsplit);
                        }
                    }
                    c
                })
                .collect();
            inputs.notes_considered = candidates.len() as i64;
            inputs.candidates = Some(candidates);
        }
        Ok(inputs)
    }

    /// The column path: one pass over the period gives every person's totals and best note.
    async fn sum_from_columns(
        &self,
        rec: &CampaignRecord,
        scope: &CampaignScope,
        inputs: &mut Inputs,
    ) -> CoreResult<()> {
        let cols = inputs.columns.clone();
        let in_scope = if scope.store_ids.is_empty() && scope.cities.is_empty() {
            None
        } else {
            let ids = store::campaigns::list_staff_in_scope(
                self.db.pool(),
                rec.enterprise_id,
                &scope.store_ids,
                &scope.cities,
            )
            .await?;
            let mut v = vec![false; cols.staff_ids.len()];
            for s in ids.iter().filter_map(|id| cols.staff_index(*id)) {
                v[s as usize] = true;
            }
            Some(v)
        };
        let mut void_notes: Vec<[u8; 12]> =
            inputs.voided.iter().filter(|v| v.kind == AwardKind::Viral).filter_map(|v| parse_hex12(&v.key)).collect();
        void_notes.sort_unstable();
        let sums = cols.period_sums(&PeriodQuery {
            from: inputs.from,
            until: inputs.until,
            counting: inputs.counting(),
            in_scope: in_scope.as_deref(),
            viral_min_interactions: inputs.rules.viral_min_interactions,
            void_notes: &void_notes,
        });
        let staff_id = |s: u32| cols.staff_ids.get(s as usize).copied().unwrap_or_default();
        let notes = sums
            .best
            .iter()
            .map(|b| NoteEntry {
                note_id: hex12(&cols.note_id[b.row]),
                staff_id: staff_id(cols.staff[b.row]),
                staff_name: String::new(),
                published_at: time_text(cols.published[b.row]),
                interactions: b.interactions,
                boosted_at_interactions: b.boosted_at,
            })
            .collect();
        let people = sums
            .people
            .iter()
            .map(|p| PersonEntry {
                staff_id: staff_id(p.staff),
                staff_name: String::new(),
                total: p.total,
                notes: p.notes,
                first_published_at: time_text(p.first),
            })
            .collect();
        inputs.ranked = (notes, people);
        inputs.notes_considered = sums.notes;
        Ok(())
    }

    /// The live board: notes published in the period by the brand's staff accounts (bound to the brand at
    /// publish time), in scope, with metrics as of the end date once the campaign has ended.
    /// `pending_void`: a void written in the caller's uncommitted transaction.
    pub(super) async fn compute_campaign(
        &self,
        rec: &CampaignRecord,
        pending_void: Option<VoidedAward>,
        path: Path,
    ) -> CoreResult<Computed> {
        Ok(self.compute_campaign_narrowed(rec, pending_void, path, None).await?.0)
    }

    /// The live board and, from the same inputs (one pass over the period), the same races over `narrow`'s
    /// staff alone (the leader view of a store or city).
    pub(super) async fn compute_campaign_narrowed(
        &self,
        rec: &CampaignRecord,
        pending_void: Option<VoidedAward>,
        path: Path,
        narrow: Option<&BTreeSet<i64>>,
    ) -> CoreResult<(Computed, Option<Board>)> {
        let mut inputs = self.campaign_inputs(rec, pending_void, path).await?;
        let (notes, people) = std::mem::take(&mut inputs.ranked);
        let (rules, voided) = (&inputs.rules, &inputs.voided);
        let narrowed = narrow.map(|staff| match &inputs.candidates {
            Some(c) => compute_for_staff(c, staff, rules, voided),
            None => engine::compute_ranked(
                notes.iter().filter(|n| staff.contains(&n.staff_id)).cloned().collect(),
                people.iter().filter(|p| staff.contains(&p.staff_id)).cloned().collect(),
                rules,
                voided,
            ),
        });
        let mut board = match &inputs.candidates {
            Some(c) => engine::compute(c, rules, voided),
            None => engine::compute_ranked(notes, people, rules, voided),
        };
        self.dress_board(&mut board, false).await?;
        flag_board(&mut board, &inputs);
        let narrowed = match narrowed {
            Some(mut b) => {
                self.dress_board(&mut b, false).await?;
                flag_board(&mut b, &inputs);
                Some(b)
            }
            None => None,
        };
        let computed = Computed {
            board,
            metrics_as_of: inputs.metrics_as_of.clone(),
            notes_considered: inputs.notes_considered,
            input: inputs.candidates.map(|candidates| FrozenInput { candidates, voided: inputs.voided }),
        };
        Ok((computed, narrowed))
    }

    /// Where a staff member stands now in a campaign (the employee dashboard, D-1).
    pub(super) async fn campaign_standing(&self, rec: &CampaignRecord, staff_id: i64) -> CoreResult<Standing> {
        let mut inputs = self.campaign_inputs(rec, None, Path::Auto).await?;
        let (notes, people) = match inputs.candidates.take() {
            Some(c) => engine::entries(&c, &inputs.rules),
            None => std::mem::take(&mut inputs.ranked),
        };
        Ok(engine::standing(notes, people, &inputs.rules, &inputs.voided, staff_id))
    }

    /// Adds what leaders read to each award: note title and link, 小红书号, store and city, the staff name
    /// as stored now. `only_missing`: keep what a stored board already has (older boards lack the fields).
    pub(super) async fn dress_board(&self, board: &mut Board, only_missing: bool) -> CoreResult<()> {
        let pool = self.db.pool();
        let note_ids: Vec<&str> = board.viral.iter().map(|a| a.note_id.as_str()).collect();
        let notes: HashMap<String, store::campaigns::AwardNote> = store::campaigns::list_award_notes(pool, &note_ids)
            .await?
            .into_iter()
            .map(|n| (n.note_id.clone(), n))
            .collect();
        let mut staff_ids: Vec<i64> = board
            .viral
            .iter()
            .map(|a| a.staff_id)
            .chain(board.ranking.iter().chain(&board.honour).map(|a| a.staff_id))
            .collect();
        staff_ids.sort_unstable();
        staff_ids.dedup();
        let staff: HashMap<i64, store::campaigns::AwardStaff> =
            store::campaigns::list_award_staff(pool, &staff_ids).await?.into_iter().map(|s| (s.staff_id, s)).collect();
        let set = |field: &mut String, value: &str| {
            if !only_missing || field.is_empty() {
                *field = value.to_string();
            }
        };
        for a in &mut board.viral {
            if let Some(n) = notes.get(&a.note_id) {
                set(&mut a.title, &n.title);
                set(&mut a.xhs_id, &n.xhs_id);
            }
            set(&mut a.note_url, &crate::note_file::note_url(&a.note_id));
            if let Some(s) = staff.get(&a.staff_id) {
                set(&mut a.staff_name, &s.name);
                set(&mut a.store_name, &s.store_name);
            }
        }
        for a in board.ranking.iter_mut().chain(board.honour.iter_mut()) {
            if let Some(s) = staff.get(&a.staff_id) {
                set(&mut a.staff_name, &s.name);
                set(&mut a.store_name, &s.store_name);
                set(&mut a.city, &s.city);
                set(&mut a.xhs_id, s.xhs_id.as_deref().unwrap_or_default());
            }
        }
        Ok(())
    }

    /// The board computed the old way whatever the campaign's state: every candidate note from SQL through
    /// `engine::compute`. Not a command: the tests hold the column path to it.
    #[doc(hidden)]
    pub async fn campaign_board_via_sql(&self, actor: &Actor, args: CampaignArgs) -> CoreResult<CampaignBoard> {
        let rec = self.campaign_for(actor, Permission::ViewCampaigns, args.campaign_id).await?;
        let c = self.compute_campaign(&rec, None, Path::Sql).await?;
        let live = self.board_view(&rec).await?;
        Ok(CampaignBoard {
            board: c.board,
            frozen: false,
            metrics_as_of: c.metrics_as_of,
            notes_considered: c.notes_considered,
            ..live
        })
    }
}

/// The three races over the candidates of `staff` alone (a store's or city's leader view).
pub(super) fn compute_for_staff(
    candidates: &[Candidate],
    staff: &BTreeSet<i64>,
    rules: &AwardRules,
    voided: &[VoidedAward],
) -> Board {
    let theirs: Vec<Candidate> = candidates.iter().filter(|c| staff.contains(&c.staff_id)).cloned().collect();
    engine::compute(&theirs, rules, voided)
}

/// Flags awards far above the person's own history (never removes one).
fn flag_board(board: &mut Board, inputs: &Inputs) {
    let cols = &inputs.columns;
    let counting = inputs.counting();
    let day = 86_400;
    let lookback = (inputs.from - JUMP_NOTE_LOOKBACK_DAYS * day, inputs.from);
    let (note_factor, person_factor) = (inputs.rules.jump_note_factor, inputs.rules.jump_person_factor);
    for a in board.viral.iter_mut().filter(|_| note_factor > 0) {
        let Some(s) = cols.staff_index(a.staff_id) else { continue };
        let Some((best, n)) = cols.staff_best(s, lookback.0, lookback.1, &counting) else { continue };
        if a.interactions > inputs.rules.viral_min_interactions && a.interactions > note_factor * best {
            a.flags.push(AwardFlag {
                code: "note_jump".into(),
                zh: format!(
                    "互动数 {} 超过作者活动开始前 {JUMP_NOTE_LOOKBACK_DAYS} 天 {n} 篇笔记中最高互动数（{best}）的 {note_factor} 倍，请核实",
                    a.interactions
                ),
                en: format!(
                    "{} interactions: more than {note_factor}× the best ({best}) of the author's {n} notes of the {JUMP_NOTE_LOOKBACK_DAYS} days before the campaign; check before paying out",
                    a.interactions
                ),
            });
        }
    }
    let len = inputs.until - inputs.from;
    let days = len / day;
    for a in board.ranking.iter_mut().chain(board.honour.iter_mut()).filter(|_| person_factor > 0) {
        let Some(s) = cols.staff_index(a.staff_id) else { continue };
        let (mut total, mut notes) = (0, 0);
        for k in 1..=JUMP_PERSON_PERIODS {
            let (t, n) = cols.staff_total(s, inputs.from - k * len, inputs.from - (k - 1) * len, &counting);
            total += t;
            notes += n;
        }
        if notes > 0 && JUMP_PERSON_PERIODS * a.total_interactions > person_factor * total {
            let avg = total as f64 / JUMP_PERSON_PERIODS as f64;
            a.flags.push(AwardFlag {
                code: "person_jump".into(),
                zh: format!(
                    "累计互动数 {} 超过其前 {JUMP_PERSON_PERIODS} 个同等时长周期（各 {days} 天）平均值（{avg:.1}）的 {person_factor} 倍，请核实",
                    a.total_interactions
                ),
                en: format!(
                    "{} interactions in total: more than {person_factor}× their average ({avg:.1}) over the previous {JUMP_PERSON_PERIODS} periods of {days} days; check before paying out",
                    a.total_interactions
                ),
            });
        }
    }
}

/// A narrowed board from a frozen input has no jump flags of its own: it takes the frozen board's.
pub(super) fn copy_flags(board: &mut Board, frozen: &Board) {
    let people: HashMap<i64, &Vec<AwardFlag>> =
        frozen.ranking.iter().chain(&frozen.honour).map(|p| (p.staff_id, &p.flags)).collect();
    let notes: HashMap<&str, &Vec<AwardFlag>> = frozen.viral.iter().map(|n| (n.note_id.as_str(), &n.flags)).collect();
    for p in board.ranking.iter_mut().chain(board.honour.iter_mut()) {
        if let Some(f) = people.get(&p.staff_id) {
            p.flags = (*f).clone();
        }
    }
    for n in &mut board.viral {
        if let Some(f) = notes.get(n.note_id.as_str()) {
            n.flags = (*f).clone();
        }
    }
}
