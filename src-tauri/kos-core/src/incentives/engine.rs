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
}

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
        }
    }

    pub fn interactions(&self, c: &Candidate) -> i64 {
        c.likes + c.collects + c.comments + if self.count_shares { c.shares } else { 0 }
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
}

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

/// Notes: more interactions first, then earlier publish time, then note ID.
fn note_order(a: (i64, &str, &str), b: (i64, &str, &str)) -> Ordering {
    b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)).then_with(|| a.2.cmp(b.2))
}

/// A person's standing over all their candidate notes.
#[derive(Debug, Clone)]
struct Person {
    staff_id: i64,
    staff_name: String,
    total: i64,
    notes: i64,
    first_published_at: String,
}

/// People: more total interactions first, then earlier first publish time, then staff id.
fn person_order(a: &Person, b: &Person) -> Ordering {
    b.total
        .cmp(&a.total)
        .then_with(|| a.first_published_at.cmp(&b.first_published_at))
        .then_with(|| a.staff_id.cmp(&b.staff_id))
}

fn top(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Computes the three boards.
pub fn compute(candidates: &[Candidate], rules: &AwardRules, voided: &[VoidedAward]) -> Board {
    let voided_keys = |kind: AwardKind| -> BTreeSet<&str> {
        voided.iter().filter(|v| v.kind == kind).map(|v| v.key.as_str()).collect()
    };

    // I-1
    let void_notes = voided_keys(AwardKind::Viral);
    let mut notes: Vec<(&Candidate, i64)> = candidates
        .iter()
        .map(|c| (c, rules.interactions(c)))
        .filter(|(c, i)| *i > rules.viral_min_interactions && !void_notes.contains(c.note_id.as_str()))
        .collect();
    notes.sort_by(|a, b| note_order((a.1, &a.0.published_at, &a.0.note_id), (b.1, &b.0.published_at, &b.0.note_id)));
    let mut viral = Vec::new();
    let mut viral_people = BTreeSet::new();
    for (c, i) in notes {
        if viral.len() >= top(rules.viral_top_n) {
            break;
        }
        if !viral_people.insert(c.staff_id) {
            continue; // one I-1 award per person
        }
        viral.push(NoteAward {
            rank: viral.len() as i64 + 1,
            note_id: c.note_id.clone(),
            staff_id: c.staff_id,
            staff_name: c.staff_name.clone(),
            published_at: c.published_at.clone(),
            interactions: i,
            boosted_at_interactions: c.boosted_at_interactions,
            amount_yuan: rules.viral_award_yuan,
        });
    }

    // people, ranked once for I-2 and I-3
    let mut by_staff: BTreeMap<i64, Person> = BTreeMap::new();
    for c in candidates {
        let i = rules.interactions(c);
        let p = by_staff.entry(c.staff_id).or_insert_with(|| Person {
            staff_id: c.staff_id,
            staff_name: c.staff_name.clone(),
            total: 0,
            notes: 0,
            first_published_at: c.published_at.clone(),
        });
        p.total += i;
        p.notes += 1;
        if c.published_at < p.first_published_at {
            p.first_published_at = c.published_at.clone();
        }
    }
    let mut people: Vec<Person> = by_staff.into_values().filter(|p| p.total > 0).collect();
    people.sort_by(person_order);

    let pick = |kind: AwardKind, n: i64, amount: i64, skip: &BTreeSet<i64>| -> Vec<PersonAward> {
        let void = voided_keys(kind);
        people
            .iter()
            .filter(|p| !void.contains(p.staff_id.to_string().as_str()) && !skip.contains(&p.staff_id))
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
            })
            .collect()
    };
    let no_skip = BTreeSet::new();
    let ranking_skip = if rules.ranking_stacks_with_viral { &no_skip } else { &viral_people };
    let ranking = pick(AwardKind::Ranking, rules.ranking_top_n, rules.ranking_award_yuan, ranking_skip);
    let honour = pick(AwardKind::Honour, rules.honour_top_n, 0, &no_skip);

    Board { viral, ranking, honour, rules_text: rules_text(rules) }
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
        t(
            "ties",
            "同分时：笔记按互动数多者、发布时间早者、笔记 ID 小者在前；员工按累计互动数多者、首篇发布时间早者、员工编号小者在前。作废的奖项不计，由下一位递补".into(),
            "Ties: notes by more interactions, then earlier publish time, then note ID; staff by more total interactions, then earlier first publish time, then staff id. Voided awards are left out and the next in line moves up".into(),
        ),
    ]
}
