//! The places: store sites (city, district, business area, street) of both brands, address tails, and the ID
//! region codes of each city and of migrant workers' home places.

/// Region codes of migrant workers' home places (安徽, 江西, 河南, 四川, 湖南, 湖北, 山东, 江苏北部, 重庆).
pub(super) const MIGRANT_REGIONS: [u32; 14] =
    [340102, 340104, 341202, 360102, 360111, 410102, 411302, 510104, 511302, 430102, 430602, 420102, 370102, 500101];

pub(super) fn city_regions(city: &str) -> &'static [u32] {
    match city {
        "上海" => &[310101, 310104, 310105, 310106, 310112, 310115],
        "杭州" => &[330102, 330105, 330106, 330108],
        "苏州" => &[320505, 320506, 320508],
        "宁波" => &[330203, 330205, 330212],
        _ => &[310101],
    }
}

/// A store site: city, district, business area (for the store name), street (for the address).
#[derive(Clone, Copy)]
pub(super) struct Site {
    pub(super) city: &'static str,
    pub(super) district: &'static str,
    pub(super) area: &'static str,
    pub(super) street: &'static str,
}

const fn site(city: &'static str, district: &'static str, area: &'static str, street: &'static str) -> Site {
    Site { city, district, area, street }
}

pub(super) const MAIN_SHANGHAI: [Site; 10] = [
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
pub(super) const MAIN_HANGZHOU: [Site; 6] = [
    site("杭州", "西湖区", "文三路", "文三路"),
    site("杭州", "西湖区", "黄龙", "曙光路"),
    site("杭州", "拱墅区", "大关", "大关路"),
    site("杭州", "滨江区", "星光", "江南大道"),
    site("杭州", "上城区", "钱江新城", "富春路"),
    site("杭州", "上城区", "湖滨", "延安路"),
];
pub(super) const MAIN_SUZHOU: [Site; 6] = [
    site("苏州", "姑苏区", "观前", "人民路"),
    site("苏州", "姑苏区", "石路", "广济南路"),
    site("苏州", "工业园区", "金鸡湖", "苏州大道东"),
    site("苏州", "工业园区", "湖东", "星湖街"),
    site("苏州", "吴中区", "木渎", "金山路"),
    site("苏州", "吴中区", "东吴", "东吴北路"),
];
pub(super) const SECOND_HANGZHOU: [Site; 8] = [
    site("杭州", "拱墅区", "武林", "体育场路"),
    site("杭州", "西湖区", "西溪", "文二西路"),
    site("杭州", "上城区", "湖滨", "平海路"),
    site("杭州", "滨江区", "江南", "江南大道"),
    site("杭州", "萧山区", "萧山", "市心中路"),
    site("杭州", "余杭区", "未来科技城", "文一西路"),
    site("杭州", "上城区", "钱江新城", "新业路"),
    site("杭州", "西湖区", "黄龙", "黄龙路"),
];
pub(super) const SECOND_NINGBO: [Site; 5] = [
    site("宁波", "鄞州区", "万达", "天童南路"),
    site("宁波", "海曙区", "天一广场", "中山东路"),
    site("宁波", "江北区", "老外滩", "人民路"),
    site("宁波", "鄞州区", "东部新城", "宁穿路"),
    site("宁波", "海曙区", "月湖", "镇明路"),
];

pub(super) const ADDRESS_TAILS: [&str; 8] =
    ["1 楼", "2 楼", "1 楼沿街商铺", "3 楼 301 室", "B1 层 12 号", "2 楼 206 室", "1 层 102 室", "4 楼 408 室"];
