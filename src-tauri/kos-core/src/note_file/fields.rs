//! N-1: the columns of a note file: the fields KOS Desk understands, the header names and aliases that
//! name them, the automatic column mapping, and what a mapping lacks or leaves out.

use serde::{Deserialize, Serialize};

/// A column of the export that KOS Desk understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    NoteId,
    NoteLink,
    Title,
    NoteType,
    PublishedAt,
    XhsId,
    Exposure,
    Reads,
    Likes,
    Collects,
    Comments,
    /// 互动量 as the file gives it: stored as a total when the file lacks 点赞/收藏/评论 (I-1, I-2, I-3)
    Interactions,
    Shares,
    FollowsGained,
    ReadUv,
    AvgViewSecs,
    Video5sRate,
    Image3sRate,
    VideoSecs,
    /// 账号昵称: refreshes the account's nickname, dated by the import (U-2)
    Nickname,
    /// 粉丝数: refreshes the account's followers, dated by the import (U-2, S-2)
    Followers,
}

impl Field {
    pub const ALL: [Field; FIELDS] = [
        Field::NoteId,
        Field::NoteLink,
        Field::Title,
        Field::NoteType,
        Field::PublishedAt,
        Field::XhsId,
        Field::Exposure,
        Field::Reads,
        Field::Likes,
        Field::Collects,
        Field::Comments,
        Field::Interactions,
        Field::Shares,
        Field::FollowsGained,
        Field::ReadUv,
        Field::AvgViewSecs,
        Field::Video5sRate,
        Field::Image3sRate,
        Field::VideoSecs,
        Field::Nickname,
        Field::Followers,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Field::NoteId => "笔记ID",
            Field::NoteLink => "笔记链接",
            Field::Title => "笔记标题",
            Field::NoteType => "笔记类型",
            Field::PublishedAt => "发布时间",
            Field::XhsId => "小红书号",
            Field::Exposure => "曝光量",
            Field::Reads => "阅读量",
            Field::Likes => "点赞数",
            Field::Collects => "收藏数",
            Field::Comments => "评论数",
            Field::Interactions => "互动量",
            Field::Shares => "分享数",
            Field::FollowsGained => "涨粉数",
            Field::ReadUv => "阅读UV",
            Field::AvgViewSecs => "平均浏览时长",
            Field::Video5sRate => "视频5s播放率",
            Field::Image3sRate => "图文3s阅读率",
            Field::VideoSecs => "视频总时长",
            Field::Nickname => "账号昵称",
            Field::Followers => "粉丝数",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Field::NoteId => "Note ID",
            Field::NoteLink => "Note link",
            Field::Title => "Title",
            Field::NoteType => "Note type",
            Field::PublishedAt => "Published at",
            Field::XhsId => "Xiaohongshu ID",
            Field::Exposure => "Exposure",
            Field::Reads => "Reads",
            Field::Likes => "Likes",
            Field::Collects => "Collects",
            Field::Comments => "Comments",
            Field::Interactions => "Interactions",
            Field::Shares => "Shares",
            Field::FollowsGained => "Follows gained",
            Field::ReadUv => "Read UV",
            Field::AvgViewSecs => "Average view time (s)",
            Field::Video5sRate => "Video 5 s play rate",
            Field::Image3sRate => "Image 3 s read rate",
            Field::VideoSecs => "Video length (s)",
            Field::Nickname => "Account nickname",
            Field::Followers => "Followers",
        }
    }

    /// Header names, normalised as by `normalise_header` (the English forms are the snake/space forms of
    /// the variant name, with `_`, `-` and spaces dropped).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::NoteId => &["笔记id", "noteid"],
            Field::NoteLink => &["笔记链接", "链接", "笔记url", "notelink"],
            Field::Title => &["笔记标题", "标题", "笔记名称", "title"],
            Field::NoteType => &["笔记类型", "体裁", "类型", "笔记体裁", "notetype"],
            Field::PublishedAt => &["发布时间", "笔记发布时间", "发布日期", "笔记发布日期", "publishedat"],
            Field::XhsId => &["小红书号", "作者小红书号", "员工小红书号", "账号小红书号", "xhsid"],
            Field::Exposure => &["曝光量", "曝光", "曝光数", "exposure"],
            Field::Reads => &["阅读量", "阅读", "阅读数", "观看量", "reads"],
            Field::Likes => &["点赞", "点赞量", "点赞数", "likes"],
            Field::Collects => &["收藏", "收藏量", "收藏数", "collects"],
            Field::Comments => &["评论", "评论量", "评论数", "comments"],
            Field::Interactions => &["互动量", "互动数", "互动总数", "interactions"],
            Field::Shares => &["分享", "分享量", "分享数", "shares"],
            Field::FollowsGained => &["涨粉", "涨粉量", "涨粉数", "followsgained"],
            Field::ReadUv => &["阅读uv", "阅读人数", "readuv"],
            Field::AvgViewSecs => &["平均浏览时长", "平均阅读时长", "平均观看时长", "avgviewsecs"],
            // the deck's N-8 headers (视频笔记5s播放率, 图文笔记3s阅读率) are what 数据中心 writes
            Field::Video5sRate => &["视频5s播放率", "视频笔记5s播放率", "5s播放率", "5s完播率", "video5srate"],
            Field::Image3sRate => &["图文3s阅读率", "图文笔记3s阅读率", "3s阅读率", "image3srate"],
            Field::VideoSecs => &["视频总时长", "视频时长", "videosecs"],
            Field::Nickname => &["账号昵称", "昵称", "作者昵称", "nickname"],
            Field::Followers => &["粉丝数", "粉丝量", "账号粉丝数", "作者粉丝数", "followers"],
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// How many fields there are.
pub const FIELDS: usize = 21;

