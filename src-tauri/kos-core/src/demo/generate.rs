//! Deterministic demo data: two brands (a 家政 main brand in 上海/杭州/苏州 and a 生活美容 brand in 杭州/宁波), an
//! agency, stores, staff, their Xiaohongshu accounts, bindings in every interesting state, six months of notes
//! with long-tailed metrics and daily/weekly snapshots, and the users who act on them.
//!
//! The output depends only on `(seed, today)`: a local xoshiro256** generator (seeded through splitmix64) and
//! local `ln`/`exp` built from IEEE basic operations (no platform libm), so every platform produces the
//! same bytes. Times are stored in UTC; publish and invitation times are realistic Beijing (UTC+8) hours.

use std::collections::HashSet;
use std::f64::consts::{LN_2, SQRT_2};

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};

use super::dataset::{
    Dataset, DemoAccount, DemoAgency, DemoBinding, DemoEnterprise, DemoNote, DemoSnapshot, DemoStaff, DemoStore,
    DemoUser,
};
use crate::model::{BindingMode, BindingStatus, NoteType, Role, INDUSTRIES, JOB_TITLES};

/// Days of note history before `today` (exclusive of today).
const HISTORY_DAYS: i64 = 182;
/// The KOS program of the main brand started about this many days ago (first bindings).
const PROGRAM_DAYS: i64 = 240;
/// Beijing time offset from UTC, in hours.
const BJ_OFFSET_HOURS: i64 = 8;

pub const EXPIRED_REASON: &str = "邀请超过 48 小时未接受，已失效";
const UNBIND_REASONS: [&str; 3] =
    ["员工离职，企业取消授权", "员工调岗至非门店岗位，企业取消授权", "员工离职，申请解除个人号授权"];

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness and math
// ---------------------------------------------------------------------------------------------------------

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** seeded through splitmix64.
#[derive(Debug, Clone)]
struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Self {
        let mut x = seed;
        let s = [splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x)];
        Rng { s }
    }

    /// An independent stream, so that one section's draws do not shift another's.
    fn fork(&mut self, tag: u64) -> Rng {
        Rng::new(self.next_u64() ^ tag.wrapping_mul(0xA076_1D64_78BD_642F))
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (0 when `n == 0`), without modulo bias worth speaking of.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo) + 1;
        lo.wrapping_add(self.below(span) as i64)
    }

    fn range_u32(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(u64::from(hi - lo) + 1) as u32
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// Index drawn with the given weights (the last index if all weights are 0).
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len().saturating_sub(1)
    }

    /// Standard normal (Marsaglia's polar method: needs only `ln` and `sqrt`).
    fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.unit() - 1.0;
            let v = 2.0 * self.unit() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * det_ln(s) / s).sqrt();
            }
        }
    }

    /// Log-normal with the given median and shape.
    fn log_normal(&mut self, median: f64, sigma: f64) -> f64 {
        median * det_exp(sigma * self.normal())
    }

    /// Uniform on a log scale in `[lo, hi]`.
    fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo * det_exp(self.unit() * det_ln(hi / lo))
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// Natural logarithm from basic IEEE operations only (identical on every platform). `x` must be positive.
fn det_ln(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let (x, bias) = if x < f64::MIN_POSITIVE { (x * 18_014_398_509_481_984.0, 54_i64) } else { (x, 0) };
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023 - bias;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    // ln(m) = 2 atanh(z), |z| <= 0.1716
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    let mut term = z;
    let mut sum = 0.0;
    for k in 0..14 {
        sum += term / f64::from(2 * k + 1);
        term *= z2;
    }
    2.0 * sum + e as f64 * LN_2
}

/// Exponential from basic IEEE operations only (identical on every platform).
fn det_exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 700.0 {
        return f64::MAX;
    }
    if x < -700.0 {
        return 0.0;
    }
    let k = (x / LN_2).round();
    let r = x - k * LN_2;
    let mut s = 1.0;
    for n in (1..=20).rev() {
        s = 1.0 + r * s / f64::from(n);
    }
    let scale = f64::from_bits(((k as i64 + 1023) as u64) << 52);
    s * scale
}

fn det_pow(x: f64, y: f64) -> f64 {
    det_exp(y * det_ln(x))
}

fn round_to(x: f64, places: i32) -> f64 {
    let f = match places {
        1 => 10.0,
        2 => 100.0,
        3 => 1_000.0,
        _ => 10_000.0,
    };
    (x * f).round() / f
}

// ---------------------------------------------------------------------------------------------------------
// Time helpers (Beijing local time ↔ UTC)
// ---------------------------------------------------------------------------------------------------------

/// A Beijing wall-clock time as UTC.
fn bj(date: NaiveDate, hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, minute, second).unwrap_or(NaiveTime::MIN);
    date.and_time(time).and_utc() - TimeDelta::hours(BJ_OFFSET_HOURS)
}

/// The Beijing calendar date of a UTC instant.
fn bj_date(t: DateTime<Utc>) -> NaiveDate {
    (t + TimeDelta::hours(BJ_OFFSET_HOURS)).date_naive()
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

/// A random Beijing working-hours instant (09:00–21:59) on `date`.
fn office_time(rng: &mut Rng, date: NaiveDate) -> DateTime<Utc> {
    bj(date, rng.range_u32(9, 21), rng.range_u32(0, 59), rng.range_u32(0, 59))
}

/// Publish hours 08–22 (Beijing), peaking at lunch and in the evening.
const PUBLISH_HOUR_WEIGHTS: [u32; 15] = [2, 3, 3, 4, 7, 5, 3, 3, 3, 4, 5, 8, 9, 9, 6];

fn publish_time(rng: &mut Rng, date: NaiveDate) -> DateTime<Utc> {
    let hour = 8 + rng.weighted(&PUBLISH_HOUR_WEIGHTS) as u32;
    bj(date, hour, rng.range_u32(0, 59), rng.range_u32(0, 59))
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// Given names of women born before about 1988.
const FEMALE_OLDER: [&str; 44] = [
    "秀英", "桂芳", "丽娟", "晓燕", "春梅", "海燕", "雪梅", "玉兰", "桂英", "秀兰", "凤英", "美玲", "丽华", "春燕",
    "晓丽", "红梅", "冬梅", "淑芬", "月华", "彩霞", "玉梅", "巧玲", "春兰", "秀梅", "素芬", "金凤", "慧敏", "建华",
    "丽萍", "小红", "静", "敏", "燕", "艳", "娟", "霞", "芳", "玲", "红", "萍", "琴", "英", "兰", "梅",
];
/// Given names of women born after about 1988.
const FEMALE_YOUNGER: [&str; 44] = [
    "婷婷", "佳怡", "欣怡", "梦瑶", "雨萱", "思琪", "诗涵", "梓涵", "晓静", "文静", "婉婷", "佳琪", "珊珊", "媛媛",
    "丹丹", "莹莹", "菲菲", "晶晶", "晨曦", "心怡", "一诺", "可欣", "嘉欣", "雅琴", "亚楠", "雨婷", "子怡", "紫涵",
    "语嫣", "梦琪", "静", "颖", "倩", "洁", "琳", "慧", "雪", "露", "蕾", "莉", "悦", "楠", "璐", "瑶",
];
const MALE_OLDER: [&str; 20] = [
    "建华", "志强", "国平", "建国", "建军", "海涛", "文斌", "志明", "永强", "德明", "立新", "晓东", "伟", "强", "军",
    "勇", "刚", "平", "斌", "华",
];
const MALE_YOUNGER: [&str; 20] = [
    "俊杰", "家豪", "子轩", "宇航", "浩然", "磊", "杰", "涛", "超", "明", "辉", "鹏", "飞", "鑫", "波", "宇", "浩",
    "凯", "健", "博文",
];
const ENGLISH_NAMES: [&str; 24] = [
    "Coco", "Amy", "Lily", "Vivi", "Cici", "Nana", "Momo", "Yuki", "Sunny", "Grace", "Fiona", "Kiki", "Luna", "Mia",
    "Ella", "Jenny", "Elaine", "Iris", "Candy", "Tina", "Zoe", "Aria", "Doris", "Sophie",
];

/// Region codes of migrant workers' home places (安徽, 江西, 河南, 四川, 湖南, 湖北, 山东, 江苏北部, 重庆).
const MIGRANT_REGIONS: [u32; 14] =
    [340102, 340104, 341202, 360102, 360111, 410102, 411302, 510104, 511302, 430102, 430602, 420102, 370102, 500101];

fn city_regions(city: &str) -> &'static [u32] {
    match city {
        "上海" => &[310101, 310104, 310105, 310106, 310112, 310115],
        "杭州" => &[330102, 330105, 330106, 330108],
        "苏州" => &[320505, 320506, 320508],
        "宁波" => &[330203, 330205, 330212],
        _ => &[310101],
    }
}

const PHONE_PREFIXES: [&str; 36] = [
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
    "157", "158", "159", "173", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189",
    "191", "193", "198", "199",
];

const THIRD_PARTY: [(&str, f64); 5] =
    [("微信", 0.72), ("微博", 0.22), ("QQ", 0.28), ("Apple ID", 0.2), ("华为ID", 0.14)];

/// A store site: city, district, business area (for the store name), street (for the address).
#[derive(Clone, Copy)]
struct Site {
    city: &'static str,
    district: &'static str,
    area: &'static str,
    street: &'static str,
}

const fn site(city: &'static str, district: &'static str, area: &'static str, street: &'static str) -> Site {
    Site { city, district, area, street }
}

const MAIN_SHANGHAI: [Site; 10] = [
    site("上海", "浦东新区", "陆家嘴", "张杨路"),
    site("上海", "浦东新区", "张江", "祖冲之路"),
    site("上海", "浦东新区", "金桥", "金桥路"),
    site("上海", "徐汇区", "徐家汇", "漕溪北路"),
    site("上海", "徐汇区", "田林", "田林路"),
    site("上海", "静安区", "大宁", "共和新路"),
    site("上海", "闵行区", "莘庄", "莘松路"),
    site("上海", "闵行区", "七宝", "七莘路"),
    site("上海", "长宁区", "古北", "古北路"),
    site("上海", "长宁区", "中山公园", "长宁路"),
];
const MAIN_HANGZHOU: [Site; 6] = [
    site("杭州", "西湖区", "文三路", "文三路"),
    site("杭州", "西湖区", "黄龙", "曙光路"),
    site("杭州", "拱墅区", "大关", "大关路"),
    site("杭州", "滨江区", "星光", "江南大道"),
    site("杭州", "上城区", "钱江新城", "富春路"),
    site("杭州", "上城区", "湖滨", "延安路"),
];
const MAIN_SUZHOU: [Site; 6] = [
    site("苏州", "姑苏区", "观前", "人民路"),
    site("苏州", "姑苏区", "石路", "广济南路"),
    site("苏州", "工业园区", "金鸡湖", "苏州大道东"),
    site("苏州", "工业园区", "湖东", "星湖街"),
    site("苏州", "吴中区", "木渎", "金山路"),
    site("苏州", "吴中区", "东吴", "东吴北路"),
];
const SECOND_HANGZHOU: [Site; 8] = [
    site("杭州", "拱墅区", "武林", "体育场路"),
    site("杭州", "西湖区", "西溪", "文二西路"),
    site("杭州", "上城区", "湖滨", "平海路"),
    site("杭州", "滨江区", "江南", "江南大道"),
    site("杭州", "萧山区", "萧山", "市心中路"),
    site("杭州", "余杭区", "未来科技城", "文一西路"),
    site("杭州", "上城区", "钱江新城", "新业路"),
    site("杭州", "西湖区", "黄龙", "黄龙路"),
];
const SECOND_NINGBO: [Site; 5] = [
    site("宁波", "鄞州区", "万达", "天童南路"),
    site("宁波", "海曙区", "天一广场", "中山东路"),
    site("宁波", "江北区", "老外滩", "人民路"),
    site("宁波", "鄞州区", "东部新城", "宁穿路"),
    site("宁波", "海曙区", "月湖", "镇明路"),
];

const ADDRESS_TAILS: [&str; 8] =
    ["1 楼", "2 楼", "1 楼沿街商铺", "3 楼 301 室", "B1 层 12 号", "2 楼 206 室", "1 层 102 室", "4 楼 408 室"];

/// Per-brand vocabulary for nicknames and note titles.
struct Vocab {
    /// short brand name used in nicknames and titles
    short: &'static str,
    trade: &'static str,
    dirs: &'static [Dir],
    /// services / treatments
    svc: &'static [&'static str],
    room: &'static [&'static str],
    policy: &'static [&'static str],
    skill: &'static [&'static str],
    cert: &'static [&'static str],
    offer: &'static [&'static str],
    tip: &'static [&'static str],
    topic: &'static [&'static str],
    group: &'static [&'static str],
    face: &'static [&'static str],
    emoji: &'static [&'static str],
}

