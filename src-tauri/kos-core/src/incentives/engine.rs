//! The award engine: plain values in, the I-1/I-2/I-3 boards out. No database, no clock.
//!
//! Interactions (互动) = likes + collects + comments (+ shares when the campaign says so).
//! - I-1 单篇爆文奖: notes with interactions above the threshold, ranked; at most one award per person (a
//!   person's second top note is passed over and the next note by someone else moves up).
//! - I-2 累计排名奖: people ranked by total interactions; stacks with I-1 unless the campaign says not (then
//!   people holding an I-1 award are passed over).
//! - I-3 荣誉奖: the top people by total interactions.
//!
//! Ties: notes by more interactions, then earlier publish time, then note ID; people by more total
//! interactions, then earlier first publish time, then staff id. Voided awards are left out and the next
//! in line moves up.
//!
//! `compute` takes every candidate note; `compute_ranked` takes what the boards really need — each person's
//! totals and the notes above the I-1 threshold (or just each person's best one) — so a brand with 1M notes
//! never builds 1M `Candidate`s (the analytics column store sums them). `compute` is `compute_ranked` over
//! sums it makes itself, so the property tests against the reference cover both.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::rules;

/// A note that may win: one of the brand's notes published within the campaign period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Candidate {
    pub note_id: String,
    pub staff_id: i64,
    pub staff_name: String,
    /// RFC 3339 UTC timestamp as stored (`notes.published_at`); compared as text
    pub published_at: String,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    /// interactions the platform gave only as a total (互动量 without 点赞/收藏/评论): that total less the known
    /// parts; 0 when the parts are known (issue 10). I-1, I-2 and I-3 count it like the parts.
    #[serde(default)]
    #[specta(optional)]
    pub unsplit: i64,
    /// interactions when the note was boosted (薯条), if it was; carried to the board for the reader, not
    /// used in ranking yet
    pub boosted_at_interactions: Option<i64>,
}

/// A campaign's award rules. Defaults are the rule settings (I-1..I-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AwardRules {
    /// count shares as interactions too
    pub count_shares: bool,
    /// I-1: a note must have MORE interactions than this
    pub viral_min_interactions: i64,
    pub viral_top_n: i64,
    pub viral_award_yuan: i64,
    pub ranking_top_n: i64,
    pub ranking_award_yuan: i64,
    pub honour_top_n: i64,
    /// I-2 stacks with I-1 (the deck's scheme); when false, I-1 winners are passed over in I-2
    pub ranking_stacks_with_viral: bool,
    /// count only organic interactions: a note boosted with 内容加热 counts its interactions as of the day
    /// before the boost started (its latest daily snapshot dated before then, else 0)
    #[serde(default)]
    #[specta(optional)]
    pub organic_only: bool,
    /// jump flag on an I-1 note with more than this many times the best interactions of its author's notes
    /// of the 90 days before the campaign; 0: no note flags
    #[serde(default = "default_jump_note_factor")]
    #[specta(optional)]
    pub jump_note_factor: i64,
    /// jump flag on an I-2/I-3 person whose total is more than this many times their average over the two
    /// periods of the same length before; 0: no person flags
    #[serde(default = "default_jump_person_factor")]
    #[specta(optional)]
    pub jump_person_factor: i64,
}

fn default_jump_note_factor() -> i64 {
    JUMP_NOTE_FACTOR
}

fn default_jump_person_factor() -> i64 {
    JUMP_PERSON_FACTOR
}

/// The highest jump factor a campaign may set.
pub const JUMP_FACTOR_MAX: i64 = 100;

impl AwardRules {
    /// The deck's scheme with the built-in defaults of the rule settings.
    pub fn deck_defaults() -> AwardRules {
        let v = |key| rules::find(key).map(|r| r.default).unwrap_or(0);
        AwardRules {
            count_shares: false,
            viral_min_interactions: v(rules::VIRAL_MIN_INTERACTIONS),
            viral_top_n: v(rules::VIRAL_TOP_N),
            viral_award_yuan: v(rules::VIRAL_AWARD_YUAN),
            ranking_top_n: v(rules::RANKING_TOP_N),
            ranking_award_yuan: v(rules::RANKING_AWARD_YUAN),
            honour_top_n: v(rules::HONOUR_TOP_N),
            ranking_stacks_with_viral: true,
            organic_only: false,
            jump_note_factor: JUMP_NOTE_FACTOR,
            jump_person_factor: JUMP_PERSON_FACTOR,
        }
    }