/// A column of the file that the mapping leaves out: the import ignores its data.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct UnmappedColumn {
    /// 0-based column index in the header row
    pub index: u32,
    /// the header as in the file ("第 N 列" when empty)
    pub header: String,
    /// a field not mapped yet whose name the header resembles
    pub suggestion: Option<Field>,
    pub warning: String,
    pub warning_en: String,
}

/// A header as compared: BOM, spaces (half- and full-width), `_`, `-` and `*` dropped, full-width ASCII made
/// half-width, English lower-cased, and a trailing unit in brackets (`平均浏览时长（秒）`) cut off.
fn normalise_header(h: &str) -> String {
    let mut s = String::with_capacity(h.len());
    for c in h.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() || matches!(c, '\u{FEFF}' | '_' | '-' | '*') {
            continue;
        }
        s.push(c.to_ascii_lowercase());
    }
    if s.ends_with(')') {
        if let Some(i) = s.rfind('(') {
            if i > 0 {
                s.truncate(i);
            }
        }
    }
    s
}

/// The field a header names, if any.
pub fn recognise_header(header: &str) -> Option<Field> {
    let n = normalise_header(header);
    Field::ALL.into_iter().find(|f| f.aliases().contains(&n.as_str()))
}

/// The automatic mapping of a header row: a field named by two columns goes to the first.
pub fn auto_mapping(headers: &[String]) -> Vec<Option<Field>> {
    let mut seen = [false; FIELDS];
    headers
        .iter()
        .map(|h| {
            let f = recognise_header(h)?;
            if seen[f.index()] {
                return None;
            }
            seen[f.index()] = true;
            Some(f)
        })
        .collect()
}

