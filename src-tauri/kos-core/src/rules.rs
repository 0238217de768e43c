//! Business numbers are data (DESIGN): each rule setting has the deck's value as its default, and every
//! change is a new versioned row (the platform changes these; XHS did in 2025).

/// One rule setting's definition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleDef {
    pub key: &'static str,
    pub default: i64,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub rule_id: &'static str,
    pub min: i64,
    pub max: i64,
}

const fn def(
    key: &'static str,
    default: i64,
    unit: (&'static str, &'static str),
    label: (&'static str, &'static str),
    rule_id: &'static str,
    range: (i64, i64),
) -> RuleDef {
    RuleDef {
        key,
        default,
        unit_zh: unit.0,
        unit_en: unit.1,
        label_zh: label.0,
        label_en: label.1,
        rule_id,
        min: range.0,
        max: range.1,
    }
}

const HOURS: (&str, &str) = ("小时", "hours");
const DAYS: (&str, &str) = ("天", "days");
const ITEMS: (&str, &str) = ("个", "");
const NOTES: (&str, &str) = ("篇", "notes");
const YUAN: (&str, &str) = ("元", "CNY");
const PEOPLE: (&str, &str) = ("人", "people");

pub const MIN_OFFLINE_STORES: &str = "min_offline_stores";
pub const VIOLATION_LOOKBACK_DAYS: &str = "violation_lookback_days";
pub const STAFF_ACCOUNT_CAP: &str = "staff_account_cap";
pub const INVITE_EXPIRY_HOURS: &str = "invite_expiry_hours";
pub const INVITE_BAN_DAYS: &str = "invite_ban_days";
pub const PERSONAL_UNBIND_MIN_DAYS: &str = "personal_unbind_min_days";
pub const PERSONAL_REBIND_COOLDOWN_DAYS: &str = "personal_rebind_cooldown_days";
pub const PROOF_RETENTION_DAYS: &str = "proof_retention_days";
pub const REVIEW_QUOTA_PER_MONTH: &str = "review_quota_per_month";
pub const REVIEW_MAX_AGE_DAYS: &str = "review_max_age_days";
pub const PRIORITY_MIN_LIKES: &str = "priority_min_likes";
pub const PRIORITY_MIN_COMMENTS: &str = "priority_min_comments";
pub const ACCOUNT_MIN_FOLLOWERS: &str = "account_min_followers";
pub const ACCOUNT_MIN_NOTES: &str = "account_min_notes";
pub const ACCOUNT_MIN_NOTES_PER_WEEK: &str = "account_min_notes_per_week";
pub const ACCOUNT_MIN_STOCK: &str = "account_min_stock";
pub const VIRAL_MIN_INTERACTIONS: &str = "viral_min_interactions";
pub const VIRAL_TOP_N: &str = "viral_top_n";
pub const VIRAL_AWARD_YUAN: &str = "viral_award_yuan";
pub const RANKING_TOP_N: &str = "ranking_top_n";
pub const RANKING_AWARD_YUAN: &str = "ranking_award_yuan";
pub const HONOUR_TOP_N: &str = "honour_top_n";

