//! I-1, I-2, I-3: the award engine against a plain reference on generated data, and hand-written cases
//! for each rule and each tie-breaker.

use std::collections::BTreeMap;

use kos_core::incentives::engine::{
    compute, compute_ranked, entries, AwardKind, AwardRules, Board, Candidate, NoteEntry, VoidedAward,
};

fn note(id: &str, staff: i64, at: &str, likes: i64) -> Candidate {
    Candidate {
        note_id: id.into(),
        staff_id: staff,
        staff_name: format!("员工{staff}"),
        published_at: at.into(),
        likes,
        collects: 0,
        comments: 0,
        shares: 0,
        unsplit: 0,
        boosted_at_interactions: None,
    }
}

fn rules() -> AwardRules {
    AwardRules::deck_defaults()
}

fn viral_ids(b: &Board) -> Vec<&str> {
    b.viral.iter().map(|a| a.note_id.as_str()).collect()
}
fn ranking_ids(b: &Board) -> Vec<i64> {
    b.ranking.iter().map(|a| a.staff_id).collect()
}
fn honour_ids(b: &Board) -> Vec<i64> {
    b.honour.iter().map(|a| a.staff_id).collect()
}

/// Each person's best note not voided, by the reference's own order.
fn best_per_person(notes: Vec<NoteEntry>, voided: &[VoidedAward]) -> Vec<NoteEntry> {
    let mut best: BTreeMap<i64, NoteEntry> = BTreeMap::new();
    for n in notes {
        if voided.iter().any(|v| v.kind == AwardKind::Viral && v.key == n.note_id) {
            continue;
        }
        let ahead = |b: &NoteEntry| {
            (n.interactions, std::cmp::Reverse(&n.published_at), std::cmp::Reverse(&n.note_id))
                > (b.interactions, std::cmp::Reverse(&b.published_at), std::cmp::Reverse(&b.note_id))
        };
        if best.get(&n.staff_id).is_none_or(ahead) {
            best.insert(n.staff_id, n);
        }
    }
    best.into_values().collect()
}

// ---------- reference: the rules read literally, no sorting tricks ----------

fn ref_interactions(r: &AwardRules, c: &Candidate) -> i64 {
    let mut i = c.likes + c.collects + c.comments + c.unsplit;
    if r.count_shares {
        i += c.shares;
    }
    i
}

/// Is note a strictly ahead of note b?
fn ref_note_ahead(r: &AwardRules, a: &Candidate, b: &Candidate) -> bool {
    let (ia, ib) = (ref_interactions(r, a), ref_interactions(r, b));
    if ia != ib {
        return ia > ib;
    }
    if a.published_at != b.published_at {
        return a.published_at < b.published_at;
    }
    a.note_id < b.note_id
}

fn ref_viral(cs: &[Candidate], r: &AwardRules, voided: &[VoidedAward]) -> Vec<String> {
    let mut won: Vec<String> = Vec::new();
    let mut people: Vec<i64> = Vec::new();
    loop {
        if won.len() as i64 >= r.viral_top_n {
            return won;
        }
        // the best remaining eligible note whose author has no award yet
        let mut best: Option<&Candidate> = None;
        for c in cs {
            let eligible = ref_interactions(r, c) > r.viral_min_interactions
                && !voided.iter().any(|v| v.kind == AwardKind::Viral && v.key == c.note_id)
                && !people.contains(&c.staff_id)
                && !won.contains(&c.note_id);
            if eligible && best.is_none_or(|b| ref_note_ahead(r, c, b)) {
                best = Some(c);
            }
        }
        match best {
            Some(c) => {
                won.push(c.note_id.clone());
                people.push(c.staff_id);
            }
            None => return won,
        }
    }
}

/// (total, first publish) per staff.
fn ref_people(cs: &[Candidate], r: &AwardRules) -> BTreeMap<i64, (i64, String)> {
    let mut m: BTreeMap<i64, (i64, String)> = BTreeMap::new();
    for c in cs {
        let total: i64 = cs.iter().filter(|o| o.staff_id == c.staff_id).map(|o| ref_interactions(r, o)).sum();
        let first = cs.iter().filter(|o| o.staff_id == c.staff_id).map(|o| o.published_at.clone()).min().unwrap();
        m.insert(c.staff_id, (total, first));
    }
    m
}

