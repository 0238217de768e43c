//! Domain vocabulary shared by services, storage and the doors (UI, CLI).

use serde::{Deserialize, Serialize};
use specta::Type;

/// Who a user is in the program (SPEC "Users").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员: the local installation's administrator (settings, demo data).
    Admin,
    /// 品牌市场人员: runs everything for one brand.
    BrandMarketing,
    /// 门店店长: acts on the staff of the stores they manage.
    StoreManager,
    /// 管理层: reads leaderboards and dashboards.
    Leader,
    /// 员工: accepts or declines invitations, sees their own data.
    Employee,
    /// 代理商: acts for the brands that reported it (B-21).
    Agency,
    /// 平台审核: reviews notes and employment proofs across brands.
    PlatformReviewer,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::BrandMarketing,
        Role::StoreManager,
        Role::Leader,
        Role::Employee,
        Role::Agency,
        Role::PlatformReviewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::BrandMarketing => "brand_marketing",
            Role::StoreManager => "store_manager",
            Role::Leader => "leader",
            Role::Employee => "employee",
            Role::Agency => "agency",
            Role::PlatformReviewer => "platform_reviewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Admin => "系统管理员",
            Role::BrandMarketing => "品牌市场",
            Role::StoreManager => "门店店长",
            Role::Leader => "管理层",
            Role::Employee => "员工",
            Role::Agency => "代理商",
            Role::PlatformReviewer => "平台审核",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::BrandMarketing => "Brand marketing",
            Role::StoreManager => "Store manager",
            Role::Leader => "Leader",
            Role::Employee => "Employee",
            Role::Agency => "Agency",
            Role::PlatformReviewer => "Platform reviewer",
        }
    }
}

/// The two binding modes (B-4, B-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum BindingMode {
    /// 企业员工号: the account belongs to the enterprise.
    Enterprise,
    /// 员工个人号授权: the account stays the employee's.
    Personal,
}

impl BindingMode {
    pub fn as_str(self) -> &'static str {
        match self {
            BindingMode::Enterprise => "enterprise",
            BindingMode::Personal => "personal",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "enterprise" => Some(Self::Enterprise),
            "personal" => Some(Self::Personal),
            _ => None,
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            BindingMode::Enterprise => "企业员工号",
            BindingMode::Personal => "员工个人号授权",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            BindingMode::Enterprise => "enterprise staff account",
            BindingMode::Personal => "personal authorization",
        }
    }
}

/// Life of a binding, from invitation to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum BindingStatus {
    /// 邀请中: sent, waiting for the employee (B-13)
    Invited,
    /// 已绑定
    Active,
    /// 已冻结 (B-17): still bound, takes no new notes
    Frozen,
    /// 已失效: not accepted in time (B-13)
    Expired,
    /// 已拒绝: the employee declined
    Declined,
    /// 已解绑 (B-17, B-18)
    Unbound,
    /// 已解除: the platform found the employment proof non-compliant (B-15)
    Dissolved,
    /// 已移交: an enterprise staff account passed to another employee (B-17)
    HandedOver,
}

impl BindingStatus {
    pub const ALL: [BindingStatus; 8] = [
        Self::Invited,
        Self::Active,
        Self::Frozen,
        Self::Expired,
        Self::Declined,
        Self::Unbound,
        Self::Dissolved,
        Self::HandedOver,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Active => "active",
            Self::Frozen => "frozen",
            Self::Expired => "expired",
            Self::Declined => "declined",
            Self::Unbound => "unbound",
            Self::Dissolved => "dissolved",
            Self::HandedOver => "handed_over",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Invited => "邀请中",
            Self::Active => "已绑定",
            Self::Frozen => "已冻结",
            Self::Expired => "已失效",
            Self::Declined => "已拒绝",
            Self::Unbound => "已解绑",
            Self::Dissolved => "已解除（不合规）",
            Self::HandedOver => "已移交",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Invited => "Invited",
            Self::Active => "Bound",
            Self::Frozen => "Frozen",
            Self::Expired => "Expired",
            Self::Declined => "Declined",
            Self::Unbound => "Unbound",
            Self::Dissolved => "Dissolved (non-compliant proof)",
            Self::HandedOver => "Handed over",
        }
    }

    /// Invited, active or frozen: holds the account (B-7).
    pub fn is_live(self) -> bool {
        matches!(self, Self::Invited | Self::Active | Self::Frozen)
    }
}

/// The tabs of the binding list and the statuses each shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum BindingTab {
    /// 邀请中
    Invited,
    /// 已绑定
    Active,
    /// 已失效: expired or declined invitations
    Expired,
    /// 已解绑: unbound, dissolved (B-15) or handed over (B-17)
    Unbound,
    /// 已冻结
    Frozen,
}

impl BindingTab {
    pub const ALL: [BindingTab; 5] = [Self::Invited, Self::Active, Self::Expired, Self::Unbound, Self::Frozen];

    pub fn statuses(self) -> &'static [BindingStatus] {
        use BindingStatus as S;
        match self {
            Self::Invited => &[S::Invited],
            Self::Active => &[S::Active],
            Self::Expired => &[S::Expired, S::Declined],
            Self::Unbound => &[S::Unbound, S::Dissolved, S::HandedOver],
            Self::Frozen => &[S::Frozen],
        }
    }

    pub fn of(status: BindingStatus) -> BindingTab {
        Self::ALL.into_iter().find(|t| t.statuses().contains(&status)).unwrap_or(Self::Unbound)
    }
}

/// The fixed job-title list (B-11): no free text.
pub const JOB_TITLES: [&str; 6] = ["导购", "店长", "客服", "员工", "助理", "主播人"];

/// 视频笔记 / 图文笔记.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NoteType {
    Video,
    Image,
}

impl NoteType {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteType::Video => "video",
            NoteType::Image => "image",
        }
    }
}

/// Industries an enterprise may be in; 文旅 is exempt from the store-count rule (B-1).
pub const INDUSTRIES: [&str; 4] = ["家政", "生活美容", "文旅", "其他"];