    pub fn interactions(&self, c: &Candidate) -> i64 {
        c.likes + c.collects + c.comments + c.unsplit + if self.count_shares { c.shares } else { 0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AwardKind {
    /// I-1, keyed by note ID
    Viral,
    /// I-2, keyed by staff id
    Ranking,
    /// I-3, keyed by staff id
    Honour,
}

impl AwardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AwardKind::Viral => "viral",
            AwardKind::Ranking => "ranking",
            AwardKind::Honour => "honour",
        }
    }

    pub fn parse(s: &str) -> Option<AwardKind> {
        [AwardKind::Viral, AwardKind::Ranking, AwardKind::Honour].into_iter().find(|k| k.as_str() == s)
    }
}

/// A voided award: the I-1 note (`key` = note ID) or the I-2/I-3 person (`key` = staff id) is left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
pub struct VoidedAward {
    pub kind: AwardKind,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct NoteAward {
    pub rank: i64,
    pub note_id: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub published_at: String,
    pub interactions: i64,
    pub boosted_at_interactions: Option<i64>,
    pub amount_yuan: i64,
    /// 笔记标题 (boards stored before it was added read it as empty)
    #[serde(default)]
    #[specta(optional)]
    pub title: String,
    /// https://www.xiaohongshu.com/explore/<note_id>
    #[serde(default)]
    #[specta(optional)]
    pub note_url: String,
    /// 小红书号 of the account that published the note
    #[serde(default)]
    #[specta(optional)]
    pub xhs_id: String,
    #[serde(default)]
    #[specta(optional)]
    pub store_name: String,
    /// reasons to look again before paying out (never removes the award)
    #[serde(default)]
    #[specta(optional)]
    pub flags: Vec<AwardFlag>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PersonAward {
    pub rank: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub total_interactions: i64,
    pub notes: i64,
    pub first_published_at: String,
    /// cash voucher (I-2); 0 for I-3, whose prize is brand merchandise
    pub amount_yuan: i64,
    #[serde(default)]
    #[specta(optional)]
    pub store_name: String,
    #[serde(default)]
    #[specta(optional)]
    pub city: String,
    /// 小红书号 of the person's bound account (the live binding, else the latest)
    #[serde(default)]
    #[specta(optional)]
    pub xhs_id: String,
    /// reasons to look again before paying out (never removes the award)
    #[serde(default)]
    #[specta(optional)]
    pub flags: Vec<AwardFlag>,
}

/// Why an award deserves a second look (a jump far above the person's own history). Shown, never acted on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AwardFlag {
    /// note_jump | person_jump
    pub code: String,
    pub zh: String,
    pub en: String,
}

/// The default note jump factor: a note is flagged when its interactions exceed this many times the person's
/// best note of the lookback days before the campaign (and the I-1 threshold): a viral note by someone who
/// had viral notes is not a jump. A campaign sets its own (`AwardRules::jump_note_factor`).
pub const JUMP_NOTE_FACTOR: i64 = 5;
pub const JUMP_NOTE_LOOKBACK_DAYS: i64 = 90;
/// The default person jump factor: a person is flagged when their period total exceeds this many times their
/// average over the previous `JUMP_PERSON_PERIODS` periods of the same length.
pub const JUMP_PERSON_FACTOR: i64 = 3;
pub const JUMP_PERSON_PERIODS: i64 = 2;

/// A rule as shown beside the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RuleText {
    pub code: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Board {
    /// I-1 单篇爆文奖
    pub viral: Vec<NoteAward>,
    /// I-2 累计排名奖
    pub ranking: Vec<PersonAward>,
    /// I-3 荣誉奖
    pub honour: Vec<PersonAward>,
    pub rules_text: Vec<RuleText>,
}

/// A note in the I-1 race, its interactions already counted by the campaign's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEntry {
    pub note_id: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub published_at: String,
    pub interactions: i64,
    pub boosted_at_interactions: Option<i64>,
}

/// A person's standing over all their candidate notes (I-2, I-3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    pub staff_id: i64,
    pub staff_name: String,
    /// interactions of all their candidate notes
    pub total: i64,
    /// candidate notes
    pub notes: i64,
    pub first_published_at: String,
}

/// Where one person stands in a campaign now, awards or not (1-based; `None`: not in that race).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// rank of the person's best note among each person's best note above the I-1 threshold
    pub viral_rank: Option<i64>,
    /// interactions of that note
    pub best_note_interactions: Option<i64>,
    /// rank in the I-2 order (voids and, when I-2 does not stack, I-1 winners left out)
    pub ranking_rank: Option<i64>,
    pub total_interactions: i64,
}

