//! 领导看板 (I-1..I-3): a campaign's board as a leader reads it on a meeting-room display, for the whole
//! campaign or narrowed to one store or city: the podium, the top 10, the single-note board and each
//! person's trend over the period.
//!
//! Whole campaign: the lists are the awards themselves (I-3 podium, I-2 top 10, I-1 notes). Narrowed: the
//! same three races run over the store's or city's staff alone (voids still apply), and every row says
//! which of the campaign's real awards that person or note holds: awards are decided campaign-wide.
//!
//! The trend is each person's running total as the board counts it, day by day: a note adds what its
//! latest daily snapshot on or before that day says, so the last day equals the board's total.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use specta::Type;

use super::campaign_compute::{base_parts, secs};
use super::campaigns::{day_start, db_json, parse_date, CampaignBoard, CampaignScope};
use super::Service;
use crate::analytics::Parts;
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult};
use crate::incentives::engine::{AwardFlag, AwardKind, Board, NoteAward, PersonAward};
use crate::store;
use crate::store::campaigns::{CampaignRecord, TrendNote};

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct LeaderViewArgs {
    pub campaign_id: i64,
    /// narrow to one store in the campaign's scope
    #[serde(default)]
    pub store_id: Option<i64>,
    /// narrow to one city in the campaign's scope
    #[serde(default)]
    pub city: Option<String>,
}

/// A person on the leader view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LeaderPerson {
    /// place in this view (1 = first)
    pub place: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub store_name: String,
    pub city: String,
    pub total_interactions: i64,
    pub notes: i64,
    /// the campaign's awards this person holds (I-1 for one of their notes)
    pub awards: Vec<AwardKind>,
    pub flags: Vec<AwardFlag>,
}

/// A note on the leader view's single-note board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LeaderNote {
    pub place: i64,
    pub note_id: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub store_name: String,
    pub title: String,
    pub note_url: String,
    pub interactions: i64,
    /// holds one of the campaign's I-1 awards
    pub awarded: bool,
    pub flags: Vec<AwardFlag>,
}

/// A store the view can be narrowed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ScopeStore {
    pub id: i64,
    pub name: String,
    pub city: String,
}

/// One person's running total, a value per day of `LeaderView::dates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TrendLine {
    pub staff_id: i64,
    pub staff_name: String,
    pub values: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct LeaderView {
    /// the campaign's board (the awards), as `campaign_board` gives it
    pub board: CampaignBoard,
    pub store_id: Option<i64>,
    pub city: Option<String>,
    /// I-3 places (narrowed: the store's or city's first three)
    pub podium: Vec<LeaderPerson>,
    /// I-2 places (narrowed: the store's or city's first ones, as many as the award has)
    pub people: Vec<LeaderPerson>,
    /// I-1 places (narrowed: the store's or city's best notes, one per person)
    pub notes: Vec<LeaderNote>,
    /// the period's days up to today (Asia/Shanghai), `YYYY-MM-DD`
    pub dates: Vec<String>,
    /// the running totals of `people`, in their order
    pub trend: Vec<TrendLine>,
    /// the stores and cities in the campaign's scope, for the filter
    pub stores: Vec<ScopeStore>,
    pub cities: Vec<String>,
}

/// Which of the board's awards each person holds.
fn awards_held(board: &Board) -> HashMap<i64, Vec<AwardKind>> {
    let mut held: HashMap<i64, Vec<AwardKind>> = HashMap::new();
    let people =
        |kind: AwardKind, list: &[PersonAward]| list.iter().map(move |p| (p.staff_id, kind)).collect::<Vec<_>>();
    for (staff, kind) in board
        .viral
        .iter()
        .map(|n| (n.staff_id, AwardKind::Viral))
        .chain(people(AwardKind::Ranking, &board.ranking))
        .chain(people(AwardKind::Honour, &board.honour))
    {
        held.entry(staff).or_default().push(kind);
    }
    held
}

fn person(p: &PersonAward, held: &HashMap<i64, Vec<AwardKind>>) -> LeaderPerson {
    LeaderPerson {
        place: p.rank,
        staff_id: p.staff_id,
        staff_name: p.staff_name.clone(),
        store_name: p.store_name.clone(),
        city: p.city.clone(),
        total_interactions: p.total_interactions,
        notes: p.notes,
        awards: held.get(&p.staff_id).cloned().unwrap_or_default(),
        flags: p.flags.clone(),
    }
}