/// A content direction with its weight and title templates (`{slot}` placeholders).
struct Dir {
    name: &'static str,
    weight: u32,
    templates: &'static [&'static str],
}

const HOUSEKEEPING_DIRS: [Dir; 12] = [
    Dir {
        name: "日常工作记录",
        weight: 22,
        templates: &[
            "开荒保洁{h}小时｜{area}平毛坯房变样板间",
            "{room}深度清洁前后对比，看完直呼解压",
            "保洁师的一天｜早上{t}点出门，今天跑了{count}单",
            "收纳师上门整理{room}前后对比",
            "月嫂日记｜宝宝出生第{d}天，新手妈妈终于睡了整觉",
            "跟我上户｜{district}{area}平三居室{svc}全过程",
            "油烟机{years}年没洗过，拆开那一刻我沉默了",
            "今天的{svc}单子，雇主说比想象中干净太多",
            "育儿嫂vlog｜带{m}个月宝宝的一天",
            "住家阿姨的一天｜早上{t}点起，做饭带娃收拾全搞定",
            "擦玻璃｜{floors}楼落地窗，擦完雇主直夸亮",
            "{city}{district}上户记录｜{svc}{h}小时完工",
            "沉浸式{svc}｜{room}焕然一新",
            "记录一次{svc}：{area}平老房子翻新级清洁",
        ],
    },
    Dir {
        name: "热门话题揭秘",
        weight: 14,
        templates: &[
            "月嫂多少钱一个月？干了{years}年的我说点实话",
            "保姆怎么找？这{n}个坑千万别踩",
            "{city}保洁一小时多少钱？行业价格说清楚",
            "为什么好月嫂都要提前{mo}个月约？",
            "育儿嫂和月嫂到底有什么区别？一次讲明白",
            "家政阿姨最怕遇到什么样的雇主？说句真心话",
            "开荒保洁到底值不值？{area}平算笔账给你看",
            "金牌月嫂和普通月嫂差在哪？看完就懂",
            "找住家保姆，面试一定要问这{n}个问题",
            "钟点工按小时还是按面积收费更划算？",
            "{city}月嫂{price}元一个月，贵在哪里？",
            "请保姆签合同要注意什么？{n}条建议收好",
        ],
    },
    Dir {
        name: "用户体验分享",
        weight: 14,
        templates: &[
            "第一次请{svc}，{district}宝妈的真实体验",
            "雇主反馈｜{svc}做完，家里像换了个房子",
            "二胎妈妈请月嫂的{d}天，说说真实感受",
            "{area}平老房子{svc}，雇主说值回票价",
            "被雇主留言感动到了｜{svc}服务回访",
            "请了{years}年保洁阿姨，这{n}点最让我安心",
            "雇主晒图｜收纳整理后的{room}终于能找到东西了",
            "{city}搬家后第一次开荒保洁，雇主真实评价",
            "雇主说：下次{svc}还找你｜服务回访记录",
            "双职工家庭请育儿嫂{mo}个月，真实体验分享",
        ],
    },
    Dir {
        name: "品牌态度",
        weight: 4,
        templates: &[
            "我们为什么坚持{policy}",
            "做{trade}，我们只认一个字：真",
            "{brand}的服务标准，写给每一位雇主",
            "{policy}，是我们对雇主的承诺",
            "不是每个阿姨都能上户，{brand}的{n}道关卡",
        ],
    },
    Dir {
        name: "培训日常",
        weight: 6,
        templates: &[
            "{brand}培训日常｜今天学{skill}",
            "新人入职第{d}天｜岗前培训全记录",
            "考证进行时｜{cert}实操考核",
            "每周培训课｜{skill}，老师手把手教",
            "培训结业啦！{count}位新同事正式上岗",
        ],
    },
    Dir {
        name: "品牌故事",
        weight: 3,
        templates: &[
            "从1家店到{stores}家店，{brand}的第{brandyears}年",
            "{brand}{store}开业那天，我记了一整本",
            "创始人说：我们想做有温度的{trade}",
            "一位老雇主和{brand}的{brandyears}年",
        ],
    },
    Dir {
        name: "工作分享",
        weight: 8,
        templates: &[
            "做{job}的第{years}年，分享我的工具包",
            "入行{years}年，我的{svc}工作流程",
            "一天跑{count}单是什么体验｜{job}的日常",
            "{job}的上户包里都装了什么？",
            "我的{svc}清单｜{n}个步骤一个不落",
        ],
    },
    Dir {
        name: "行业揭秘",
        weight: 7,
        templates: &[
            "{trade}行业揭秘｜{topic}",
            "干了{years}年{job}，说说行业里没人讲的事",
            "{topic}？从业者告诉你真相",
            "行业内幕｜{topic}",
        ],
    },
    Dir {
        name: "经验分享",
        weight: 10,
        templates: &[
            "{room}清洁小技巧｜{n}个方法亲测有效",
            "{room}收纳{n}个原则，小户型也能住出大空间",
            "新生儿护理{n}个细节，新手爸妈一定要知道",
            "换季衣柜整理｜{n}步搞定",
            "{svc}前雇主要准备什么？{n}条经验",
        ],
    },
    Dir {
        name: "福利官",
        weight: 4,
        templates: &[
            "{brand}{month}月福利｜{offer}",
            "福利官来啦｜{store}{offer}",
            "雇主福利｜{offer}，名额有限",
            "{month}月宠粉｜{offer}",
        ],
    },
    Dir {
        name: "经验秘籍",
        weight: 5,
        templates: &[
            "{job}的私藏秘籍｜{tip}",
            "干货收藏｜{svc}{n}步法",
            "{tip}｜{job}亲测有效",
            "{years}年{job}的秘籍：{tip}",
        ],
    },
    Dir {
        name: "明星员工",
        weight: 3,
        templates: &[
            "本月明星员工｜{sname}阿姨{years}年零投诉",
            "{brand}金牌{job}｜被雇主续约{n}次的秘诀",
            "明星员工专访｜{job}{sname}姐的{years}年",
            "雇主点名要的{job}，{sname}姐有什么不一样",
        ],
    },
];

const BEAUTY_DIRS: [Dir; 12] = [
    Dir {
        name: "顾客变美实录",
        weight: 22,
        templates: &[
            "敏感肌换季泛红｜{d}天修护记录",
            "顾客痘肌{d}天变化，对比图太明显了",
            "{age}岁姐姐的{svc}记录｜第{count}次",
            "毛孔粗大闭口多，{d}天护理后顾客自己都惊了",
            "顾客变美实录｜{svc}前后对比",
            "眉型设计前后对比｜整个人精神了",
            "{svc}第{count}次，顾客说同事都问她用了什么",
            "熬夜暗沉脸{d}天，顾客状态回来了",
            "{group}的{svc}实录｜素颜对比",
        ],
    },
    Dir {
        name: "特色人群案例",
        weight: 14,
        templates: &[
            "方圆脸适合什么眉型？美容师教你",
            "{group}怎么护肤？美容师给你一套方案",
            "{group}的{svc}案例｜真实记录",
            "{group}做{svc}要注意什么？",
            "{age}岁{group}，{d}天皮肤状态变化",
            "新娘备婚{mo}个月护肤计划｜真实案例",
            "{face}适合什么眉型？{n}种画法对比",
        ],
    },
    Dir {
        name: "行业经验分享",
        weight: 14,
        templates: &[
            "做了{years}年美容师，这些钱千万别花",
            "美容院{svc}到底值不值？从业者说实话",
            "{svc}多久做一次合适？美容师告诉你",
            "进美容院前要知道的{n}件事",
            "美容院办卡避坑指南｜{n}条实话",
            "{city}做{svc}大概多少钱？行业价格说清楚",
        ],
    },
    Dir {
        name: "品牌态度",
        weight: 4,
        templates: &[
            "我们为什么坚持{policy}",
            "做{trade}，我们只认一个字：真",
            "{brand}的服务标准，写给每一位顾客",
            "{policy}，是我们对顾客的承诺",
        ],
    },
    Dir {
        name: "培训日常",
        weight: 6,
        templates: &[
            "{brand}培训日常｜今天学{skill}",
            "新人美容师入职第{d}天｜培训全记录",
            "考证进行时｜{cert}实操考核",
            "每周技术课｜{skill}，老师手把手教",
        ],
    },
    Dir {
        name: "品牌故事",
        weight: 3,
        templates: &[
            "从1家店到{stores}家店，{brand}的第{brandyears}年",
            "{brand}{store}开业那天",
            "创始人说：我们想做让人放松的{trade}",
            "一位老顾客和{brand}的{brandyears}年",
        ],
    },
    Dir {
        name: "工作分享",
        weight: 8,
        templates: &[
            "做{job}的第{years}年，分享我的护理流程",
            "一天{count}位顾客是什么体验｜{job}的日常",
            "{job}的工作台上都有什么？",
            "我的{svc}操作清单｜{n}个步骤",
        ],
    },
    Dir {
        name: "行业揭秘",
        weight: 7,
        templates: &[
            "{trade}行业揭秘｜{topic}",
            "干了{years}年{job}，说说行业里没人讲的事",
            "{topic}？从业者告诉你真相",
        ],
    },
    Dir {
        name: "经验分享",
        weight: 10,
        templates: &["{group}护肤{n}个原则，美容师亲测", "换季护肤{n}步，稳住不泛红", "{svc}后怎么护理？{n}条经验"],
    },
    Dir {
        name: "福利官",
        weight: 4,
        templates: &["{brand}{month}月福利｜{offer}", "福利官来啦｜{store}{offer}", "{month}月宠粉｜{offer}"],
    },
    Dir {
        name: "经验秘籍",
        weight: 5,
        templates: &["{job}的私藏秘籍｜{tip}", "干货收藏｜{svc}{n}步法", "{tip}｜{job}亲测有效"],
    },
    Dir {
        name: "明星员工",
        weight: 3,
        templates: &[
            "本月明星员工｜{job}{eng}的{years}年",
            "{brand}金牌{job}｜顾客回头率的秘诀",
            "明星员工专访｜{sname}老师的{years}年",
        ],
    },
];