/// Notes: more interactions first, then earlier publish time, then note ID.
fn note_order(a: &NoteEntry, b: &NoteEntry) -> Ordering {
    b.interactions
        .cmp(&a.interactions)
        .then_with(|| a.published_at.cmp(&b.published_at))
        .then_with(|| a.note_id.cmp(&b.note_id))
}

/// People: more total interactions first, then earlier first publish time, then staff id.
fn person_order(a: &PersonEntry, b: &PersonEntry) -> Ordering {
    b.total
        .cmp(&a.total)
        .then_with(|| a.first_published_at.cmp(&b.first_published_at))
        .then_with(|| a.staff_id.cmp(&b.staff_id))
}

fn top(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Computes the three boards from every candidate note.
pub fn compute(candidates: &[Candidate], rules: &AwardRules, voided: &[VoidedAward]) -> Board {
    let (notes, people) = entries(candidates, rules);
    compute_ranked(notes, people, rules, voided)
}

/// The notes above the I-1 threshold and every person's totals, as `compute_ranked` takes them.
pub fn entries(candidates: &[Candidate], rules: &AwardRules) -> (Vec<NoteEntry>, Vec<PersonEntry>) {
    let notes = candidates
        .iter()
        .map(|c| (c, rules.interactions(c)))
        .filter(|(_, i)| *i > rules.viral_min_interactions)
        .map(|(c, i)| NoteEntry {
            note_id: c.note_id.clone(),
            staff_id: c.staff_id,
            staff_name: c.staff_name.clone(),
            published_at: c.published_at.clone(),
            interactions: i,
            boosted_at_interactions: c.boosted_at_interactions,
        })
        .collect();
    let mut by_staff: BTreeMap<i64, PersonEntry> = BTreeMap::new();
    for c in candidates {
        let p = by_staff.entry(c.staff_id).or_insert_with(|| PersonEntry {
            staff_id: c.staff_id,
            staff_name: c.staff_name.clone(),
            total: 0,
            notes: 0,
            first_published_at: c.published_at.clone(),
        });
        p.total += rules.interactions(c);
        p.notes += 1;
        if c.published_at < p.first_published_at {
            p.first_published_at = c.published_at.clone();
        }
    }
    (notes, by_staff.into_values().collect())
}

/// The I-1 race: each person's best note above the threshold that is not voided, best first. A person's
/// other notes can never win (one award per person), so this is the whole I-1 order.
fn viral_order(notes: Vec<NoteEntry>, rules: &AwardRules, voided: &[VoidedAward]) -> Vec<NoteEntry> {
    let void: BTreeSet<&str> = voided.iter().filter(|v| v.kind == AwardKind::Viral).map(|v| v.key.as_str()).collect();
    let mut best: BTreeMap<i64, NoteEntry> = BTreeMap::new();
    for n in notes {
        if n.interactions <= rules.viral_min_interactions || void.contains(n.note_id.as_str()) {
            continue;
        }
        match best.get(&n.staff_id) {
            Some(b) if note_order(b, &n) != Ordering::Greater => {}
            _ => {
                best.insert(n.staff_id, n);
            }
        }
    }
    let mut order: Vec<NoteEntry> = best.into_values().collect();
    order.sort_by(note_order);
    order
}

/// The I-2 / I-3 order: people with interactions, best first.
fn people_order(mut people: Vec<PersonEntry>) -> Vec<PersonEntry> {
    people.retain(|p| p.total > 0);
    people.sort_by(person_order);
    people
}

struct Orders {
    viral: Vec<NoteEntry>,
    people: Vec<PersonEntry>,
}

impl Orders {
    fn new(notes: Vec<NoteEntry>, people: Vec<PersonEntry>, rules: &AwardRules, voided: &[VoidedAward]) -> Self {
        Orders { viral: viral_order(notes, rules, voided), people: people_order(people) }
    }

    /// I-1 winners' staff ids.
    fn viral_people(&self, rules: &AwardRules) -> BTreeSet<i64> {
        self.viral.iter().take(top(rules.viral_top_n)).map(|n| n.staff_id).collect()
    }

    /// People in the race for `kind`, in order: voided ones and `skip` left out.
    fn race<'a>(
        &'a self,
        kind: AwardKind,
        voided: &'a [VoidedAward],
        skip: &'a BTreeSet<i64>,
    ) -> impl Iterator<Item = &'a PersonEntry> + 'a {
        let void: BTreeSet<String> = voided.iter().filter(|v| v.kind == kind).map(|v| v.key.clone()).collect();
        self.people.iter().filter(move |p| !void.contains(&p.staff_id.to_string()) && !skip.contains(&p.staff_id))
    }

    fn ranking_skip(&self, rules: &AwardRules) -> BTreeSet<i64> {
        if rules.ranking_stacks_with_viral {
            BTreeSet::new()
        } else {
            self.viral_people(rules)
        }
    }
}