fn ref_people_top(
    cs: &[Candidate],
    r: &AwardRules,
    n: i64,
    kind: AwardKind,
    voided: &[VoidedAward],
    skip: &[i64],
) -> Vec<i64> {
    let people = ref_people(cs, r);
    let mut out: Vec<i64> = Vec::new();
    while (out.len() as i64) < n {
        let mut best: Option<(i64, &(i64, String))> = None;
        for (id, p) in &people {
            if p.0 <= 0
                || out.contains(id)
                || skip.contains(id)
                || voided.iter().any(|v| v.kind == kind && v.key == id.to_string())
            {
                continue;
            }
            let ahead = match best {
                None => true,
                Some((bid, b)) => p.0 > b.0 || (p.0 == b.0 && (p.1 < b.1 || (p.1 == b.1 && *id < bid))),
            };
            if ahead {
                best = Some((*id, p));
            }
        }
        match best {
            Some((id, _)) => out.push(id),
            None => break,
        }
    }
    out
}

// ---------- a small deterministic generator ----------

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn generate(seed: u64) -> (Vec<Candidate>, AwardRules, Vec<VoidedAward>) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let staff = 1 + rng.below(12) as i64;
    let n = rng.below(40) as usize;
    // few distinct values so ties in interactions, times and totals are common
    let mut cs = Vec::new();
    for i in 0..n {
        let s = 1 + rng.below(staff as u64) as i64;
        let at = format!("2026-03-{:02}T0{}:00:00Z", 1 + rng.below(3), rng.below(3));
        let mut c = note(&format!("n{:02}", rng.below(100) * 100 + i as u64), s, &at, 0);
        c.likes = [0, 50, 60, 101, 120, 150][rng.below(6) as usize];
        c.collects = [0, 0, 10, 30][rng.below(4) as usize];
        c.comments = [0, 1, 10][rng.below(3) as usize];
        c.shares = [0, 5, 100][rng.below(3) as usize];
        // issue 10 (I-1, I-2, I-3): every fourth note has 互动量 only, its parts unknown
        if i % 4 == 3 {
            c.unsplit = c.likes + c.collects + c.comments;
            (c.likes, c.collects, c.comments) = (0, 0, 0);
        }
        cs.push(c);
    }
    let r = AwardRules {
        count_shares: rng.below(2) == 0,
        viral_min_interactions: [0, 100, 130][rng.below(3) as usize],
        viral_top_n: rng.below(7) as i64,
        viral_award_yuan: 1000,
        ranking_top_n: rng.below(8) as i64,
        ranking_award_yuan: 500,
        honour_top_n: rng.below(5) as i64,
        ranking_stacks_with_viral: rng.below(2) == 0,
        ..AwardRules::deck_defaults()
    };
    let mut voided = Vec::new();
    for _ in 0..rng.below(4) {
        match rng.below(3) {
            0 if !cs.is_empty() => voided.push(VoidedAward {
                kind: AwardKind::Viral,
                key: cs[rng.below(cs.len() as u64) as usize].note_id.clone(),
            }),
            1 => voided.push(VoidedAward { kind: AwardKind::Ranking, key: (1 + rng.below(staff as u64)).to_string() }),
            _ => voided.push(VoidedAward { kind: AwardKind::Honour, key: (1 + rng.below(staff as u64)).to_string() }),
        }
    }
    (cs, r, voided)
}