const HOUSEKEEPING: Vocab = Vocab {
    short: "悦家",
    trade: "家政",
    dirs: &HOUSEKEEPING_DIRS,
    svc: &[
        "开荒保洁",
        "日常保洁",
        "深度保洁",
        "擦玻璃",
        "油烟机清洗",
        "空调清洗",
        "收纳整理",
        "衣柜整理",
        "除螨",
        "家电清洗",
        "厨房深度清洁",
        "卫生间除垢",
        "钟点工",
    ],
    room: &["厨房", "卫生间", "衣柜", "冰箱", "玄关", "儿童房", "阳台", "书房", "主卧", "客厅"],
    policy: &[
        "阿姨持证上岗",
        "阿姨上户前做背景调查",
        "服务不满意免费返工",
        "每单拍照留档",
        "明码标价不加价",
        "阿姨统一体检",
    ],
    skill: &[
        "新生儿抚触",
        "产后营养餐",
        "衣物分类收纳",
        "瓷砖美缝清洁",
        "新生儿洗澡",
        "家电拆洗",
        "辅食制作",
        "皮沙发保养",
    ],
    cert: &["母婴护理师", "育婴员", "整理收纳师", "家政服务员", "养老护理员"],
    offer: &[
        "新客首单立减50元",
        "开荒保洁限时8折",
        "预约月嫂送产后修复课",
        "老客推荐送2小时钟点工",
        "收纳整理免费上门评估",
        "油烟机清洗第二台半价",
    ],
    tip: &[
        "瓷砖缝发黑一招去除",
        "玻璃擦得不留水痕",
        "水垢用柠檬酸就够",
        "衣服叠成豆腐块",
        "冰箱异味一晚去除",
        "不锈钢台面擦出镜面",
    ],
    topic: &[
        "阿姨工资到底怎么算",
        "为什么同样是保洁价格差这么多",
        "中介费收多少才合理",
        "月嫂证书哪些才靠谱",
        "阿姨为什么频繁换户",
        "雇主押金该不该交",
    ],
    group: &["新手妈妈"],
    face: &["方圆脸"],
    emoji: &["✨", "🧹", "🏠", "💪", "🔥", "❤️", "📌", "🌿", "👍", "💯", "🥹", "‼️"],
};

const BEAUTY: Vocab = Vocab {
    short: "薇澜",
    trade: "生活美容",
    dirs: &BEAUTY_DIRS,
    svc: &[
        "补水护理",
        "清痘护理",
        "小气泡清洁",
        "肩颈SPA",
        "眉型设计",
        "睫毛嫁接",
        "头皮护理",
        "抗初老护理",
        "敏感肌修护",
    ],
    room: &["护理间"],
    policy: &["不强制推销办卡", "产品全部可溯源", "一人一方案", "护理前先做皮肤检测", "效果不满意免费重做"],
    skill: &["面部刮痧手法", "肩颈放松手法", "皮肤检测仪使用", "眉型设计", "清痘操作", "精油调配"],
    cert: &["美容师", "皮肤管理师", "化妆师", "芳香理疗师"],
    offer: &["新客体验价99元", "补水护理买一送一", "生日月护理8折", "老带新各送一次清洁", "眉型设计首次体验价"],
    tip: &["洗脸水温别超过38度", "防晒要补涂才有用", "面膜别敷超过15分钟", "刷酸后一定要保湿", "画眉先定眉峰"],
    topic: &["美容院为什么总推办卡", "护肤品成分表怎么看", "皮肤管理和美容院有什么区别", "清痘到底疼不疼"],
    group: &["油痘肌学生党", "孕期准妈妈", "产后宝妈", "熬夜打工人", "40+姐姐", "敏感肌", "干皮", "混油皮", "男生"],
    face: &["方圆脸", "长脸", "圆脸", "鹅蛋脸", "菱形脸", "方脸"],
    emoji: &["✨", "🌸", "💄", "🔥", "❤️", "📌", "🥰", "💯", "🫧", "🌿"],
};

fn vocab(enterprise: usize) -> &'static Vocab {
    if enterprise == 0 {
        &HOUSEKEEPING
    } else {
        &BEAUTY
    }
}

/// What a staff member does (drives nickname, KOS job title and note wording).
#[derive(Clone, Copy)]
struct Specialty {
    name: &'static str,
    /// weights over `JOB_TITLES` (导购, 店长, 客服, 员工, 助理, 主播人); 店长 is never drawn
    titles: [u32; 6],
    nicknames: &'static [&'static str],
}

const SERVICE_TITLES: [u32; 6] = [18, 0, 3, 62, 9, 8];
const ADVISOR_TITLES: [u32; 6] = [68, 0, 26, 0, 6, 0];

const HK_FEMALE: [(Specialty, u32); 6] = [
    (
        Specialty {
            name: "保洁师",
            titles: SERVICE_TITLES,
            nicknames: &[
                "保洁师小{s}的日常",
                "{s}姐保洁日记",
                "{city}保洁{g}",
                "小{s}爱干净",
                "{g}的开荒日记",
                "保洁阿姨{s}姐",
            ],
        },
        30,
    ),
    (
        Specialty {
            name: "月嫂",
            titles: SERVICE_TITLES,
            nicknames: &["月嫂{s}阿姨", "金牌月嫂{g}", "{city}月嫂{s}姐", "{s}阿姨的月子日记"],
        },
        20,
    ),
    (
        Specialty {
            name: "育儿嫂",
            titles: SERVICE_TITLES,
            nicknames: &["育儿嫂{g}", "{s}阿姨带娃日记", "育儿嫂小{s}"],
        },
        14,
    ),
    (
        Specialty {
            name: "收纳师",
            titles: SERVICE_TITLES,
            nicknames: &["收纳师{g}", "{g}的收纳笔记", "整理收纳师小{s}", "{g}爱整理"],
        },
        14,
    ),
    (
        Specialty {
            name: "住家保姆",
            titles: SERVICE_TITLES,
            nicknames: &["保姆{s}阿姨的一天", "住家阿姨{g}", "{s}阿姨家务笔记"],
        },
        10,
    ),
    (
        Specialty {
            name: "家政顾问",
            titles: ADVISOR_TITLES,
            nicknames: &["{brand}家政{g}", "家政顾问{g}", "{g}帮你找阿姨", "家政经纪人小{s}"],
        },
        12,
    ),
];

const HK_MALE: [(Specialty, u32); 3] = [
    (
        Specialty {
            name: "家电清洗师傅",
            titles: SERVICE_TITLES,
            nicknames: &["家电清洗{s}师傅", "{s}师傅拆洗日记", "油烟机清洗小{s}"],
        },
        50,
    ),
    (
        Specialty {
            name: "保洁师", titles: SERVICE_TITLES, nicknames: &["保洁师小{s}的日常", "{city}保洁{s}师傅"]
        },
        30,
    ),
    (
        Specialty {
            name: "家政顾问", titles: ADVISOR_TITLES, nicknames: &["家政顾问{g}", "家政经纪人小{s}"]
        },
        20,
    ),
];

const BEAUTY_SPECIALTIES: [(Specialty, u32); 4] = [
    (
        Specialty {
            name: "美容师",
            titles: SERVICE_TITLES,
            nicknames: &["美容师{e}", "{e}的美肤日记", "{brand}{e}", "美容师小{s}"],
        },
        50,
    ),
    (
        Specialty {
            name: "皮肤管理师",
            titles: SERVICE_TITLES,
            nicknames: &["皮肤管理师{g}", "{g}教你养皮肤", "皮肤管理师{e}"],
        },
        25,
    ),
    (
        Specialty {
            name: "眉型设计师", titles: SERVICE_TITLES, nicknames: &["眉型设计师{e}", "{e}画眉日记"]
        },
        10,
    ),
    (
        Specialty {
            name: "美容顾问", titles: ADVISOR_TITLES, nicknames: &["{brand}顾问{e}", "{e}的变美小屋"]
        },
        15,
    ),
];

const HK_MANAGER: Specialty = Specialty {
    name: "店长",
    titles: [0, 1, 0, 0, 0, 0],
    nicknames: &["{brand}{s}店长", "{brand}家政·{g}店长", "{area}店长{g}"],
};
const BEAUTY_MANAGER: Specialty = Specialty {
    name: "店长",
    titles: [0, 1, 0, 0, 0, 0],
    nicknames: &["{brand}{s}店长", "{e}店长的美肤笔记", "{area}店长{e}"],
};

// ---------------------------------------------------------------------------------------------------------
// Generator state
// ---------------------------------------------------------------------------------------------------------

/// Facts about a staff member that the dataset does not carry but the generator needs.
#[derive(Clone)]
struct Persona {
    surname: String,
    given: String,
    english: &'static str,
    specialty: Specialty,
    is_manager: bool,
}

impl Persona {
    /// The given name as used in nicknames: single characters get "阿" (阿静).
    fn given_nick(&self) -> String {
        if self.given.chars().count() == 1 {
            format!("阿{}", self.given)
        } else {
            self.given.clone()
        }
    }
}

/// Planned fate of an account's binding(s).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Plan {
    /// account exists but was never bound (a few fail B-2)
    NoBinding,
    Active,
    Frozen,
    Invited,
    Expired,
    /// expired first, then invited again (pending)
    ExpiredThenInvited,
    Unbound,
}

struct Gen {
    rng: Rng,
    today: NaiveDate,
    /// today 00:00 Beijing time
    day_start: DateTime<Utc>,
    ds: Dataset,
    personas: Vec<Persona>,
    /// per account: notes per week (0–6)
    activity: Vec<f64>,
    names: [HashSet<String>; 2],
    ids: HashSet<String>,
    phones: HashSet<String>,
    xhs_ids: HashSet<String>,
    nicknames: HashSet<String>,
}

/// Builds the demo data set; identical output for identical `(seed, today)`.
pub fn generate(seed: u64, today: NaiveDate) -> Dataset {
    let mut g = Gen {
        rng: Rng::new(seed),
        today,
        day_start: bj(today, 0, 0, 0),
        ds: Dataset {
            enterprises: Vec::new(),
            agency: DemoAgency { name: String::new(), reported_by: Vec::new() },
            stores: Vec::new(),
            staff: Vec::new(),
            accounts: Vec::new(),
            bindings: Vec::new(),
            notes: Vec::new(),
            users: Vec::new(),
        },
        personas: Vec::new(),
        activity: Vec::new(),
        names: [HashSet::new(), HashSet::new()],
        ids: HashSet::new(),
        phones: HashSet::new(),
        xhs_ids: HashSet::new(),
        nicknames: HashSet::new(),
    };
    g.enterprises_and_stores();
    for e in 0..2 {
        g.staff_of(e);
    }
    let managed = g.accounts_and_bindings();
    g.notes();
    g.users(managed);
    g.new_hire_accounts();
    g.ds
}

