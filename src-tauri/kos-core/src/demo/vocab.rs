//! The brands' vocabulary: content directions with their title templates, the slot words, nickname patterns,
//! and what a staff member does (specialty, KOS job titles).

/// Per-brand vocabulary for nicknames and note titles.
pub(super) struct Vocab {
    /// short brand name used in nicknames and titles
    pub(super) short: &'static str,
    pub(super) trade: &'static str,
    pub(super) dirs: &'static [Dir],
    /// services / treatments
    pub(super) svc: &'static [&'static str],
    pub(super) room: &'static [&'static str],
    pub(super) policy: &'static [&'static str],
    pub(super) skill: &'static [&'static str],
    pub(super) cert: &'static [&'static str],
    pub(super) offer: &'static [&'static str],
    pub(super) tip: &'static [&'static str],
    pub(super) topic: &'static [&'static str],
    pub(super) group: &'static [&'static str],
    pub(super) face: &'static [&'static str],
    pub(super) emoji: &'static [&'static str],
}

/// A content direction with its weight and title templates (`{slot}` placeholders).
pub(super) struct Dir {
    pub(super) name: &'static str,
    pub(super) weight: u32,
    pub(super) templates: &'static [&'static str],
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

pub(super) fn vocab(enterprise: usize) -> &'static Vocab {
    if enterprise == 0 {
        &HOUSEKEEPING
    } else {
        &BEAUTY
    }
}

/// What a staff member does (drives nickname, KOS job title and note wording).
#[derive(Clone, Copy)]
pub(super) struct Specialty {
    pub(super) name: &'static str,
    /// weights over `JOB_TITLES` (导购, 店长, 客服, 员工, 助理, 主播人); 店长 is never drawn
    pub(super) titles: [u32; 6],
    pub(super) nicknames: &'static [&'static str],
}

const SERVICE_TITLES: [u32; 6] = [18, 0, 3, 62, 9, 8];
const ADVISOR_TITLES: [u32; 6] = [68, 0, 26, 0, 6, 0];

pub(super) const HK_FEMALE: [(Specialty, u32); 6] = [
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

pub(super) const HK_MALE: [(Specialty, u32); 3] = [
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

pub(super) const BEAUTY_SPECIALTIES: [(Specialty, u32); 4] = [
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

pub(super) const HK_MANAGER: Specialty = Specialty {
    name: "店长",
    titles: [0, 1, 0, 0, 0, 0],
    nicknames: &["{brand}{s}店长", "{brand}家政·{g}店长", "{area}店长{g}"],
};
pub(super) const BEAUTY_MANAGER: Specialty = Specialty {
    name: "店长",
    titles: [0, 1, 0, 0, 0, 0],
    nicknames: &["{brand}{s}店长", "{e}店长的美肤笔记", "{area}店长{e}"],
};