fn note(n: &NoteAward, awarded: &BTreeSet<&str>) -> LeaderNote {
    LeaderNote {
        place: n.rank,
        note_id: n.note_id.clone(),
        staff_id: n.staff_id,
        staff_name: n.staff_name.clone(),
        store_name: n.store_name.clone(),
        title: n.title.clone(),
        note_url: n.note_url.clone(),
        interactions: n.interactions,
        awarded: awarded.contains(n.note_id.as_str()),
        flags: n.flags.clone(),
    }
}

impl Service {
    /// 领导看板: the campaign's board for a meeting-room display, whole or narrowed to a store or city,
    /// with each listed person's running total per day.
    pub async fn campaign_leader_view(&self, actor: &Actor, args: LeaderViewArgs) -> CoreResult<LeaderView> {
        let rec = self.campaign_for(actor, Permission::ViewCampaigns, args.campaign_id).await?;
        let pool = self.db.pool();
        let scope: CampaignScope = db_json("scope", &rec.scope_json)?;
        let mut stores: Vec<ScopeStore> = store::analytics::list_stores(pool, rec.enterprise_id)
            .await?
            .into_iter()
            .filter(|(id, _, city)| scope.includes(*id, city))
            .map(|(id, name, city)| ScopeStore { id, name, city })
            .collect();
        stores.sort_by(|a, b| (&a.city, a.id).cmp(&(&b.city, b.id)));
        let cities: Vec<String> = stores.iter().map(|s| s.city.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let city = args.city.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string);
        if let Some(id) = args.store_id {
            if !stores.iter().any(|s| s.id == id) {
                return Err(CoreError::invalid(
                    "store_id",
                    "该门店不在本活动范围内",
                    "That store is not in this campaign's scope",
                ));
            }
        }
        if let Some(c) = &city {
            if !cities.contains(c) {
                return Err(CoreError::invalid(
                    "city",
                    format!("城市「{c}」不在本活动范围内"),
                    format!("{c} is not in this campaign's scope"),
                ));
            }
        }

        let narrowed = args.store_id.is_some() || city.is_some();
        let staff: Option<BTreeSet<i64>> = if narrowed {
            let ids: Vec<i64> = stores
                .iter()
                .filter(|s| args.store_id.is_none_or(|id| s.id == id) && city.as_ref().is_none_or(|c| &s.city == c))
                .map(|s| s.id)
                .collect();
            // no store meets both filters: nobody (an empty list would mean the whole brand)
            let staff = if ids.is_empty() {
                Vec::new()
            } else {
                store::campaigns::list_staff_in_scope(pool, rec.enterprise_id, &ids, &[]).await?
            };
            Some(staff.into_iter().collect())
        } else {
            None
        };
        let (board, local) = self.board_view_narrowed(&rec, staff.as_ref()).await?;
        let held = awards_held(&board.board);
        let awarded: BTreeSet<&str> = board.board.viral.iter().map(|n| n.note_id.as_str()).collect();
        let shown = local.as_ref().unwrap_or(&board.board);
        let podium: Vec<LeaderPerson> = shown.honour.iter().map(|p| person(p, &held)).collect();
        let people: Vec<LeaderPerson> = shown.ranking.iter().map(|p| person(p, &held)).collect();
        let notes: Vec<LeaderNote> = shown.viral.iter().map(|n| note(n, &awarded)).collect();
        let (dates, trend) = self.leader_trend(&rec, &board, &people).await?;
        Ok(LeaderView { board, store_id: args.store_id, city, podium, people, notes, dates, trend, stores, cities })
    }