impl Gen {
    fn enterprises_and_stores(&mut self) {
        let mut rng = self.rng.fork(1);
        let today = self.today;

        // main brand: 上海 6–8, 杭州 3–4, 苏州 3–4 stores
        let mut sites: Vec<Site> = Vec::new();
        for (pool, lo, hi) in [(&MAIN_SHANGHAI[..], 6, 8), (&MAIN_HANGZHOU[..], 3, 4), (&MAIN_SUZHOU[..], 3, 4)] {
            let mut pool = pool.to_vec();
            rng.shuffle(&mut pool);
            let n = rng.range(lo, hi) as usize;
            sites.extend(pool.into_iter().take(n));
        }
        let main_stores = sites.len();
        for s in &sites {
            let store = self.store(&mut rng, 0, "悦家家政", s);
            self.ds.stores.push(store);
        }

        // second brand: 杭州 7–8, 宁波 3–4 stores
        let mut sites: Vec<Site> = Vec::new();
        for (pool, lo, hi) in [(&SECOND_HANGZHOU[..], 7, 8), (&SECOND_NINGBO[..], 3, 4)] {
            let mut pool = pool.to_vec();
            rng.shuffle(&mut pool);
            let n = rng.range(lo, hi) as usize;
            sites.extend(pool.into_iter().take(n));
        }
        let second_stores = sites.len();
        for s in &sites {
            let store = self.store(&mut rng, 1, "薇澜美肤", s);
            self.ds.stores.push(store);
        }

        let main_created = today - days(rng.range(6 * 365 + 60, 6 * 365 + 400));
        let second_created = today - days(rng.range(6 * 365 + 30, 7 * 365));
        let violation_day = today - days(rng.range(420, 720));
        self.ds.enterprises = vec![
            DemoEnterprise {
                name: "悦家家政服务".into(),
                industry: INDUSTRIES[0],
                city: "上海",
                store_count: (main_stores + rng.index(4)) as u32,
                professional_account: true,
                staff_mgmt_permission: true,
                last_serious_violation_at: None,
                created_at: office_time(&mut rng, main_created),
            },
            DemoEnterprise {
                name: "薇澜美肤管理中心".into(),
                industry: INDUSTRIES[1],
                city: "杭州",
                store_count: (second_stores + rng.index(3)) as u32,
                professional_account: true,
                staff_mgmt_permission: true,
                last_serious_violation_at: Some(office_time(&mut rng, violation_day)),
                created_at: office_time(&mut rng, second_created),
            },
        ];
        self.ds.agency = DemoAgency { name: "星禾数字营销".into(), reported_by: vec![0] };
    }

    fn store(&self, rng: &mut Rng, enterprise: usize, brand: &str, s: &Site) -> DemoStore {
        let number = rng.range(8, 1888);
        let tail = rng.pick(&ADDRESS_TAILS);
        DemoStore {
            enterprise,
            name: format!("{brand}·{}店", s.area),
            city: s.city,
            district: s.district,
            address: format!("{}{} {number} 号 {tail}", s.district, s.street),
            opened_on: self.today - days(rng.range(365, 6 * 365)),
        }
    }

    /// Staff of one brand, store by store; each store's first member is its manager (hired at opening).
    fn staff_of(&mut self, enterprise: usize) {
        let mut rng = self.rng.fork(10 + enterprise as u64);
        let today = self.today;
        let stores: Vec<usize> =
            (0..self.ds.stores.len()).filter(|&i| self.ds.stores[i].enterprise == enterprise).collect();
        // head-count per store
        let (base, cap, lo, hi) = if enterprise == 0 { (4, 10, 84, 96) } else { (2, 4, 20, 30) };
        let total = (rng.range(lo, hi) as usize).min(stores.len() * cap);
        let mut sizes = vec![base; stores.len()];
        let mut remaining = total.saturating_sub(base * stores.len());
        while remaining > 0 {
            let i = rng.index(stores.len());
            if sizes[i] < cap {
                sizes[i] += 1;
                remaining -= 1;
            }
        }
        for (k, &store) in stores.iter().enumerate() {
            let opened = self.ds.stores[store].opened_on;
            let city = self.ds.stores[store].city;
            for j in 0..sizes[k] {
                let manager = j == 0;
                let (female_p, age_lo, age_hi, age_mode) = match (enterprise, manager) {
                    (0, true) => (0.8, 30, 50, 40),
                    (0, false) => (0.84, 22, 55, 42),
                    (_, true) => (0.97, 27, 42, 33),
                    _ => (0.95, 20, 40, 26),
                };
                let female = rng.chance(female_p);
                let age = triangular(&mut rng, age_lo, age_hi, age_mode);
                // birth so that the age on `today` is exactly `age`
                let birth = today - days(age * 365 + age / 4 + rng.range(10, 350));
                let young = birth.year() >= 1988;
                let given_pool: &[&str] = match (female, young) {
                    (true, false) => &FEMALE_OLDER,
                    (true, true) => &FEMALE_YOUNGER,
                    (false, false) => &MALE_OLDER,
                    (false, true) => &MALE_YOUNGER,
                };
                let (surname, given) = self.unique_name(&mut rng, enterprise, given_pool);
                let region = if rng.chance(if enterprise == 0 { 0.55 } else { 0.7 }) {
                    rng.pick(city_regions(city))
                } else {
                    rng.pick(&MIGRANT_REGIONS)
                };
                let id_number = self.unique_id(&mut rng, region, birth, female);
                let phone = self.unique_phone(&mut rng);
                let hired_on = if manager {
                    opened + days(rng.range(0, 30))
                } else {
                    let lo = (opened + days(7)).max(today - days(6 * 365));
                    let hi = today - days(45);
                    lo + days(rng.range(0, (hi - lo).num_days()))
                };
                let specialty = if manager {
                    if enterprise == 0 {
                        HK_MANAGER
                    } else {
                        BEAUTY_MANAGER
                    }
                } else {
                    let table: &[(Specialty, u32)] = match (enterprise, female) {
                        (0, true) => &HK_FEMALE,
                        (0, false) => &HK_MALE,
                        _ => &BEAUTY_SPECIALTIES,
                    };
                    let weights: Vec<u32> = table.iter().map(|t| t.1).collect();
                    table[rng.weighted(&weights)].0
                };
                let english = rng.pick(&ENGLISH_NAMES);
                // 工号: the brand's letters and a running number, as an HR system hands them out
                let employee_no = format!("{}{:05}", ["JZ", "MR"][enterprise.min(1)], 10_001 + k * 100 + j);
                self.ds.staff.push(DemoStaff {
                    enterprise,
                    store,
                    name: format!("{surname}{given}"),
                    id_number,
                    phone,
                    hired_on,
                    employee_no,
                    position: specialty.name,
                });
                self.personas.push(Persona { surname, given, english, specialty, is_manager: manager });
            }
        }
    }

    fn unique_name(&mut self, rng: &mut Rng, enterprise: usize, given_pool: &[&str]) -> (String, String) {
        let surnames: Vec<char> = SURNAMES.chars().collect();
        let mut attempt = 0;
        loop {
            // skewed towards the common surnames at the front of the list
            let u = rng.unit();
            let si = ((surnames.len() as f64) * u * u) as usize;
            let surname = surnames[si.min(surnames.len() - 1)].to_string();
            let mut given = rng.pick(given_pool).to_string();
            if attempt > 200 {
                given.push_str(rng.pick(&FEMALE_YOUNGER));
            }
            let full = format!("{surname}{given}");
            if self.names[enterprise].insert(full) {
                return (surname, given);
            }
            attempt += 1;
        }
    }