/// Computes the three boards from the notes above the I-1 threshold and every person's totals.
///
/// `notes` may hold every candidate note, or only the ones above the threshold, or only each person's best
/// note that is not voided: the boards are the same. Staff names come from `notes` and `people` (they may be
/// empty and filled in by the caller afterwards).
pub fn compute_ranked(
    notes: Vec<NoteEntry>,
    people: Vec<PersonEntry>,
    rules: &AwardRules,
    voided: &[VoidedAward],
) -> Board {
    let orders = Orders::new(notes, people, rules, voided);
    let viral = orders
        .viral
        .iter()
        .take(top(rules.viral_top_n))
        .enumerate()
        .map(|(i, n)| NoteAward {
            rank: i as i64 + 1,
            note_id: n.note_id.clone(),
            staff_id: n.staff_id,
            staff_name: n.staff_name.clone(),
            published_at: n.published_at.clone(),
            interactions: n.interactions,
            boosted_at_interactions: n.boosted_at_interactions,
            amount_yuan: rules.viral_award_yuan,
            title: String::new(),
            note_url: String::new(),
            xhs_id: String::new(),
            store_name: String::new(),
            flags: Vec::new(),
        })
        .collect();
    let pick = |kind: AwardKind, n: i64, amount: i64, skip: &BTreeSet<i64>| -> Vec<PersonAward> {
        orders
            .race(kind, voided, skip)
            .take(top(n))
            .enumerate()
            .map(|(i, p)| PersonAward {
                rank: i as i64 + 1,
                staff_id: p.staff_id,
                staff_name: p.staff_name.clone(),
                total_interactions: p.total,
                notes: p.notes,
                first_published_at: p.first_published_at.clone(),
                amount_yuan: amount,
                store_name: String::new(),
                city: String::new(),
                xhs_id: String::new(),
                flags: Vec::new(),
            })
            .collect()
    };
    let ranking_skip = orders.ranking_skip(rules);
    let ranking = pick(AwardKind::Ranking, rules.ranking_top_n, rules.ranking_award_yuan, &ranking_skip);
    let honour = pick(AwardKind::Honour, rules.honour_top_n, 0, &BTreeSet::new());
    Board { viral, ranking, honour, rules_text: rules_text(rules) }
}

/// Where `staff_id` stands in the I-1 and I-2 races (same inputs as `compute_ranked`).
pub fn standing(
    notes: Vec<NoteEntry>,
    people: Vec<PersonEntry>,
    rules: &AwardRules,
    voided: &[VoidedAward],
    staff_id: i64,
) -> Standing {
    let total_interactions = people.iter().find(|p| p.staff_id == staff_id).map_or(0, |p| p.total);
    let orders = Orders::new(notes, people, rules, voided);
    let viral = orders.viral.iter().position(|n| n.staff_id == staff_id);
    let skip = orders.ranking_skip(rules);
    let ranking_rank =
        orders.race(AwardKind::Ranking, voided, &skip).position(|p| p.staff_id == staff_id).map(|i| i as i64 + 1);
    Standing {
        viral_rank: viral.map(|i| i as i64 + 1),
        best_note_interactions: viral.map(|i| orders.viral[i].interactions),
        ranking_rank,
        total_interactions,
    }
}