/// Required fields a mapping lacks: `NoteId` stands for "note ID or note link", then `Title`, `NoteType`,
/// `PublishedAt`, `XhsId`, and `Interactions` for "互动量, or 点赞 + 收藏 + 评论": interactions (I-1, I-2, I-3,
/// N-4) must come from the file, never be taken as 0.
pub fn missing_fields(mapping: &[Option<Field>]) -> Vec<Field> {
    let has = |f: Field| mapping.contains(&Some(f));
    let mut out = Vec::new();
    if !has(Field::NoteId) && !has(Field::NoteLink) {
        out.push(Field::NoteId);
    }
    for f in [Field::Title, Field::NoteType, Field::PublishedAt, Field::XhsId] {
        if !has(f) {
            out.push(f);
        }
    }
    let parts = has(Field::Likes) && has(Field::Collects) && has(Field::Comments);
    if !(has(Field::Interactions) || parts) {
        out.push(Field::Interactions);
    }
    out
}

/// How a missing required field is named to people.
pub fn missing_label(f: Field) -> (&'static str, &'static str) {
    match f {
        Field::NoteId => ("笔记ID（或笔记链接）", "Note ID (or note link)"),
        Field::Interactions => {
            ("互动量（或点赞、收藏、评论三列）", "Interactions (or the three columns likes, collects and comments)")
        }
        _ => (f.label_zh(), f.label_en()),
    }
}