    fn unique_id(&mut self, rng: &mut Rng, region: u32, birth: NaiveDate, female: bool) -> String {
        loop {
            // the 17th digit is odd for men, even for women
            let mut seq = rng.range_u32(0, 999);
            if (seq % 2 == 1) == female {
                seq = if seq == 999 { 998 } else { seq + 1 };
            }
            let id = crate::idcard::compose(region, birth, seq);
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    fn unique_phone(&mut self, rng: &mut Rng) -> String {
        loop {
            let phone = format!("{}{:08}", rng.pick(&PHONE_PREFIXES), rng.below(100_000_000));
            if self.phones.insert(phone.clone()) {
                return phone;
            }
        }
    }

    fn unique_xhs_id(&mut self, rng: &mut Rng) -> String {
        loop {
            let id = if rng.chance(0.45) {
                format!("{}", rng.range(100_000_000, 999_999_999))
            } else {
                format!("{}", rng.range(1_000_000_000, 9_999_999_999))
            };
            if self.xhs_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    fn nickname(&mut self, rng: &mut Rng, staff: usize) -> String {
        let p = &self.personas[staff];
        let st = &self.ds.stores[self.ds.staff[staff].store];
        let v = vocab(self.ds.staff[staff].enterprise);
        let template = rng.pick(p.specialty.nicknames);
        let base = template
            .replace("{s}", &p.surname)
            .replace("{g}", &p.given_nick())
            .replace("{e}", p.english)
            .replace("{city}", st.city)
            .replace("{area}", st.name.split('·').nth(1).map_or("", |a| a.trim_end_matches('店')))
            .replace("{brand}", v.short);
        let decorations = ["🌸", "✨", "～", "🍀", "🌷", "🌼"];
        let mut attempt = 0;
        loop {
            let candidate = match attempt {
                0 if rng.chance(0.75) => base.clone(),
                k if k < 8 => format!("{base}{}", rng.pick(&decorations)),
                k => format!("{base}{k}"),
            };
            if self.nicknames.insert(candidate.clone()) {
                return candidate;
            }
            attempt += 1;
        }
    }

    /// Accounts and bindings of both brands. Returns the staff of the two store-manager users (main brand).
    fn accounts_and_bindings(&mut self) -> Vec<usize> {
        let mut rng = self.rng.fork(20);
        let mut managed = Vec::new();
        for e in 0..2 {
            let staff: Vec<usize> = (0..self.ds.staff.len()).filter(|&i| self.ds.staff[i].enterprise == e).collect();
            // staff that must be active: main brand's first 上海 and first 杭州 store managers (store-manager users)
            let mut forced: Vec<usize> = Vec::new();
            if e == 0 {
                for city in ["上海", "杭州"] {
                    if let Some(&s) = staff
                        .iter()
                        .find(|&&s| self.personas[s].is_manager && self.ds.stores[self.ds.staff[s].store].city == city)
                    {
                        forced.push(s);
                    }
                }
                managed.clone_from(&forced);
            }
            let with_account: Vec<usize> = staff
                .iter()
                .copied()
                .filter(|s| forced.contains(s) || rng.chance(if self.personas[*s].is_manager { 0.95 } else { 0.85 }))
                .collect();
            // plan: shuffle the non-forced accounts and hand out the special fates
            let mut pool: Vec<usize> = with_account.iter().copied().filter(|s| !forced.contains(s)).collect();
            rng.shuffle(&mut pool);
            let mut fates: Vec<Plan> = Vec::new();
            if e == 0 {
                fates.extend([Plan::NoBinding; 4]);
                fates.extend(vec![Plan::Invited; rng.range(1, 2) as usize]);
                fates.push(Plan::ExpiredThenInvited);
                fates.extend(vec![Plan::Expired; rng.range(0, 1) as usize]);
                fates.extend(vec![Plan::Unbound; rng.range(1, 2) as usize]);
                fates.extend([Plan::Frozen; 2]);
            } else {
                fates.extend([Plan::NoBinding, Plan::NoBinding, Plan::Invited, Plan::Frozen, Plan::Unbound]);
                fates.extend(vec![Plan::Expired; rng.range(0, 1) as usize]);
            }
            let mut plan_of: Vec<(usize, Plan)> = with_account.iter().map(|&s| (s, Plan::Active)).collect();
            for (k, &s) in pool.iter().enumerate() {
                if let Some(&fate) = fates.get(k) {
                    if let Some(slot) = plan_of.iter_mut().find(|x| x.0 == s) {
                        slot.1 = fate;
                    }
                }
            }
            let mut no_binding_seen = 0;
            for (s, plan) in plan_of {
                self.account_for(&mut rng, s, plan, &mut no_binding_seen);
            }
        }
        managed
    }

    /// Creates one staff member's account and its bindings according to `plan`.
    fn account_for(&mut self, rng: &mut Rng, staff: usize, plan: Plan, no_binding_seen: &mut usize) {
        let today = self.today;
        let enterprise = self.ds.staff[staff].enterprise;
        let hired = self.ds.staff[staff].hired_on;
        let persona = self.personas[staff].clone();
        let account = self.ds.accounts.len();
        let job_title =
            if persona.is_manager { JOB_TITLES[1] } else { JOB_TITLES[rng.weighted(&persona.specialty.titles)] };
        let pick_mode = |rng: &mut Rng| {
            if persona.is_manager || rng.chance(0.6) {
                BindingMode::Enterprise
            } else {
                BindingMode::Personal
            }
        };
        let eff_lo = (hired + days(3)).max(today - days(PROGRAM_DAYS));
        let eff_hi = today - days(30);
        let mut bindings: Vec<DemoBinding> = Vec::new();
        let binding = |mode, status, invited_at, effective_at, ended_at, end_reason: Option<&str>| DemoBinding {
            enterprise,
            account,
            staff,
            mode,
            job_title,
            status,
            invited_at,
            effective_at,
            ended_at,
            end_reason: end_reason.map(str::to_string),
        };
        // a pending invitation: yesterday 09:00–21:59 Beijing, so it stays within 48 h all of `today`
        let pending = |rng: &mut Rng| office_time(rng, today - days(1));
        let expired = |rng: &mut Rng| {
            let day = today - days(rng.range(3, 20));
            let invited = office_time(rng, day);
            (invited, invited + TimeDelta::hours(48))
        };
        match plan {
            Plan::NoBinding => {}
            Plan::Active | Plan::Frozen => {
                // a launch wave in the program's first weeks, then rolling invitations
                let day = if rng.chance(0.45) {
                    (today - days(PROGRAM_DAYS) + days(rng.range(0, 35))).max(eff_lo).min(eff_hi)
                } else {
                    eff_lo + days(rng.range(0, (eff_hi - eff_lo).num_days()))
                };
                let effective = office_time(rng, day);
                let invited = effective - TimeDelta::minutes(rng.range(90, 47 * 60 + 30));
                let status = if plan == Plan::Active { BindingStatus::Active } else { BindingStatus::Frozen };
                bindings.push(binding(pick_mode(rng), status, invited, Some(effective), None, None));
            }
            Plan::Invited => {
                bindings.push(binding(pick_mode(rng), BindingStatus::Invited, pending(rng), None, None, None));
            }
            Plan::Expired => {
                let (invited, ended) = expired(rng);
                bindings.push(binding(
                    pick_mode(rng),
                    BindingStatus::Expired,
                    invited,
                    None,
                    Some(ended),
                    Some(EXPIRED_REASON),
                ));
            }
            Plan::ExpiredThenInvited => {
                let mode = pick_mode(rng);
                let (invited, ended) = expired(rng);
                bindings.push(binding(mode, BindingStatus::Expired, invited, None, Some(ended), Some(EXPIRED_REASON)));
                bindings.push(binding(mode, BindingStatus::Invited, pending(rng), None, None, None));
            }
            Plan::Unbound => {
                let hi = (today - days(100)).max(eff_lo);
                let day = eff_lo + days(rng.range(0, (hi - eff_lo).num_days()));
                let effective = office_time(rng, day);
                let invited = effective - TimeDelta::minutes(rng.range(90, 47 * 60 + 30));
                // B-18: at least 30 days after becoming effective (day + 31, whatever the hours)
                let max_after = (today - days(2) - day).num_days().max(31);
                let end_day = day + days(rng.range(31, max_after));
                let ended = office_time(rng, end_day);
                let reason = rng.pick(&UNBIND_REASONS);
                bindings.push(binding(
                    BindingMode::Personal,
                    BindingStatus::Unbound,
                    invited,
                    Some(effective),
                    Some(ended),
                    Some(reason),
                ));
            }
        }

        // the account itself
        let first_invite = bindings.first().map(|b| b.invited_at);
        let enterprise_mode = bindings.iter().any(|b| b.mode == BindingMode::Enterprise);
        let created_at = match first_invite {
            Some(inv) if enterprise_mode && rng.chance(0.5) => {
                inv - TimeDelta::minutes(rng.range(60 * 24, 60 * 24 * 12))
            }
            Some(inv) => inv - TimeDelta::minutes(rng.range(60 * 24 * 30, 60 * 24 * 1500)),
            None => {
                let day = today - days(rng.range(10, 1500));
                office_time(rng, day)
            }
        };
        let (has_shop, phone_bound) = if plan == Plan::NoBinding {
            let k = *no_binding_seen;
            *no_binding_seen += 1;
            // the first unbound accounts fail B-2: a shop, then a missing phone
            match (enterprise, k) {
                (0, 0) | (0, 1) | (1, 0) => (true, true),
                (0, 2) => (false, false),
                _ => (false, true),
            }
        } else {
            (false, true)
        };
        let mut third_party_logins: Vec<&'static str> =
            THIRD_PARTY.iter().filter(|(_, p)| rng.chance(*p)).map(|(name, _)| *name).collect();
        if third_party_logins.is_empty() && rng.chance(0.5) {
            third_party_logins.push(THIRD_PARTY[0].0);
        }
        let xhs_id = self.unique_xhs_id(rng);
        let nickname = self.nickname(rng, staff);
        // notes per week: long-tailed, a few prolific accounts at 6 a week
        let mut activity = rng.log_normal(1.55, 1.0).clamp(0.08, 6.0);
        if persona.is_manager || job_title == "主播人" {
            activity = (activity * 1.4).min(6.0);
        }
        let followers =
            (rng.log_normal(230.0, 1.05) * det_pow(activity / 1.5, 0.5)).clamp(3.0, 30_000.0).round() as u32;
        self.ds.accounts.push(DemoAccount {
            xhs_id,
            nickname,
            followers,
            has_shop,
            phone_bound,
            real_name_verified: enterprise_mode || rng.chance(0.7),
            third_party_logins,
            owner_staff: Some(staff),
            created_at,
        });
        self.activity.push(activity);
        self.ds.bindings.extend(bindings);
    }

    /// Six months of notes for every binding that became effective, with metrics and snapshots.
    fn notes(&mut self) {
        let mut rng = self.rng.fork(30);
        let today = self.today;
        let window_start = bj(today - days(HISTORY_DAYS), 0, 0, 0);
        // star accounts: the most active bound accounts of each brand get 5,000–30,000 followers
        for e in 0..2 {
            let mut live: Vec<usize> = self
                .ds
                .bindings
                .iter()
                .filter(|b| b.enterprise == e && b.status == BindingStatus::Active)
                .map(|b| b.account)
                .collect();
            live.sort_by(|a, b| self.activity[*b].total_cmp(&self.activity[*a]).then(a.cmp(b)));
            let stars = if e == 0 { 3 } else { 1 };
            for &a in live.iter().take(stars) {
                self.ds.accounts[a].followers = rng.log_uniform(5_000.0, 30_000.0).round() as u32;
            }
        }

        // calibrate each brand's activity so that its expected note count lands in a realistic band
        let windows: Vec<(usize, usize, f64)> = self
            .ds
            .bindings
            .iter()
            .filter_map(|b| {
                let start = b.effective_at?.max(window_start);
                let end = b.ended_at.unwrap_or(self.day_start).min(self.day_start);
                (start < end).then(|| (b.enterprise, b.account, (end - start).num_seconds() as f64 / (7.0 * 86_400.0)))
            })
            .collect();
        for (e, (lo, hi)) in [(3_000, 3_700), (750, 1_000)].into_iter().enumerate() {
            let target = rng.range(lo, hi) as f64;
            let brand: Vec<(usize, f64)> = windows.iter().filter(|w| w.0 == e).map(|w| (w.1, w.2)).collect();
            let expected =
                |k: f64| brand.iter().map(|&(a, weeks)| (self.activity[a] * k).min(6.0) * weeks).sum::<f64>();
            let (mut k_lo, mut k_hi) = (0.01, 50.0);
            for _ in 0..60 {
                let mid = (k_lo + k_hi) / 2.0;
                if expected(mid) < target {
                    k_lo = mid;
                } else {
                    k_hi = mid;
                }
            }
            let k = (k_lo + k_hi) / 2.0;
            for a in 0..self.ds.accounts.len() {
                if self.ds.accounts[a].owner_staff.is_some_and(|s| self.ds.staff[s].enterprise == e) {
                    self.activity[a] = (self.activity[a] * k).min(6.0);
                }
            }
        }

        let mut drafts: Vec<NoteDraftOut> = Vec::new();
        let bindings = self.ds.bindings.clone();
        for b in &bindings {
            let Some(effective) = b.effective_at else {
                continue;
            };
            let start = effective.max(window_start);
            let end = b.ended_at.unwrap_or(self.day_start).min(self.day_start);
            if start >= end {
                continue;
            }
            let lambda = self.activity[b.account];
            let p = lambda / 6.0;
            let followers = f64::from(self.ds.accounts[b.account].followers.max(10));
            let quality = det_pow(followers / 300.0, 0.35) * rng.log_normal(1.0, 0.35);
            let first_day = bj_date(start);
            let last_day = bj_date(end);
            let mut week = first_day;
            while week <= last_day {
                let n = (0..6).filter(|_| rng.chance(p)).count();
                for _ in 0..n {
                    let day = week + days(rng.range(0, 6));
                    let t = publish_time(&mut rng, day);
                    if t < start || t >= end {
                        continue;
                    }
                    drafts.push(self.draft_note(&mut rng, b.account, b.staff, b.enterprise, t, quality));
                }
                week += days(7);
            }
        }
        drafts.sort_by(|a, b| a.note.published_at.cmp(&b.note.published_at).then(a.note.account.cmp(&b.note.account)));

        let yesterday = today - days(1);
        let id_offset = rng.below(1 << 24);
        for (i, d) in drafts.iter_mut().enumerate() {
            let ts = d.note.published_at.timestamp();
            let serial = (i as u64).wrapping_mul(0x9E37_79B1).wrapping_add(id_offset) & 0xFF_FFFF;
            d.note.note_id = format!("{ts:08x}00000000{:02x}{serial:06x}", 0x10 + rng.below(16));
            d.note.snapshots = snapshots(&mut rng, bj_date(d.note.published_at), yesterday, &d.metrics);
        }
        self.ds.notes = drafts.into_iter().map(|d| d.note).collect();
    }

    fn draft_note(
        &self,
        rng: &mut Rng,
        account: usize,
        staff: usize,
        enterprise: usize,
        published_at: DateTime<Utc>,
        quality: f64,
    ) -> NoteDraftOut {
        let v = vocab(enterprise);
        let weights: Vec<u32> = v.dirs.iter().map(|d| d.weight).collect();
        let dir = &v.dirs[rng.weighted(&weights)];
        let title = self.title(rng, v, dir, staff, published_at);
        let video = rng.chance(0.4);
        let video_secs = video.then(|| if rng.chance(0.6) { rng.range_u32(15, 60) } else { rng.range_u32(61, 180) });

        // final metrics: log-normal exposure, with rare viral notes
        let viral = rng.chance(0.006);
        let exposure = if viral {
            rng.log_uniform(100_000.0, 420_000.0)
        } else {
            (rng.log_normal(950.0, 0.95) * quality * if video { 1.15 } else { 1.0 }).clamp(60.0, 90_000.0)
        };
        let reads = exposure * rng.uniform(0.08, 0.15);
        let like_rate = if viral { rng.uniform(0.07, 0.14) } else { rng.log_normal(0.055, 0.45).clamp(0.005, 0.25) };
        let likes = reads * like_rate;
        let collects = likes * rng.uniform(0.3, 0.8);
        let comments = likes * rng.uniform(0.05, 0.2) + rng.uniform(0.0, 2.0);
        let shares = likes * rng.uniform(0.01, 0.1);
        let follows = reads * rng.uniform(0.001, 0.008);
        let read_uv = reads * rng.uniform(0.8, 0.95);
        let metrics = [exposure, reads, likes, collects, comments, shares, follows, read_uv].map(|x| x.round() as u64);

        let avg_view_secs = match video_secs {
            Some(secs) => round_to((f64::from(secs) * rng.uniform(0.18, 0.55)).clamp(5.0, 60.0), 1),
            None => round_to(rng.uniform(5.0, 32.0), 1),
        };
        let note = DemoNote {
            note_id: String::new(),
            account,
            enterprise: Some(enterprise),
            title,
            note_type: if video { NoteType::Video } else { NoteType::Image },
            direction: dir.name,
            published_at,
            video_secs,
            avg_view_secs,
            video_5s_rate: video.then(|| round_to(rng.uniform(0.15, 0.6), 4)),
            image_3s_rate: (!video).then(|| round_to(rng.uniform(0.2, 0.7), 4)),
            snapshots: Vec::new(),
        };
        NoteDraftOut { note, metrics }
    }

    fn title(&self, rng: &mut Rng, v: &Vocab, dir: &Dir, staff: usize, published_at: DateTime<Utc>) -> String {
        let template = rng.pick(dir.templates);
        let persona = &self.personas[staff];
        let store = &self.ds.stores[self.ds.staff[staff].store];
        let job = match persona.specialty.name {
            "店长" | "家政顾问" | "美容顾问" => {
                if v.trade == "家政" {
                    rng.pick(&["月嫂", "保洁师", "收纳师", "育儿嫂"])
                } else {
                    "美容师"
                }
            }
            other => other,
        };
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let key = &after[..close];
            let value: String = match key {
                "n" => rng.range(3, 10).to_string(),
                "years" => rng.range(3, 15).to_string(),
                "d" => rng.pick(&[7, 10, 14, 21, 28, 30, 42]).to_string(),
                "area" => (rng.range(11, 36) * 5).to_string(),
                "h" => rng.range(2, 8).to_string(),
                "m" => rng.range(2, 11).to_string(),
                "age" => rng.range(25, 52).to_string(),
                "mo" => rng.range(2, 6).to_string(),
                "floors" => rng.range(2, 33).to_string(),
                "t" => rng.range(5, 7).to_string(),
                "count" => rng.range(2, 4).to_string(),
                "price" => (rng.range(88, 188) * 100).to_string(),
                "stores" => {
                    self.ds.enterprises.get(self.ds.staff[staff].enterprise).map_or(12, |e| e.store_count).to_string()
                }
                "month" => bj_date(published_at).month().to_string(),
                "brandyears" => {
                    let created =
                        self.ds.enterprises.get(self.ds.staff[staff].enterprise).map(|e| bj_date(e.created_at));
                    let years = created.and_then(|c| bj_date(published_at).years_since(c)).unwrap_or(5);
                    (years.max(1)).to_string()
                }
                "svc" => rng.pick(v.svc).to_string(),
                "room" => rng.pick(v.room).to_string(),
                "policy" => rng.pick(v.policy).to_string(),
                "skill" => rng.pick(v.skill).to_string(),
                "cert" => rng.pick(v.cert).to_string(),
                "offer" => rng.pick(v.offer).to_string(),
                "tip" => rng.pick(v.tip).to_string(),
                "topic" => rng.pick(v.topic).to_string(),
                "group" => rng.pick(v.group).to_string(),
                "face" => rng.pick(v.face).to_string(),
                "brand" => v.short.to_string(),
                "trade" => v.trade.to_string(),
                "job" => job.to_string(),
                "city" => store.city.to_string(),
                "district" => store.district.to_string(),
                "store" => store.name.split('·').nth(1).unwrap_or(&store.name).to_string(),
                "sname" => SURNAMES.chars().nth(rng.index(30)).map_or_else(String::new, String::from),
                "eng" => rng.pick(&ENGLISH_NAMES).to_string(),
                other => format!("{{{other}}}"),
            };
            out.push_str(&value);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        let roll = rng.unit();
        if roll < 0.38 {
            out.push_str(rng.pick(v.emoji));
        } else if roll < 0.46 {
            out = format!("{}{out}", rng.pick(&["🔥", "📌", "✨"]));
        } else if roll < 0.52 {
            let e = rng.pick(v.emoji);
            out = format!("{out}{e}{e}");
        }
        out
    }

    /// Two accounts of the main brand's new hires, not yet bound: no shop, phone bound, no real-name
    /// record yet (a fresh account), no staff record — the ones to try the binding wizard with (B-9..B-14).
    /// Drawn last from their own stream, so everything above stays as it was.
    fn new_hire_accounts(&mut self) {
        let mut rng = self.rng.fork(0x6e65_7768);
        for (nickname, followers, days) in [("小燕的收纳日常", 86, 3), ("新人保洁师阿青", 143, 5)] {
            let xhs_id = self.unique_xhs_id(&mut rng);
            self.ds.accounts.push(DemoAccount {
                xhs_id,
                nickname: nickname.to_string(),
                followers,
                has_shop: false,
                phone_bound: true,
                real_name_verified: false,
                third_party_logins: vec!["微信"],
                owner_staff: None,
                created_at: office_time(&mut rng, self.today - chrono::Duration::days(days)),
            });
        }
    }

    fn users(&mut self, managed: Vec<usize>) {
        let mut rng = self.rng.fork(40);
        let mut users = Vec::new();
        for e in 0..2 {
            let (s, g) = self.unique_name(&mut rng, e, &FEMALE_YOUNGER);
            users.push(DemoUser {
                name: format!("{s}{g}"),
                role: Role::BrandMarketing,
                enterprise: Some(e),
                agency: false,
                staff: None,
                stores: Vec::new(),
            });
        }
        // store managers: own store plus other stores of the same city (2–4 in all)
        for &m in &managed {
            let own = self.ds.staff[m].store;
            let city = self.ds.stores[own].city;
            let mut others: Vec<usize> = (0..self.ds.stores.len())
                .filter(|&i| i != own && self.ds.stores[i].enterprise == 0 && self.ds.stores[i].city == city)
                .collect();
            rng.shuffle(&mut others);
            let extra = rng.range(1, 3) as usize;
            let mut stores = vec![own];
            stores.extend(others.into_iter().take(extra));
            stores.sort_unstable();
            users.push(DemoUser {
                name: self.ds.staff[m].name.clone(),
                role: Role::StoreManager,
                enterprise: Some(0),
                agency: false,
                staff: Some(m),
                stores,
            });
        }
        for e in 0..2 {
            let pool: &[&str] = if rng.chance(0.5) { &MALE_OLDER } else { &FEMALE_OLDER };
            let (s, g) = self.unique_name(&mut rng, e, pool);
            users.push(DemoUser {
                name: format!("{s}{g}"),
                role: Role::Leader,
                enterprise: Some(e),
                agency: false,
                staff: None,
                stores: Vec::new(),
            });
        }
        // employees: two with active bindings (not managers), one with a pending invitation
        let mut active: Vec<usize> = self
            .ds
            .bindings
            .iter()
            .filter(|b| b.enterprise == 0 && b.status == BindingStatus::Active && !self.personas[b.staff].is_manager)
            .map(|b| b.staff)
            .collect();
        rng.shuffle(&mut active);
        let invited =
            self.ds.bindings.iter().find(|b| b.enterprise == 0 && b.status == BindingStatus::Invited).map(|b| b.staff);
        for s in active.into_iter().take(2).chain(invited) {
            users.push(DemoUser {
                name: self.ds.staff[s].name.clone(),
                role: Role::Employee,
                enterprise: Some(0),
                agency: false,
                staff: Some(s),
                stores: Vec::new(),
            });
        }
        let (s, g) = self.unique_name(&mut rng, 0, &FEMALE_YOUNGER);
        users.push(DemoUser {
            name: format!("{s}{g}"),
            role: Role::Agency,
            enterprise: None,
            agency: true,
            staff: None,
            stores: Vec::new(),
        });
        let (s, g) = self.unique_name(&mut rng, 0, &MALE_YOUNGER);
        users.push(DemoUser {
            name: format!("{s}{g}"),
            role: Role::PlatformReviewer,
            enterprise: None,
            agency: false,
            staff: None,
            stores: Vec::new(),
        });
        self.ds.users = users;
    }
}

/// A note before its id and snapshots are assigned, with its final metrics (exposure, reads, likes,
/// collects, comments, shares, follows, read UV).
struct NoteDraftOut {
    note: DemoNote,
    metrics: [u64; 8],
}

/// Age in `lo..=hi`, triangular around `mode`.
fn triangular(rng: &mut Rng, lo: i64, hi: i64, mode: i64) -> i64 {
    let u = rng.unit();
    let (a, b, c) = (lo as f64, hi as f64 + 0.999, mode as f64);
    let fc = (c - a) / (b - a);
    let x = if u < fc { a + (u * (b - a) * (c - a)).sqrt() } else { b - ((1.0 - u) * (b - a) * (b - c)).sqrt() };
    (x as i64).clamp(lo, hi)
}

/// Cumulative snapshots: daily for the first 14 days after publishing, then weekly, and always one for
/// `yesterday`, whose values are the note's final metrics. Growth is front-loaded with a slow search tail.
fn snapshots(rng: &mut Rng, published: NaiveDate, yesterday: NaiveDate, metrics: &[u64; 8]) -> Vec<DemoSnapshot> {
    let total_days = (yesterday - published).num_days();
    let tau = rng.uniform(1.8, 4.0);
    let tail = rng.uniform(0.04, 0.18);
    let g = |t: i64| (1.0 - tail) * (1.0 - det_exp(-((t + 1) as f64) / tau)) + tail * (t.min(180) as f64 / 180.0);
    let g_end = g(total_days);
    let mut offsets: Vec<i64> = (0..14).take_while(|&t| t <= total_days).collect();
    let mut t = 20;
    while t < total_days {
        offsets.push(t);
        t += 7;
    }
    if offsets.last() != Some(&total_days) && total_days >= 0 {
        offsets.push(total_days);
    }
    offsets
        .into_iter()
        .map(|t| {
            let f = if t >= total_days { 1.0 } else { (g(t) / g_end).min(1.0) };
            let v = metrics.map(|m| if f >= 1.0 { m } else { (m as f64 * f).floor() as u64 });
            DemoSnapshot {
                date: published + days(t),
                exposure: v[0],
                reads: v[1],
                likes: v[2],
                collects: v[3],
                comments: v[4],
                shares: v[5],
                follows_gained: v[6],
                read_uv: v[7],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    use super::*;
    use crate::idcard;

    const SEED: u64 = 20231101;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
    }

    fn data() -> Dataset {
        generate(SEED, today())
    }

    /// A few (seed, today) pairs so the invariants do not hold by luck for one seed only.
    fn variants() -> Vec<(NaiveDate, Dataset)> {
        [(1_u64, (2026, 11, 26)), (7, (2025, 3, 1)), (424242, (2024, 2, 29)), (SEED, (2026, 11, 26))]
            .into_iter()
            .map(|(seed, (y, m, d))| {
                let t = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
                (t, generate(seed, t))
            })
            .collect()
    }

    fn is_live(s: BindingStatus) -> bool {
        matches!(s, BindingStatus::Invited | BindingStatus::Active | BindingStatus::Frozen)
    }

    fn interactions(s: &DemoSnapshot) -> u64 {
        s.likes + s.collects + s.comments
    }

    fn last(n: &DemoNote) -> DemoSnapshot {
        *n.snapshots.last().expect("every note has snapshots")
    }

    #[test]
    fn deterministic_for_seed_and_today() {
        let a = data();
        assert_eq!(a, data());
        assert_ne!(a, generate(SEED + 1, today()));
        assert_ne!(a, generate(SEED, today() - days(1)));
    }

    #[test]
    fn deterministic_math_is_accurate() {
        for x in [1e-12, 0.001, 0.3, 0.5, 1.0, 1.5, 2.0, 10.0, 123.456, 1e9] {
            assert!((det_ln(x) - x.ln()).abs() <= 1e-12 * x.ln().abs().max(1.0), "ln {x}");
        }
        for x in [-50.0, -3.0, -0.5, 0.0, 0.1, 1.0, 2.5, 10.0, 50.0] {
            assert!((det_exp(x) - x.exp()).abs() <= 1e-13 * x.exp(), "exp {x}");
        }
        let mut rng = Rng::new(9);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = xs.iter().sum::<f64>() / f64::from(n);
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / f64::from(n);
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.05, "mean {mean} var {var}");
        assert_eq!(Rng::new(5).next_u64(), Rng::new(5).next_u64());
    }

    #[test]
    fn enterprises_agency_and_stores() {
        for (today, ds) in variants() {
            assert_eq!(ds.enterprises.len(), 2);
            let (main, second) = (&ds.enterprises[0], &ds.enterprises[1]);
            assert_eq!((main.industry, main.city), ("家政", "上海"));
            assert_eq!((second.industry, second.city), ("生活美容", "杭州"));
            assert_eq!(ds.agency.reported_by, vec![0]);
            assert!(!ds.agency.name.is_empty());
            for (e, ent) in ds.enterprises.iter().enumerate() {
                let stores: Vec<&DemoStore> = ds.stores.iter().filter(|s| s.enterprise == e).collect();
                assert!(stores.len() >= 10, "B-1 needs 10 stores");
                assert!(ent.store_count as usize >= stores.len() && ent.store_count as usize <= stores.len() + 3);
                assert!(ent.professional_account && ent.staff_mgmt_permission);
                assert!(INDUSTRIES.contains(&ent.industry));
                for s in &stores {
                    let age = (today - s.opened_on).num_days();
                    assert!((365..=6 * 365).contains(&age), "opened 1–6 years ago");
                    assert!(bj_date(ent.created_at) < s.opened_on, "the brand predates its stores");
                }
            }
            assert!(ds.enterprises[0].last_serious_violation_at.is_none());
            let v = ds.enterprises[1].last_serious_violation_at.expect("old violation");
            assert!(bj_date(v) < today - days(365), "the violation no longer blocks B-1");

            let main_stores: Vec<&DemoStore> = ds.stores.iter().filter(|s| s.enterprise == 0).collect();
            assert!(main_stores.len() >= 12 && main_stores.len() <= 16);
            let cities: BTreeSet<&str> = main_stores.iter().map(|s| s.city).collect();
            assert_eq!(cities, BTreeSet::from(["上海", "杭州", "苏州"]));
            let names: HashSet<&str> = ds.stores.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names.len(), ds.stores.len(), "store names are unique");
            assert!(main_stores.iter().all(|s| s.name.starts_with("悦家家政·") && s.address.starts_with(s.district)));
        }
    }

    #[test]
    fn staff_are_realistic_and_unique() {
        for (today, ds) in variants() {
            let main = ds.staff.iter().filter(|s| s.enterprise == 0).count();
            let second = ds.staff.iter().filter(|s| s.enterprise == 1).count();
            assert!((80..=100).contains(&main), "main staff {main}");
            assert!((20..=30).contains(&second), "second staff {second}");
            let mut per_store: HashMap<usize, usize> = HashMap::new();
            let mut ids = HashSet::new();
            let mut phones = HashSet::new();
            let mut employee_nos = HashSet::new();
            let mut names: [HashSet<&str>; 2] = [HashSet::new(), HashSet::new()];
            for s in &ds.staff {
                *per_store.entry(s.store).or_default() += 1;
                assert_eq!(ds.stores[s.store].enterprise, s.enterprise);
                let id = idcard::validate(&s.id_number, today).expect("valid GB 11643 id");
                assert!(ids.insert(id.clone()), "duplicate id {id}");
                let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").expect("birth date");
                let age = today.years_since(birth).expect("born before today");
                assert!((20..=55).contains(&age), "age {age}");
                assert!(s.phone.len() == 11 && s.phone.bytes().all(|b| b.is_ascii_digit()));
                assert!(["13", "15", "17", "18", "19"].contains(&&s.phone[..2]));
                assert!(phones.insert(s.phone.clone()), "duplicate phone");
                assert!(names[s.enterprise].insert(&s.name), "duplicate name {}", s.name);
                let chars = s.name.chars().count();
                assert!((2..=3).contains(&chars));
                assert!(s.hired_on >= ds.stores[s.store].opened_on, "hired after the store opened");
                assert!(s.hired_on >= today - days(6 * 365) && s.hired_on < today);
                // U-2: a 工号 unique in the whole demo (so within each brand), and a 岗位
                assert!(employee_nos.insert(s.employee_no.clone()), "duplicate 工号 {}", s.employee_no);
                assert!(!s.position.is_empty());
            }
            for (store, n) in per_store {
                if ds.stores[store].enterprise == 0 {
                    assert!((4..=10).contains(&n), "store {store} has {n} staff");
                }
            }
        }
    }

    #[test]
    fn accounts_are_well_formed() {
        for (_, ds) in variants() {
            let mut xhs = HashSet::new();
            for (i, a) in ds.accounts.iter().enumerate() {
                assert!((9..=10).contains(&a.xhs_id.len()) && a.xhs_id.bytes().all(|b| b.is_ascii_digit()));
                assert!(!a.xhs_id.starts_with('0'));
                assert!(xhs.insert(a.xhs_id.clone()), "duplicate xhs id");
                assert!(!a.nickname.is_empty());
                let bs: Vec<&DemoBinding> = ds.bindings.iter().filter(|b| b.account == i).collect();
                let Some(staff) = a.owner_staff else {
                    // a new hire's fresh account: nobody's yet, never bound, free to bind (B-2)
                    assert!(bs.is_empty() && !a.has_shop && a.phone_bound && !a.real_name_verified);
                    continue;
                };
                assert!(staff < ds.staff.len());
                for b in &bs {
                    assert_eq!(b.staff, staff);
                    assert!(a.created_at < b.invited_at, "account created before the binding");
                    assert!(!a.has_shop && a.phone_bound, "B-2 holds for bound accounts");
                    if b.mode == BindingMode::Enterprise {
                        assert!(a.real_name_verified, "B-22");
                    }
                }
                assert!(a.third_party_logins.iter().all(|l| THIRD_PARTY.iter().any(|t| t.0 == *l)));
            }
            let main_staff = ds.staff.iter().filter(|s| s.enterprise == 0).count();
            let main_accounts =
                ds.accounts.iter().filter(|a| a.owner_staff.is_some_and(|s| ds.staff[s].enterprise == 0)).count();
            let share = main_accounts as f64 / main_staff as f64;
            assert!((0.75..=0.95).contains(&share), "account share {share}");
            let unbound: Vec<&DemoAccount> = ds
                .accounts
                .iter()
                .enumerate()
                .filter(|(i, _)| !ds.bindings.iter().any(|b| b.account == *i))
                .map(|x| x.1)
                .collect();
            assert!(unbound.iter().any(|a| a.has_shop), "an unbound account shows the B-2 shop failure");
            assert!(unbound.iter().any(|a| !a.phone_bound), "an unbound account shows the B-2 phone failure");
            let followers: Vec<u32> = ds.accounts.iter().map(|a| a.followers).collect();
            let mut sorted = followers.clone();
            sorted.sort_unstable();
            let median = sorted[sorted.len() / 2];
            assert!((100..=1_000).contains(&median), "median followers {median}");
            assert!(followers.iter().filter(|&&f| f >= 5_000).count() >= 2);
            assert!(followers.iter().all(|&f| f <= 30_000));
        }
    }

    #[test]
    fn bindings_follow_the_rules() {
        for (today, ds) in variants() {
            let now = bj(today, 0, 0, 0);
            let mut live: HashMap<usize, usize> = HashMap::new();
            let mut managers: HashMap<usize, BTreeSet<usize>> = HashMap::new();
            let mut by_status: HashMap<(usize, BindingStatus), usize> = HashMap::new();
            for b in &ds.bindings {
                *by_status.entry((b.enterprise, b.status)).or_default() += 1;
                assert!(JOB_TITLES.contains(&b.job_title));
                assert_eq!(ds.staff[b.staff].enterprise, b.enterprise);
                assert!(b.invited_at < now);
                assert!(bj_date(b.invited_at) > ds.staff[b.staff].hired_on);
                if is_live(b.status) {
                    *live.entry(b.account).or_default() += 1;
                }
                if b.job_title == "店长" {
                    managers.entry(ds.staff[b.staff].store).or_default().insert(b.staff);
                }
                match b.status {
                    BindingStatus::Active | BindingStatus::Frozen => {
                        let eff = b.effective_at.expect("effective");
                        assert!(eff > b.invited_at && eff - b.invited_at < TimeDelta::hours(48));
                        assert!(b.ended_at.is_none() && b.end_reason.is_none());
                        let months = (now - eff).num_days();
                        assert!((28..=PROGRAM_DAYS + 1).contains(&months), "effective 1–8 months ago");
                    }
                    BindingStatus::Invited => {
                        assert!(b.effective_at.is_none() && b.ended_at.is_none());
                        // still pending at the very end of `today`
                        assert!(now + days(1) - b.invited_at < TimeDelta::hours(48));
                    }
                    BindingStatus::Expired => {
                        assert!(b.effective_at.is_none());
                        assert_eq!(b.ended_at, Some(b.invited_at + TimeDelta::hours(48)));
                        assert!(now - b.invited_at > TimeDelta::hours(48));
                        assert_eq!(b.end_reason.as_deref(), Some(EXPIRED_REASON));
                    }
                    BindingStatus::Unbound => {
                        assert_eq!(b.mode, BindingMode::Personal);
                        let eff = b.effective_at.expect("effective");
                        let ended = b.ended_at.expect("ended");
                        assert!(eff - b.invited_at < TimeDelta::hours(48));
                        assert!(ended - eff >= days(30), "B-18");
                        assert!(ended < now);
                        assert!(b.end_reason.is_some());
                    }
                    other => panic!("unexpected status {other:?}"),
                }
            }
            assert!(live.values().all(|&n| n == 1), "B-7: one live binding per account");
            assert!(managers.values().all(|m| m.len() == 1), "one 店长 per store");
            let count = |e, s| by_status.get(&(e, s)).copied().unwrap_or(0);
            assert!((2..=3).contains(&count(0, BindingStatus::Invited)));
            assert!((1..=2).contains(&count(0, BindingStatus::Expired)));
            assert!((1..=2).contains(&count(0, BindingStatus::Unbound)));
            assert_eq!(count(0, BindingStatus::Frozen), 2);
            assert!(count(0, BindingStatus::Active) >= 45, "{by_status:?}");
            assert!(count(1, BindingStatus::Active) >= 10);
            let main: Vec<&DemoBinding> = ds.bindings.iter().filter(|b| b.enterprise == 0).collect();
            let ent = main.iter().filter(|b| b.mode == BindingMode::Enterprise).count() as f64 / main.len() as f64;
            assert!((0.45..=0.8).contains(&ent), "enterprise share {ent}");
        }
    }

    #[test]
    fn notes_fall_within_their_bindings() {
        for (today, ds) in variants() {
            let now = bj(today, 0, 0, 0);
            let mut ids = HashSet::new();
            for n in &ds.notes {
                assert_eq!(n.note_id.len(), 24);
                assert!(n.note_id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
                assert_eq!(&n.note_id[..8], format!("{:08x}", n.published_at.timestamp()));
                assert!(ids.insert(n.note_id.clone()), "duplicate note id");
                let e = n.enterprise.expect("published while bound");
                let covered = ds.bindings.iter().any(|b| {
                    b.account == n.account
                        && b.enterprise == e
                        && b.effective_at.is_some_and(|eff| n.published_at >= eff)
                        && b.ended_at.is_none_or(|end| n.published_at < end)
                });
                assert!(covered, "note {} outside any effective binding", n.note_id);
                assert!(n.published_at < now);
                assert!(bj_date(n.published_at) >= today - days(HISTORY_DAYS));
                let hour = (n.published_at + TimeDelta::hours(8)).time().format("%H").to_string();
                assert!(("08"..="22").contains(&hour.as_str()), "local hour {hour}");
                match n.note_type {
                    NoteType::Video => {
                        assert!(n.video_secs.is_some_and(|s| (15..=180).contains(&s)));
                        assert!(
                            n.video_5s_rate.is_some_and(|r| (0.15..=0.6).contains(&r)) && n.image_3s_rate.is_none()
                        );
                    }
                    NoteType::Image => {
                        assert!(n.video_secs.is_none() && n.video_5s_rate.is_none());
                        assert!(n.image_3s_rate.is_some_and(|r| (0.2..=0.7).contains(&r)));
                    }
                }
                assert!((5.0..=60.0).contains(&n.avg_view_secs));
                assert!(!n.title.is_empty() && !n.title.contains('{'));
            }
            let main = ds.notes.iter().filter(|n| n.enterprise == Some(0)).count();
            assert!((2_500..=4_500).contains(&main), "main-brand notes {main}");
            assert!(ds.notes.iter().any(|n| n.enterprise == Some(1)));
        }
    }

    #[test]
    fn snapshots_are_cumulative_and_end_yesterday() {
        for (today, ds) in variants() {
            let yesterday = today - days(1);
            let mut total = 0;
            for n in &ds.notes {
                total += n.snapshots.len();
                let first = n.snapshots.first().expect("snapshots");
                assert_eq!(first.date, bj_date(n.published_at));
                assert_eq!(last(n).date, yesterday);
                for w in n.snapshots.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    assert!(a.date < b.date);
                    let (x, y) = (
                        [a.exposure, a.reads, a.likes, a.collects, a.comments, a.shares, a.follows_gained, a.read_uv],
                        [b.exposure, b.reads, b.likes, b.collects, b.comments, b.shares, b.follows_gained, b.read_uv],
                    );
                    assert!(x.iter().zip(y).all(|(p, q)| *p <= q), "non-decreasing");
                }
                // daily for the first 14 days
                let daily = n.snapshots.iter().take(14).enumerate().all(|(i, s)| s.date == first.date + days(i as i64));
                assert!(daily);
                for s in &n.snapshots {
                    assert!(s.reads <= s.exposure && s.read_uv <= s.reads);
                }
            }
            assert!(total < 150_000, "{total} snapshots");
        }
    }

    #[test]
    fn metrics_are_long_tailed() {
        for (_, ds) in variants() {
            let mut likes: Vec<u64> = ds.notes.iter().map(|n| last(n).likes).collect();
            likes.sort_unstable();
            let median = likes[likes.len() / 2];
            let max = likes[likes.len() - 1];
            assert!(max > 20 * median.max(1), "max {max} median {median}");
            assert!(max >= 1_000, "a viral note has likes in the thousands");
            let mut exposure: Vec<u64> = ds.notes.iter().map(|n| last(n).exposure).collect();
            exposure.sort_unstable();
            let median = exposure[exposure.len() / 2];
            assert!((200..=5_000).contains(&median), "median exposure {median}");
            assert!(exposure.iter().any(|&x| x >= 100_000));
            for n in &ds.notes {
                let s = last(n);
                assert!(s.collects <= s.likes && s.read_uv <= s.reads);
            }
            // S-1 priority notes exist
            assert!(ds.notes.iter().filter(|n| last(n).likes > 10 || last(n).comments > 5).count() > 100);
        }
    }

    #[test]
    fn every_month_has_viral_candidates() {
        // I-1: each calendar month of the history has notes with more than 100 interactions
        let ds = data();
        let first_day = today() - days(HISTORY_DAYS);
        let mut by_month: BTreeMap<(i32, u32), usize> = BTreeMap::new();
        for n in ds.notes.iter().filter(|n| n.enterprise == Some(0)) {
            let d = bj_date(n.published_at);
            if (d.year(), d.month()) == (first_day.year(), first_day.month()) && first_day.day() > 1 {
                continue; // the history's partial first month
            }
            let entry = by_month.entry((d.year(), d.month())).or_default();
            if interactions(&last(n)) > 100 {
                *entry += 1;
            }
        }
        assert!(by_month.len() >= 6, "{by_month:?}");
        for (month, n) in &by_month {
            assert!(*n >= 3, "month {month:?} has {n} notes over 100 interactions");
        }
    }

    #[test]
    fn types_directions_and_titles_vary() {
        let ds = data();
        let videos = ds.notes.iter().filter(|n| n.note_type == NoteType::Video).count() as f64 / ds.notes.len() as f64;
        assert!((0.33..=0.47).contains(&videos), "video share {videos}");
        let main_dirs: BTreeSet<&str> =
            ds.notes.iter().filter(|n| n.enterprise == Some(0)).map(|n| n.direction).collect();
        for d in ["日常工作记录", "热门话题揭秘", "用户体验分享", "经验分享", "明星员工"] {
            assert!(main_dirs.contains(d), "{d}");
        }
        let beauty_dirs: BTreeSet<&str> =
            ds.notes.iter().filter(|n| n.enterprise == Some(1)).map(|n| n.direction).collect();
        for d in ["顾客变美实录", "特色人群案例", "行业经验分享"] {
            assert!(beauty_dirs.contains(d), "{d}");
        }
        let titles: HashSet<&str> = ds.notes.iter().map(|n| n.title.as_str()).collect();
        assert!(titles.len() >= 500, "{} distinct titles", titles.len());
    }

    #[test]
    fn users_cover_every_role() {
        for (_, ds) in variants() {
            let of = |r: Role| ds.users.iter().filter(move |u| u.role == r);
            assert_eq!(of(Role::BrandMarketing).count(), 2);
            assert_eq!(of(Role::Leader).count(), 2);
            assert_eq!(of(Role::Agency).count(), 1);
            assert_eq!(of(Role::PlatformReviewer).count(), 1);
            let managers: Vec<&DemoUser> = of(Role::StoreManager).collect();
            assert_eq!(managers.len(), 2);
            let mut seen = HashSet::new();
            for m in &managers {
                assert_eq!(m.enterprise, Some(0));
                assert!((2..=4).contains(&m.stores.len()));
                assert!(m.stores.iter().all(|&s| ds.stores[s].enterprise == 0 && seen.insert(s)));
                let staff = m.staff.expect("a manager is staff");
                assert_eq!(ds.staff[staff].name, m.name);
                assert!(m.stores.contains(&ds.staff[staff].store));
                assert!(ds
                    .bindings
                    .iter()
                    .any(|b| b.staff == staff && b.status == BindingStatus::Active && b.job_title == "店长"));
            }
            let employees: Vec<&DemoUser> = of(Role::Employee).collect();
            assert_eq!(employees.len(), 3);
            let status_of = |u: &DemoUser| {
                ds.bindings.iter().filter(|b| Some(b.staff) == u.staff && is_live(b.status)).map(|b| b.status).next()
            };
            assert_eq!(employees.iter().filter(|u| status_of(u) == Some(BindingStatus::Active)).count(), 2);
            assert_eq!(employees.iter().filter(|u| status_of(u) == Some(BindingStatus::Invited)).count(), 1);
            let agency = of(Role::Agency).next().expect("agency user");
            assert!(agency.agency && agency.enterprise.is_none());
            assert!(of(Role::PlatformReviewer).all(|u| u.enterprise.is_none() && !u.agency));
            assert!(ds.users.iter().all(|u| !u.name.is_empty() && !u.name.contains('（')));
        }
    }
}