#[test]
fn i1_i2_i3_engine_matches_the_reference_on_generated_data() {
    let mut with_ties = 0;
    let mut with_doubles = 0;
    for seed in 0..3000u64 {
        let (cs, r, voided) = generate(seed);
        let b = compute(&cs, &r, &voided);
        // the column store's input: per-person totals and only each person's best note not voided
        let (notes, people) = entries(&cs, &r);
        let best = best_per_person(notes, &voided);
        assert_eq!(compute_ranked(best, people, &r, &voided), b, "compute_ranked seed {seed}");
        let viral = ref_viral(&cs, &r, &voided);
        assert_eq!(viral_ids(&b), viral, "I-1 seed {seed}");
        let viral_people: Vec<i64> = b.viral.iter().map(|a| a.staff_id).collect();
        let skip = if r.ranking_stacks_with_viral { vec![] } else { viral_people.clone() };
        assert_eq!(
            ranking_ids(&b),
            ref_people_top(&cs, &r, r.ranking_top_n, AwardKind::Ranking, &voided, &skip),
            "I-2 seed {seed}"
        );
        assert_eq!(
            honour_ids(&b),
            ref_people_top(&cs, &r, r.honour_top_n, AwardKind::Honour, &voided, &[]),
            "I-3 seed {seed}"
        );
        // invariants: ranks 1..n, one I-1 award per person, amounts
        for (i, a) in b.viral.iter().enumerate() {
            assert_eq!(a.rank, i as i64 + 1);
            assert!(a.interactions > r.viral_min_interactions);
            assert_eq!(a.amount_yuan, r.viral_award_yuan);
        }
        let mut ps = viral_people.clone();
        ps.sort();
        ps.dedup();
        assert_eq!(ps.len(), viral_people.len(), "seed {seed}");
        for (i, a) in b.ranking.iter().enumerate() {
            assert_eq!((a.rank, a.amount_yuan), (i as i64 + 1, r.ranking_award_yuan));
        }
        // coverage of the interesting shapes
        let inter: Vec<i64> = cs.iter().map(|c| r.interactions(c)).collect();
        if (1..inter.len()).any(|i| inter[..i].contains(&inter[i])) {
            with_ties += 1;
        }
        let eligible: Vec<i64> =
            cs.iter().filter(|c| r.interactions(c) > r.viral_min_interactions).map(|c| c.staff_id).collect();
        if (1..eligible.len()).any(|i| eligible[..i].contains(&eligible[i])) {
            with_doubles += 1;
        }
    }
    assert!(with_ties > 1000 && with_doubles > 500, "{with_ties} {with_doubles}");
}

#[test]
fn i1_one_award_per_person_the_next_persons_note_moves_up() {
    let cs = vec![
        note("a1", 1, "2026-03-01T00:00:00Z", 500),
        note("a2", 1, "2026-03-01T00:00:00Z", 400),
        note("b1", 2, "2026-03-01T00:00:00Z", 300),
        note("c1", 3, "2026-03-01T00:00:00Z", 200),
    ];
    let r = AwardRules { viral_top_n: 2, ..rules() };
    let b = compute(&cs, &r, &[]);
    assert_eq!(viral_ids(&b), ["a1", "b1"]);
    assert_eq!(b.viral[1].rank, 2);
    assert_eq!(b.viral[0].amount_yuan, 1000);
}

#[test]
fn i1_threshold_is_strictly_above() {
    let cs = vec![note("x", 1, "2026-03-01T00:00:00Z", 100), note("y", 2, "2026-03-01T00:00:00Z", 101)];
    assert_eq!(viral_ids(&compute(&cs, &rules(), &[])), ["y"]);
}

#[test]
fn i1_interactions_are_likes_collects_comments_shares_only_when_chosen() {
    let mut c = note("x", 1, "2026-03-01T00:00:00Z", 40);
    c.collects = 30;
    c.comments = 30;
    c.shares = 50;
    assert!(compute(std::slice::from_ref(&c), &rules(), &[]).viral.is_empty()); // 100 is not above 100
    let b = compute(&[c], &AwardRules { count_shares: true, ..rules() }, &[]);
    assert_eq!(b.viral[0].interactions, 150);
}

#[test]
fn i1_ties_more_interactions_then_earlier_publish_then_note_id() {
    let cs = vec![
        note("n3", 3, "2026-03-02T00:00:00Z", 200),
        note("n2", 2, "2026-03-01T00:00:00Z", 200),
        note("n1", 1, "2026-03-02T00:00:00Z", 200),
        note("n0", 4, "2026-03-03T00:00:00Z", 201),
    ];
    assert_eq!(viral_ids(&compute(&cs, &rules(), &[])), ["n0", "n2", "n1", "n3"]);
}