/// The columns a mapping leaves out, each with its warning and a likely field (one not mapped yet whose name
/// the header contains, or that contains the header).
pub fn unmapped_columns(headers: &[String], mapping: &[Option<Field>]) -> Vec<UnmappedColumn> {
    let taken: Vec<Field> = mapping.iter().flatten().copied().collect();
    let mut offered: Vec<Field> = Vec::new();
    let mut out = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if mapping.get(i).copied().flatten().is_some() {
            continue;
        }
        let header = if h.trim().is_empty() { format!("第 {} 列", i + 1) } else { h.clone() };
        let n = normalise_header(h);
        let suggestion = (n.chars().count() >= 2)
            .then(|| {
                Field::ALL.into_iter().find(|f| {
                    !taken.contains(f)
                        && !offered.contains(f)
                        && f.aliases()
                            .iter()
                            .any(|a| a.chars().count() >= 2 && (n.contains(a) || a.contains(n.as_str())))
                })
            })
            .flatten();
        if let Some(f) = suggestion {
            offered.push(f);
        }
        out.push(UnmappedColumn {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            warning: format!("「{header}」列未对应任何字段，导入时这一列的数据会被忽略"),
            warning_en: format!("Column \"{header}\" is not mapped to any field: its data will be ignored"),
            header,
            suggestion,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note_file::preview;
    use crate::note_file::test_support::*;

    #[test]
    fn n1_recognises_header_variants() {
        let cases = [
            (" 笔记 ID ", Field::NoteId),
            ("\u{FEFF}笔记id", Field::NoteId),
            ("Note ID", Field::NoteId),
            ("NOTE_ID", Field::NoteId),
            ("note-link", Field::NoteLink),
            ("链接", Field::NoteLink),
            ("\u{3000}标题\u{3000}", Field::Title),
            ("体裁", Field::NoteType),
            ("Published At", Field::PublishedAt),
            ("作者小红书号", Field::XhsId),
            ("观看量", Field::Reads),
            ("点赞量", Field::Likes),
            ("收藏数", Field::Collects),
            ("评论量", Field::Comments),
            ("分享", Field::Shares),
            ("涨粉数", Field::FollowsGained),
            ("阅读UV", Field::ReadUv),
            ("阅读ｕｖ", Field::ReadUv),
            ("平均浏览时长（秒）", Field::AvgViewSecs),
            ("avg_view_secs", Field::AvgViewSecs),
            ("5s播放率", Field::Video5sRate),
            ("video_5s_rate", Field::Video5sRate),
            ("3s阅读率", Field::Image3sRate),
            ("视频时长", Field::VideoSecs),
            ("笔记标题*", Field::Title),
        ];
        for (h, f) in cases {
            assert_eq!(recognise_header(h), Some(f), "{h}");
        }
        assert_eq!(recognise_header("互动量"), Some(Field::Interactions));
        assert_eq!(recognise_header("备注"), None);
        let headers: Vec<String> = ["标题", "笔记标题", "备注", "阅读"].iter().map(|s| s.to_string()).collect();
        assert_eq!(auto_mapping(&headers), vec![Some(Field::Title), None, None, Some(Field::Reads)]);
        for f in Field::ALL {
            assert_eq!(recognise_header(f.label_zh()), Some(f), "{}", f.label_zh());
            assert!(!f.label_en().is_empty());
        }
    }

    #[test]
    fn n1_n8_reads_the_decks_headers_and_this_apps_own_exports() {
        // 数据中心's export (the deck's N-8 headers), the queue export and the 聚光 export
        let cases = [
            ("视频笔记5s播放率", Field::Video5sRate),
            ("图文笔记3s阅读率", Field::Image3sRate),
            ("平均浏览时长(秒)", Field::AvgViewSecs),
            ("视频总时长（秒）", Field::VideoSecs),
            ("互动量", Field::Interactions),
            ("互动数", Field::Interactions),
            ("笔记发布时间", Field::PublishedAt),
            ("阅读UV", Field::ReadUv),
        ];
        for (h, f) in cases {
            assert_eq!(recognise_header(h), Some(f), "{h}");
        }
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,员工名称,小红书号,订单来源,曝光量,阅读量,互动量,视频笔记5s播放率,\
             图文笔记3s阅读率,平均浏览时长,阅读UV,视频总时长\n\
             {ID},春季新品,视频笔记,2026-11-20 10:00:00,王一,95012345678,用户授权,1000,500,37,22.14%,,12.5秒,300,65秒\n"
        );
        let path = write(&dir, "dc.csv", text.as_bytes());
        let p = preview(&path).unwrap();
        assert!(p.missing.is_empty(), "{:?}", p.missing);
        let unmapped: Vec<&str> = p.unmapped.iter().map(|u| u.header.as_str()).collect();
        assert_eq!(unmapped, ["员工名称", "订单来源"]);
        let rows = read_all(&path);
        let r = rows[0].as_ref().unwrap();
        assert_eq!((r.video_5s_rate, r.image_3s_rate), (Some(0.2214), None));
        assert_eq!((r.avg_view_secs, r.video_secs, r.read_uv), (Some(12.5), Some(65), Some(300)));
        assert_eq!((r.interactions, r.likes, r.parts_sum()), (Some(37), None, None));
    }

    #[test]
    fn n1_every_unmapped_column_warns_with_a_one_click_field() {
        let headers: Vec<String> =
            ["笔记ID", "总互动量", "备注", "", "笔记标题"].iter().map(|s| s.to_string()).collect();
        let mapping = auto_mapping(&headers);
        let u = unmapped_columns(&headers, &mapping);
        let got: Vec<(u32, &str, Option<Field>)> =
            u.iter().map(|c| (c.index, c.header.as_str(), c.suggestion)).collect();
        assert_eq!(got, [(1, "总互动量", Some(Field::Interactions)), (2, "备注", None), (3, "第 4 列", None)]);
        assert!(u[0].warning.contains("「总互动量」列未对应任何字段"), "{}", u[0].warning);
        assert!(u[0].warning_en.contains("not mapped"), "{}", u[0].warning_en);
        // mapped by hand: no warning; a field already mapped is not offered again
        let mut by_hand = mapping.clone();
        by_hand[1] = Some(Field::Interactions);
        assert_eq!(unmapped_columns(&headers, &by_hand).len(), 2);
        let headers2: Vec<String> = ["互动量", "互动量汇总"].iter().map(|s| s.to_string()).collect();
        let m2 = auto_mapping(&headers2);
        assert_eq!(unmapped_columns(&headers2, &m2)[0].suggestion, None);
    }
}