/// The rules in force, in Chinese and English, as printed beside the board.
pub fn rules_text(r: &AwardRules) -> Vec<RuleText> {
    let (metric_zh, metric_en) = if r.count_shares {
        ("互动数 = 点赞 + 收藏 + 评论 + 分享", "Interactions = likes + collects + comments + shares")
    } else {
        ("互动数 = 点赞 + 收藏 + 评论", "Interactions = likes + collects + comments")
    };
    let (stack_zh, stack_en) = if r.ranking_stacks_with_viral {
        ("可与单篇爆文奖叠加", "stacks with the single viral note award")
    } else {
        (
            "不与单篇爆文奖叠加：已获单篇爆文奖者跳过，由下一位递补",
            "does not stack with the single viral note award: its winners are passed over and the next moves up",
        )
    };
    let t = |code: &str, zh: String, en: String| RuleText { code: code.into(), zh, en };
    vec![
        t("interactions", metric_zh.into(), metric_en.into()),
        t(
            "I-1",
            format!(
                "单篇爆文奖：互动数超过 {} 的笔记按互动数排名，前 {} 名各得 ¥{} 现金券；每人最多获奖一次，同一人的其他笔记跳过，由他人的下一篇递补",
                r.viral_min_interactions, r.viral_top_n, r.viral_award_yuan
            ),
            format!(
                "Single viral note award: notes with more than {} interactions ranked by interactions; the top {} each win a ¥{} cash voucher; at most one award per person, a person's other notes are passed over and the next note by someone else moves up",
                r.viral_min_interactions, r.viral_top_n, r.viral_award_yuan
            ),
        ),
        t(
            "I-2",
            format!("累计排名奖：累计互动数前 {} 名员工各得 ¥{} 现金券；{}", r.ranking_top_n, r.ranking_award_yuan, stack_zh),
            format!(
                "Cumulative ranking award: the top {} staff by total interactions each win a ¥{} voucher; {}",
                r.ranking_top_n, r.ranking_award_yuan, stack_en
            ),
        ),
        t(
            "I-3",
            format!("荣誉奖：累计互动数前 {} 名各得一份品牌周边", r.honour_top_n),
            format!("Honour award: the top {} by total interactions each receive a piece of brand merchandise", r.honour_top_n),
        ),
        if r.organic_only {
            t(
                "organic",
                "仅计自然流量：做过内容加热的笔记，互动数按加热开始前一天的数据计（当时没有数据的按 0 计）".into(),
                "Organic only: a note boosted with 内容加热 counts its interactions as of the day before the boost started (0 when there is no data from then)".into(),
            )
        } else {
            t(
                "organic",
                "含加热流量：做过内容加热的笔记按全部互动数计，榜单同时列出加热开始时的互动数".into(),
                "Boosted interactions count: a boosted note counts all its interactions; the board also shows its interactions when the boost started".into(),
            )
        },
        flags_text(r),
        t(
            "ties",
            "同分时：笔记按互动数多者、发布时间早者、笔记 ID 小者在前；员工按累计互动数多者、首篇发布时间早者、员工编号小者在前。作废的奖项不计，由下一位递补".into(),
            "Ties: notes by more interactions, then earlier publish time, then note ID; staff by more total interactions, then earlier first publish time, then staff id. Voided awards are left out and the next in line moves up".into(),
        ),
    ]
}

/// The jump-flag rule as printed, for the factors the campaign set (0 turns a flag off).
fn flags_text(r: &AwardRules) -> RuleText {
    let (n, p) = (r.jump_note_factor, r.jump_person_factor);
    let note_zh = format!(
        "单篇笔记互动数超过作者活动开始前 {JUMP_NOTE_LOOKBACK_DAYS} 天笔记最高互动数的 {n} 倍（且超过单篇爆文门槛）"
    );
    let person_zh = format!("员工累计互动数超过其前 {JUMP_PERSON_PERIODS} 个同等时长周期平均值的 {p} 倍");
    let note_en = format!("a note with more than {n}× the best interactions of its author's notes of the {JUMP_NOTE_LOOKBACK_DAYS} days before the campaign (and above the I-1 threshold)");
    let person_en = format!("a person whose total exceeds {p}× their average over the previous {JUMP_PERSON_PERIODS} periods of the same length");
    let (zh, en) = match (n > 0, p > 0) {
        (false, false) => {
            return RuleText {
                code: "flags".into(),
                zh: "异常提醒：本活动已关闭".into(),
                en: "Jump flags: off for this campaign".into(),
            }
        }
        (true, true) => (format!("{note_zh}，或{person_zh}"), format!("{note_en}, or {person_en},")),
        (true, false) => (note_zh, format!("{note_en},")),
        (false, true) => (person_zh, format!("{person_en},")),
    };
    RuleText {
        code: "flags".into(),
        zh: format!("异常提醒：{zh}时，在榜单上标注提醒以便核实；提醒不影响名次，也不会自动取消奖项"),
        en: format!("Jump flags: {en} is flagged for a second look; a flag changes no rank and removes no award"),
    }
}