/// Every rule setting, in the order the settings screen lists them.
pub const RULES: &[RuleDef] = &[
    def(
        MIN_OFFLINE_STORES,
        10,
        ("家", "stores"),
        (
            "绑定员工账号所需线下门店数（文旅行业除外）",
            "Offline stores needed to bind staff accounts (cultural tourism exempt)",
        ),
        "B-1",
        (0, 10_000),
    ),
    def(
        VIOLATION_LOOKBACK_DAYS,
        365,
        DAYS,
        ("严重违规封禁的回溯期", "Look-back period for serious-violation bans"),
        "B-1",
        (0, 3_650),
    ),
    def(
        STAFF_ACCOUNT_CAP,
        200,
        ITEMS,
        (
            "每个企业的员工账号上限（以销售经理告知为准）",
            "Staff accounts per enterprise (as agreed with the sales manager)",
        ),
        "B-3",
        (1, 100_000),
    ),
    def(
        INVITE_EXPIRY_HOURS,
        48,
        HOURS,
        ("绑定邀请的有效期", "Time an employee has to accept an invitation"),
        "B-13",
        (1, 720),
    ),
    def(
        INVITE_BAN_DAYS,
        30,
        DAYS,
        ("在职证明不合规后禁止新邀请的天数", "Days without new invitations after a non-compliant proof"),
        "B-15",
        (0, 365),
    ),
    def(
        PERSONAL_UNBIND_MIN_DAYS,
        30,
        DAYS,
        ("个人号授权生效后可解绑的最短天数", "Days a personal authorization must last before it can be unbound"),
        "B-18",
        (0, 365),
    ),
    def(
        PERSONAL_REBIND_COOLDOWN_DAYS,
        30,
        DAYS,
        (
            "个人号授权解绑后被其他企业再次授权的等待天数",
            "Days before another enterprise may authorize an unbound personal account",
        ),
        "B-19",
        (0, 365),
    ),
    def(
        PROOF_RETENTION_DAYS,
        180,
        DAYS,
        ("绑定结束后在职证明的保留天数", "Days employment proofs are kept after a binding ends"),
        "PIPL",
        (1, 3_650),
    ),
    def(
        REVIEW_QUOTA_PER_MONTH,
        1000,
        NOTES,
        ("每月可发起审核的笔记额度", "Notes a brand may submit for review per month"),
        "N-5",
        (0, 1_000_000),
    ),
    def(
        REVIEW_MAX_AGE_DAYS,
        90,
        DAYS,
        ("可发起审核的笔记发布时间范围", "Only notes published within this many days can be reviewed"),
        "N-2",
        (1, 3_650),
    ),
    def(PRIORITY_MIN_LIKES, 10, ITEMS, ("优先笔记：点赞数超过", "Priority note: likes above"), "S-1", (0, 1_000_000)),
    def(
        PRIORITY_MIN_COMMENTS,
        5,
        ITEMS,
        ("优先笔记：评论数超过", "Priority note: comments above"),
        "S-1",
        (0, 1_000_000),
    ),
    def(
        ACCOUNT_MIN_FOLLOWERS,
        200,
        PEOPLE,
        ("优质账号：粉丝数超过", "Candidate account: followers above"),
        "S-2",
        (0, 100_000_000),
    ),
    def(
        ACCOUNT_MIN_NOTES,
        50,
        NOTES,
        ("优质账号：累计笔记超过", "Candidate account: notes published above"),
        "S-2",
        (0, 1_000_000),
    ),
    def(
        ACCOUNT_MIN_NOTES_PER_WEEK,
        5,
        NOTES,
        ("优质账号：每周笔记超过", "Candidate account: notes a week above"),
        "S-2",
        (0, 1_000),
    ),
    def(
        ACCOUNT_MIN_STOCK,
        10,
        NOTES,
        ("测试初期每个账号至少储备笔记", "Notes in stock per account during the test phase"),
        "S-2",
        (0, 1_000),
    ),
    def(
        VIRAL_MIN_INTERACTIONS,
        100,
        ITEMS,
        ("单篇爆文奖：互动数超过", "Single viral note award: interactions above"),
        "I-1",
        (0, 100_000_000),
    ),
    def(VIRAL_TOP_N, 5, NOTES, ("单篇爆文奖：前几名", "Single viral note award: top places"), "I-1", (0, 1_000)),
    def(
        VIRAL_AWARD_YUAN,
        1000,
        YUAN,
        ("单篇爆文奖：现金券金额", "Single viral note award: voucher amount"),
        "I-1",
        (0, 1_000_000),
    ),
    def(RANKING_TOP_N, 10, PEOPLE, ("累计排名奖：前几名", "Cumulative ranking award: top places"), "I-2", (0, 1_000)),
    def(
        RANKING_AWARD_YUAN,
        500,
        YUAN,
        ("累计排名奖：现金券金额", "Cumulative ranking award: voucher amount"),
        "I-2",
        (0, 1_000_000),
    ),
    def(
        HONOUR_TOP_N,
        3,
        PEOPLE,
        ("荣誉奖：前几名获得品牌周边", "Honour award: top places receiving merchandise"),
        "I-3",
        (0, 1_000),
    ),
];

pub fn find(key: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|r| r.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_decks_numbers() {
        let v = |k| find(k).unwrap().default;
        assert_eq!(v(INVITE_EXPIRY_HOURS), 48); // B-13
        assert_eq!(v(INVITE_BAN_DAYS), 30); // B-15
        assert_eq!(v(PERSONAL_UNBIND_MIN_DAYS), 30); // B-18
        assert_eq!(v(PERSONAL_REBIND_COOLDOWN_DAYS), 30); // B-19
        assert_eq!(v(REVIEW_QUOTA_PER_MONTH), 1000); // N-5
        assert_eq!(v(REVIEW_MAX_AGE_DAYS), 90); // N-2
        assert_eq!(v(MIN_OFFLINE_STORES), 10); // B-1
        assert_eq!(v(VIOLATION_LOOKBACK_DAYS), 365); // B-1
        assert_eq!((v(PRIORITY_MIN_LIKES), v(PRIORITY_MIN_COMMENTS)), (10, 5)); // S-1
        assert_eq!((v(VIRAL_MIN_INTERACTIONS), v(VIRAL_TOP_N), v(VIRAL_AWARD_YUAN)), (100, 5, 1000)); // I-1
        assert_eq!((v(RANKING_TOP_N), v(RANKING_AWARD_YUAN)), (10, 500)); // I-2
        assert_eq!(v(HONOUR_TOP_N), 3); // I-3
    }

    #[test]
    fn keys_are_unique_and_defaults_in_range() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|o| o.key != r.key), "duplicate {}", r.key);
            assert!(r.min <= r.default && r.default <= r.max, "{}", r.key);
        }
    }
}