    /// Each person's running total per day of the period up to today, as the board counts it: a note
    /// counts its latest snapshot on or before the day (with no snapshot then, its latest metrics once
    /// they date from then, else 0); a running campaign's last day counts the latest metrics, as the board
    /// does; organic only: a boosted note stays at its counters from before the boost.
    async fn leader_trend(
        &self,
        rec: &CampaignRecord,
        board: &CampaignBoard,
        people: &[LeaderPerson],
    ) -> CoreResult<(Vec<String>, Vec<TrendLine>)> {
        let start = parse_date("start_date", &rec.start_date)?;
        let end = parse_date("end_date", &rec.end_date)?;
        let today = self.clock.today();
        let last = end.min(today);
        if last < start || people.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let dates: Vec<String> = start.iter_days().take_while(|d| *d <= last).map(|d| d.to_string()).collect();
        let running = board.metrics_as_of == "latest";
        let rules = &board.campaign.rules;
        let pool = self.db.pool();
        let staff_ids: Vec<i64> = people.iter().map(|p| p.staff_id).collect();
        let until = end.succ_opt().unwrap_or(end);
        let (from, until) = (day_start(start), day_start(until));
        // a running board counts the column store's notes: take the same ones from there (no SQL)
        let columns = if running { Some(self.analytics.columns(pool, rec.enterprise_id).await?) } else { None };
        let mut notes: Vec<TrendNote> = match columns.as_deref().filter(|c| c.exact) {
            Some(cols) => {
                let (from, until) = (secs(&from), secs(&until));
                staff_ids
                    .iter()
                    .filter_map(|id| Some((*id, cols.staff_index(*id)?)))
                    .flat_map(|(id, s)| cols.staff_rows(s, from, until).iter().map(move |&i| (id, i as usize)))
                    .map(|(staff_id, i)| {
                        let p = cols.parts(i);
                        TrendNote {
                            id: cols.row_id[i],
                            staff_id,
                            metrics_date: String::new(), // read below for the notes with no snapshot
                            likes: p.likes,
                            collects: p.collects,
                            comments: p.comments,
                            shares: p.shares,
                            unsplit: p.unsplit,
                        }
                    })
                    .collect()
            }
            None => store::campaigns::list_trend_notes(pool, rec.enterprise_id, &staff_ids, &from, &until).await?,
        };
        notes.sort_unstable_by_key(|n| n.id);
        let ids: Vec<i64> = notes.iter().map(|n| n.id).collect();
        let last_text = last.to_string();
        let snapshots = store::campaigns::list_trend_snapshots(pool, &ids, &last_text).await?;
        if notes.iter().any(|n| n.metrics_date.is_empty()) {
            let with: BTreeSet<i64> = snapshots.iter().map(|s| s.note_row_id).collect();
            let bare: Vec<i64> = ids.iter().copied().filter(|id| !with.contains(id)).collect();
            let dates: HashMap<i64, String> =
                store::campaigns::list_metrics_dates(pool, &bare).await?.into_iter().collect();
            for n in notes.iter_mut().filter(|n| n.metrics_date.is_empty()) {
                n.metrics_date = dates.get(&n.id).cloned().unwrap_or_default();
            }
        }
        // boosts that count (started by the day the metrics are taken at), with their counters before
        let boost_day = if running { today.to_string() } else { rec.end_date.clone() };
        let boosts: HashMap<i64, (String, i64)> = if rules.organic_only {
            store::campaigns::list_boost_baselines(pool, rec.enterprise_id)
                .await?
                .into_iter()
                .filter(|b| b.starts_on <= boost_day)
                .map(|b| (b.note_row_id, (b.starts_on.clone(), base_parts(&b).interactions(rules.count_shares))))
                .collect()
        } else {
            HashMap::new()
        };
        // 互动 as the board counts it
        let count = |likes, collects, comments, shares, unsplit| {
            Parts { likes, collects, comments, shares, unsplit }.interactions(rules.count_shares)
        };
        let line_of: HashMap<i64, usize> = staff_ids.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        // each note's value changes on a few days only: add each change to its person's line once, then
        // sum the changes along the days
        let first_day_from = |date: &str| dates.partition_point(|d| d.as_str() < date);
        let last = dates.len() - 1;
        let mut changes: Vec<Vec<i64>> = vec![vec![0; dates.len()]; people.len()];
        let mut steps: Vec<(usize, i64)> = Vec::new();
        let mut snaps = snapshots.iter().peekable();
        for n in &notes {
            steps.clear();
            // the note's snapshots (both lists are ordered by note row id)
            while snaps.next_if(|s| s.note_row_id < n.id).is_some() {}
            while let Some(s) = snaps.next_if(|s| s.note_row_id == n.id) {
                steps.push((first_day_from(&s.date), count(s.likes, s.collects, s.comments, s.shares, s.unsplit)));
            }
            let latest = count(n.likes, n.collects, n.comments, n.shares, n.unsplit);
            if steps.is_empty() {
                steps.push((first_day_from(&n.metrics_date), latest));
            }
            if running {
                steps.retain(|(d, _)| *d < last);
                steps.push((last, latest));
            }
            if let Some((starts_on, base)) = boosts.get(&n.id) {
                let from = first_day_from(starts_on);
                steps.retain(|(d, _)| *d < from);
                steps.push((from, *base));
            }
            let Some(&line) = line_of.get(&n.staff_id) else { continue };
            let mut before = 0;
            for &(d, v) in steps.iter().filter(|(d, _)| *d <= last) {
                changes[line][d] += v - before;
                before = v;
            }
        }
        let lines: Vec<Vec<i64>> = changes
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .scan(0, |total, change| {
                        *total += change;
                        Some(*total)
                    })
                    .collect()
            })
            .collect();
        let trend = people
            .iter()
            .zip(lines)
            .map(|(p, values)| TrendLine { staff_id: p.staff_id, staff_name: p.staff_name.clone(), values })
            .collect();
        Ok((dates, trend))
    }
}