#[test]
fn i2_ties_more_total_then_earliest_first_note_then_staff_id() {
    let cs = vec![
        note("a", 3, "2026-03-01T00:00:00Z", 50),
        note("b", 3, "2026-03-05T00:00:00Z", 50),
        note("c", 2, "2026-03-02T00:00:00Z", 100),
        note("d", 1, "2026-03-02T00:00:00Z", 100),
        note("e", 4, "2026-03-09T00:00:00Z", 101),
    ];
    let b = compute(&cs, &rules(), &[]);
    assert_eq!(ranking_ids(&b), [4, 3, 1, 2]);
    assert_eq!(b.ranking[1].total_interactions, 100);
    assert_eq!(b.ranking[1].first_published_at, "2026-03-01T00:00:00Z");
    assert_eq!(b.ranking[1].notes, 2);
    assert_eq!(b.ranking[0].amount_yuan, 500);
}

#[test]
fn i2_stacks_with_i1_by_default_and_skips_i1_winners_when_not_stacking() {
    let cs = vec![
        note("a", 1, "2026-03-01T00:00:00Z", 500),
        note("b", 2, "2026-03-01T00:00:00Z", 90),
        note("c", 3, "2026-03-01T00:00:00Z", 80),
    ];
    let r = AwardRules { viral_top_n: 5, ranking_top_n: 2, ..rules() };
    assert_eq!(ranking_ids(&compute(&cs, &r, &[])), [1, 2]);
    let b = compute(&cs, &AwardRules { ranking_stacks_with_viral: false, ..r }, &[]);
    assert_eq!(viral_ids(&b), ["a"]);
    assert_eq!(ranking_ids(&b), [2, 3]);
    assert_eq!(b.ranking[0].rank, 1);
    assert!(b.rules_text.iter().any(|t| t.code == "I-2" && t.zh.contains("不与单篇爆文奖叠加")));
}

#[test]
fn i2_people_without_interactions_are_not_ranked() {
    let cs = vec![note("a", 1, "2026-03-01T00:00:00Z", 0), note("b", 2, "2026-03-01T00:00:00Z", 1)];
    assert_eq!(ranking_ids(&compute(&cs, &rules(), &[])), [2]);
}

#[test]
fn i3_honour_is_the_top_three_by_total_regardless_of_other_awards() {
    let cs: Vec<Candidate> =
        (1..=5).map(|s| note(&format!("n{s}"), s, "2026-03-01T00:00:00Z", 1000 - s * 100)).collect();
    let b = compute(&cs, &AwardRules { ranking_stacks_with_viral: false, ..rules() }, &[]);
    assert_eq!(honour_ids(&b), [1, 2, 3]);
    assert!(b.honour.iter().all(|a| a.amount_yuan == 0));
    assert!(b.rules_text.iter().any(|t| t.code == "I-3" && t.en.contains("merchandise")));
}

#[test]
fn i1_i2_i3_voided_awards_let_the_next_move_up() {
    let cs = vec![
        note("a1", 1, "2026-03-01T00:00:00Z", 500),
        note("a2", 1, "2026-03-01T00:00:00Z", 400),
        note("b1", 2, "2026-03-01T00:00:00Z", 300),
        note("c1", 3, "2026-03-01T00:00:00Z", 200),
    ];
    let r = AwardRules { viral_top_n: 2, ranking_top_n: 2, honour_top_n: 1, ..rules() };
    let voided = vec![
        VoidedAward { kind: AwardKind::Viral, key: "a1".into() },
        VoidedAward { kind: AwardKind::Ranking, key: "1".into() },
        VoidedAward { kind: AwardKind::Honour, key: "1".into() },
    ];
    let b = compute(&cs, &r, &voided);
    // a1 is void: the same person's next note a2 is now their best and still ranks first
    assert_eq!(viral_ids(&b), ["a2", "b1"]);
    assert_eq!(ranking_ids(&b), [2, 3]);
    assert_eq!(honour_ids(&b), [2]);
    let b = compute(&cs, &r, &[VoidedAward { kind: AwardKind::Viral, key: "a2".into() }]);
    assert_eq!(viral_ids(&b), ["a1", "b1"]);
}

#[test]
fn rules_text_is_bilingual_and_names_the_numbers() {
    let t = compute(&[], &rules(), &[]).rules_text;
    let i1 = t.iter().find(|t| t.code == "I-1").unwrap();
    assert!(i1.zh.contains("超过 100") && i1.zh.contains("前 5 名") && i1.zh.contains("¥1000"));
    assert!(i1.en.contains("more than 100"));
    assert!(t.iter().any(|t| t.code == "ties" && t.en.contains("note ID")));
}
