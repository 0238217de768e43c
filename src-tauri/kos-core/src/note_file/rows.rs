//! N-1: a note file's rows as checked records: each row assembled from its mapped cells, with the row-level
//! checks (note ID from ID or link, required cells, counts that cannot be, interactions never taken as 0,
//! publish times after the data date); a row that fails becomes a `RowError` naming its column.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::errors::header_only;
use super::fields::{Field, FIELDS};
use super::table::Table;
use super::values::{
    is_placeholder, is_short_link, note_id_from_link, parse_count, parse_duration, parse_note_type, parse_published_at,
    parse_rate, Bad,
};
use super::FileFormat;
use crate::clock;
use crate::error::CoreResult;

/// One parsed, valid row.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRecord {
    /// 1-based row number as a spreadsheet shows it (header = 1)
    pub line: i64,
    /// 24 lowercase hex characters
    pub note_id: String,
    pub title: String,
    /// "video" or "image"
    pub note_type: &'static str,
    /// RFC 3339 UTC, seconds, 'Z'; the file's times are Asia/Shanghai local time
    pub published_at: String,
    /// 小红书号, trimmed
    pub xhs_id: String,
    /// Counters: `None` when the file has no such column (an empty cell or a dash in a column the file has
    /// is 0, as the platform leaves zeros empty — except 点赞/收藏/评论 beside a given 互动量, which are then
    /// unknown parts of that total).
    pub exposure: Option<i64>,
    pub reads: Option<i64>,
    pub likes: Option<i64>,
    pub collects: Option<i64>,
    pub comments: Option<i64>,
    /// 互动量 as the file gives it; with all three parts it must equal their sum (or their sum with shares)
    pub interactions: Option<i64>,
    pub shares: Option<i64>,
    pub follows_gained: Option<i64>,
    /// 阅读UV is derived by the platform: `None` when the column is missing or the cell is empty or a dash
    pub read_uv: Option<i64>,
    pub avg_view_secs: Option<f64>,
    /// fraction 0..=1
    pub video_5s_rate: Option<f64>,
    /// fraction 0..=1
    pub image_3s_rate: Option<f64>,
    pub video_secs: Option<i64>,
    /// the account's nickname and followers as the export shows them (U-2, S-2)
    pub nickname: Option<String>,
    pub followers: Option<i64>,
}

/// Why a row was rejected (shown in the row report).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct RowError {
    pub line: i64,
    /// the column's header text as in the file
    pub column: Option<String>,
    pub reason: String,
    pub reason_en: String,
}

/// The rows of a note file: `Err` (outer) is a file-level failure that ends the file — nothing of it should
/// be kept — `Ok(Err(RowError))` a rejected row, `Ok(Ok(NoteRecord))` a valid one. Blank rows are skipped.
pub struct NoteRows {
    pub(super) table: Table,
    pub(super) columns: [Option<usize>; FIELDS],
    pub(super) done: bool,
    /// a publish time after this (the end of the file's data date, or now) is refused
    pub(super) published_until: Option<(DateTime<Utc>, String, String)>,
}

impl std::fmt::Debug for NoteRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteRows")
            .field("path", &self.table.path)
            .field("headers", &self.table.headers)
            .field("rows_read", &self.table.data_rows)
            .finish()
    }
}

impl Iterator for NoteRows {
    type Item = CoreResult<Result<NoteRecord, RowError>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.table.next_row() {
            Ok(Some(line)) => Some(Ok(self.parse(line))),
            Ok(None) => {
                self.done = true;
                (self.table.data_rows == 0).then(|| Err(header_only(&self.table.path)))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

impl NoteRecord {
    /// 点赞 + 收藏 + 评论 when the file gives all three.
    pub fn parts_sum(&self) -> Option<i64> {
        Some(self.likes? + self.collects? + self.comments?)
    }

    /// Interactions: the parts' sum when all are given, else 互动量 as given.
    pub fn interactions_known(&self) -> Option<i64> {
        self.parts_sum().or(self.interactions)
    }
}

/// A cell a spreadsheet export protected against formula injection (`'=…`, `'+…`, `'-…`, `'@…`), as
/// KOS Desk's own CSV exports write it, read back as the text it stands for.
fn unescape_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => s,
    }
}

/// A stored UTC timestamp as Asia/Shanghai local time, for messages.
fn local_text(ts: &str) -> String {
    clock::parse_ts(ts)
        .map(|t| t.with_timezone(&clock::shanghai()).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| ts.to_string())
}

impl NoteRows {
    /// Refuses rows published after `until` (the end of the file's data date, or now if earlier); `what` names
    /// that instant in Chinese and English for the row report ("数据日期 2026-11-26 结束时").
    pub fn refuse_published_after(mut self, until: DateTime<Utc>, what_zh: String, what_en: String) -> Self {
        self.published_until = Some((until, what_zh, what_en));
        self
    }

    pub fn format(&self) -> FileFormat {
        self.table.source.format()
    }

    pub fn headers(&self) -> &[String] {
        &self.table.headers
    }

    /// Data rows read so far (blank rows not counted), for progress against `FilePreview::rows`.
    pub fn rows_read(&self) -> i64 {
        self.table.data_rows
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.columns[f.index()]
    }

    fn text(&self, f: Field) -> Option<(usize, &str)> {
        self.col(f).map(|c| (c, self.table.source.cell(c).trim()))
    }

    fn row_err(&self, line: i64, col: usize, bad: Bad) -> RowError {
        RowError { line, column: Some(self.table.column_name(col)), reason: bad.0, reason_en: bad.1 }
    }

    fn parse(&self, line: i64) -> Result<NoteRecord, RowError> {
        let err = |col: usize, bad: Bad| self.row_err(line, col, bad);
        let note_id = self.note_id(line)?;

        let (c, title) = self.text(Field::Title).unwrap_or((0, ""));
        let title = unescape_formula(title);
        if title.is_empty() {
            return Err(err(c, Bad("笔记标题不能为空".into(), "The title is empty".into())));
        }
        let (c, kind) = self.text(Field::NoteType).unwrap_or((0, ""));
        let note_type = parse_note_type(kind).map_err(|b| err(c, b))?;
        let (c, time) = self.text(Field::PublishedAt).unwrap_or((0, ""));
        let published_at = parse_published_at(time).map_err(|b| err(c, b))?;
        if let Some((until, zh, en)) = &self.published_until {
            if published_at.as_str() > crate::clock::ts(*until).as_str() {
                let shown = local_text(&published_at);
                return Err(err(
                    c,
                    Bad(
                        format!("发布时间 {shown} 晚于{zh}：笔记不可能在那之后才发布，请检查发布时间列或数据日期"),
                        format!("Published at {shown}, after {en}: a note cannot be published later than its data; check the publish time column or the data date"),
                    ),
                ));
            }
        }
        let (c, xhs_id) = self.text(Field::XhsId).unwrap_or((0, ""));
        let xhs_id = unescape_formula(xhs_id);
        if xhs_id.is_empty() {
            return Err(err(c, Bad("小红书号不能为空".into(), "The Xiaohongshu ID is empty".into())));
        }

        let count = |f: Field| -> Result<Option<i64>, RowError> {
            match self.text(f) {
                Some((c, s)) => parse_count(s).map(Some).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        // derived by the platform: an empty cell or a dash is unknown, not 0
        let derived = |f: Field| -> Result<Option<i64>, RowError> {
            match self.text(f) {
                Some((_, s)) if s.is_empty() || is_placeholder(s) => Ok(None),
                Some((c, s)) => parse_count(s).map(Some).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        let rate = |f: Field| -> Result<Option<f64>, RowError> {
            match self.text(f) {
                Some((c, s)) => parse_rate(s).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        let secs = |f: Field| -> Result<Option<f64>, RowError> {
            match self.text(f) {
                Some((c, s)) => parse_duration(s).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        let rec = NoteRecord {
            line,
            note_id,
            title: title.to_string(),
            note_type,
            published_at,
            xhs_id: xhs_id.to_string(),
            exposure: count(Field::Exposure)?,
            reads: count(Field::Reads)?,
            likes: derived(Field::Likes)?,
            collects: derived(Field::Collects)?,
            comments: derived(Field::Comments)?,
            interactions: derived(Field::Interactions)?,
            shares: count(Field::Shares)?,
            follows_gained: count(Field::FollowsGained)?,
            read_uv: derived(Field::ReadUv)?,
            avg_view_secs: secs(Field::AvgViewSecs)?,
            video_5s_rate: rate(Field::Video5sRate)?,
            image_3s_rate: rate(Field::Image3sRate)?,
            video_secs: secs(Field::VideoSecs)?.map(|s| s.round() as i64),
            nickname: self
                .text(Field::Nickname)
                .map(|(_, s)| unescape_formula(s).trim())
                .filter(|s| !s.is_empty() && s.chars().count() <= 40)
                .map(str::to_string),
            followers: derived(Field::Followers)?,
        };
        let mut rec = rec;
        // an empty part beside a given 互动量 is a total not split (unknown); without 互动量 it is 0, as the
        // platform leaves zeros empty
        if rec.interactions.is_none() {
            for (f, v) in [
                (Field::Likes, &mut rec.likes),
                (Field::Collects, &mut rec.collects),
                (Field::Comments, &mut rec.comments),
            ] {
                if v.is_none() && self.col(f).is_some() {
                    *v = Some(0);
                }
            }
        }
        self.check_counts(&rec).map_err(|(f, b)| err(self.col(f).unwrap_or(0), b))?;
        Ok(rec)
    }

    /// Counts that cannot be, as the platform reports them: 阅读量 above 曝光量 (a read is an opened
    /// impression), 阅读UV above 阅读量 (a reader reads at least once), 互动量 that is neither the parts' sum
    /// nor the sum with shares, and interactions the row does not give at all.
    fn check_counts(&self, r: &NoteRecord) -> Result<(), (Field, Bad)> {
        if let (Some(e), Some(reads)) = (r.exposure, r.reads) {
            if reads > e {
                return Err((
                    Field::Reads,
                    Bad(
                        format!("阅读量 {reads} 大于曝光量 {e}：平台不会报告这样的数据，请检查这两列是否对应正确"),
                        format!("Reads ({reads}) above exposure ({e}): the platform never reports that; check these two columns' mapping"),
                    ),
                ));
            }
        }
        if let (Some(uv), Some(reads)) = (r.read_uv, r.reads) {
            if uv > reads {
                return Err((
                    Field::ReadUv,
                    Bad(
                        format!("阅读UV {uv} 大于阅读量 {reads}：每位读者至少阅读一次，平台不会报告这样的数据"),
                        format!("Read UV ({uv}) above reads ({reads}): every reader reads at least once; the platform never reports that"),
                    ),
                ));
            }
        }
        match (r.parts_sum(), r.interactions) {
            (Some(sum), Some(total)) if total != sum && Some(total) != r.shares.map(|s| sum + s) => Err((
                Field::Interactions,
                Bad(
                    format!("互动量 {total} 与点赞、收藏、评论之和 {sum} 不一致"),
                    format!("Interactions ({total}) differ from likes + collects + comments ({sum})"),
                ),
            )),
            (None, None) => Err((
                if self.col(Field::Interactions).is_some() { Field::Interactions } else { Field::Likes },
                Bad(
                    "互动量为空，且没有完整的点赞、收藏、评论：互动数未知，不能按 0 导入".into(),
                    "Interactions are empty and likes, collects and comments are not all given: the interactions are unknown and are not imported as 0".into(),
                ),
            )),
            _ => Ok(()),
        }
    }

    /// The note ID from the ID column, else from the link column; both given and different is an error.
    fn note_id(&self, line: i64) -> Result<String, RowError> {
        let err = |col: usize, zh: &str, en: &str| self.row_err(line, col, Bad(zh.into(), en.into()));
        let short = (
            "短链接无法离线解析，请使用完整笔记链接",
            "Short links cannot be resolved offline: use the full note link",
        );
        let id = self.text(Field::NoteId).filter(|(_, s)| !s.is_empty());
        let link = self.text(Field::NoteLink).filter(|(_, s)| !s.is_empty());
        let from_id = match id {
            Some((c, s)) => match note_id_from_link(s) {
                Some(v) => Some(v),
                None if is_short_link(s) => return Err(err(c, short.0, short.1)),
                None => {
                    return Err(err(
                        c,
                        "笔记ID应为 24 位十六进制字符（0-9、a-f）",
                        "The note ID must be 24 hexadecimal characters (0-9, a-f)",
                    ))
                }
            },
            None => None,
        };
        let from_link = match link {
            Some((c, s)) => match note_id_from_link(s) {
                Some(v) => Some((c, v)),
                // the ID column already says which note it is
                None if from_id.is_some() && is_short_link(s) => None,
                None if is_short_link(s) => return Err(err(c, short.0, short.1)),
                None => {
                    return Err(err(
                        c,
                        "无法从笔记链接中识别笔记ID（应为 https://www.xiaohongshu.com/explore/笔记ID 这样的完整链接）",
                        "No note ID found in the link (expected a full link like https://www.xiaohongshu.com/explore/<note ID>)",
                    ))
                }
            },
            None => None,
        };
        match (from_id, from_link) {
            (Some(a), Some((c, b))) if a != b => Err(err(
                c,
                "笔记链接中的笔记ID与「笔记ID」列不一致",
                "The note ID in the link differs from the note ID column",
            )),
            (Some(a), _) => Ok(a),
            (None, Some((_, b))) => Ok(b),
            (None, None) => {
                let c = self.col(Field::NoteId).or(self.col(Field::NoteLink)).unwrap_or(0);
                Err(err(
                    c,
                    "缺少笔记ID（笔记ID和笔记链接都为空）",
                    "The note ID is missing (both note ID and link are empty)",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note_file::test_support::*;
    use crate::note_file::{auto_mapping, missing_fields, open, preview, FilePreview};

    #[test]
    fn n1_every_row_error_names_its_column() {
        let dir = tempfile::tempdir().unwrap();
        let header = "笔记ID,笔记链接,笔记标题,笔记类型,发布时间,小红书号,点赞,视频5s播放率,平均浏览时长,互动量";
        let link = format!("https://www.xiaohongshu.com/explore/{ID}");
        let ok = |id: &str, link: &str| format!("{id},{link},春季新品,视频,2026-11-20 10:00,abc,1,14%,12,1");
        let lines = [
            (ok("12345", ""), "笔记ID", "24 位十六进制"),
            (ok("", "https://xhslink.com/a/AbCd"), "笔记链接", "短链接无法离线解析，请使用完整笔记链接"),
            (ok("xhslink.com/a/AbCd", ""), "笔记ID", "短链接"),
            (ok(ID2, &link), "笔记链接", "不一致"),
            (ok("", ""), "笔记ID", "缺少笔记ID"),
            (ok("", "https://example.com/explore/x"), "笔记链接", "无法从笔记链接中识别"),
            (format!("{ID},,  ,视频,2026-11-20 10:00,abc,1,14%,12,1"), "笔记标题", "笔记标题不能为空"),
            (format!("{ID},,春季新品,直播,2026-11-20 10:00,abc,1,14%,12,1"), "笔记类型", "无法识别"),
            (format!("{ID},,春季新品,,2026-11-20 10:00,abc,1,14%,12,1"), "笔记类型", "不能为空"),
            (format!("{ID},,春季新品,视频,昨天,abc,1,14%,12,1"), "发布时间", "无法识别"),
            (format!("{ID},,春季新品,视频,2026-13-40,abc,1,14%,12,1"), "发布时间", "无法识别"),
            (format!("{ID},,春季新品,视频,,abc,1,14%,12,1"), "发布时间", "不能为空"),
            (format!("{ID},,春季新品,视频,2026-11-20,  ,1,14%,12,1"), "小红书号", "不能为空"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,-3,14%,12,1"), "点赞", "非负整数"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,很多,14%,12,1"), "点赞", "非负整数"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1.5,14%,12,1"), "点赞", "非负整数"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,120%,12,1"), "视频5s播放率", "0%–100%"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,-5%,12,1"), "视频5s播放率", "0%–100%"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,14%,很久,1"), "平均浏览时长", "时长无法识别"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,14%,-12,1"), "平均浏览时长", "时长无法识别"),
        ];
        let mut text = format!("{header}\n");
        for (l, _, _) in &lines {
            text.push_str(l);
            text.push('\n');
        }
        text.push_str(&ok(ID, &link));
        text.push('\n');
        let path = write(&dir, "bad.csv", text.as_bytes());
        let rows = read_all(&path);
        assert_eq!(rows.len(), lines.len() + 1);
        for (i, (l, column, reason)) in lines.iter().enumerate() {
            let e = rows[i].as_ref().expect_err(l);
            assert_eq!(e.line, i as i64 + 2, "{l}");
            assert_eq!(e.column.as_deref(), Some(*column), "{l}: {e:?}");
            assert!(e.reason.contains(reason), "{l}: {}", e.reason);
            assert!(!e.reason_en.is_empty());
        }
        let last = rows.last().unwrap().as_ref().unwrap();
        assert_eq!(last.note_id, ID);
    }

    fn ids(rows: &[Result<NoteRecord, RowError>]) -> Vec<Result<&NoteRecord, (&str, &str)>> {
        rows.iter()
            .map(|r| match r {
                Ok(rec) => Ok(rec),
                Err(e) => Err((e.column.as_deref().unwrap_or(""), e.reason.as_str())),
            })
            .collect()
    }

    #[test]
    fn n1_i1_i2_i3_totals_without_parts_are_kept_as_totals_never_0() {
        let dir = tempfile::tempdir().unwrap();
        let head = "笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,收藏,评论,分享,互动量";
        let line = |i: u32, parts: &str, total: &str| format!("{:024x},t,视频,2026-11-20,x,{parts},{total}", i);
        let text = [
            head.to_string(),
            line(1, ",,,1", "123"),    // total only: parts unknown
            line(2, "10,5,2,1", "17"), // consistent
            line(3, "10,5,2,1", "18"), // the platform's total with shares
            line(4, "10,5,2,1", "30"), // cannot be
            line(5, "10,,,0", "40"),   // likes known, the rest of the total unsplit
            line(6, ",,,0", ""),       // all empty, no total: the platform's empty zeros
            line(7, "3,,,0", "-"),     // no total: empty parts are zeros
        ]
        .join("\n");
        let path = write(&dir, "totals.csv", text.as_bytes());
        let rows = read_all(&path);
        let got = ids(&rows);
        let r = got[0].as_ref().unwrap();
        assert_eq!((r.likes, r.collects, r.comments, r.interactions_known()), (None, None, None, Some(123)));
        assert_eq!(got[1].as_ref().unwrap().interactions_known(), Some(17));
        assert_eq!(got[2].as_ref().unwrap().interactions_known(), Some(17));
        let e = got[3].as_ref().unwrap_err();
        assert_eq!(e.0, "互动量");
        assert!(e.1.contains("互动量 30 与点赞、收藏、评论之和 17 不一致"), "{}", e.1);
        let r = got[4].as_ref().unwrap();
        assert_eq!((r.likes, r.collects, r.interactions_known()), (Some(10), None, Some(40)));
        assert_eq!(got[5].as_ref().unwrap().interactions_known(), Some(0));
        let r = got[6].as_ref().unwrap();
        assert_eq!((r.likes, r.collects, r.comments, r.interactions_known()), (Some(3), Some(0), Some(0), Some(3)));
        // 点赞 alone beside an empty 互动量: the interactions are unknown, and the row is refused
        let text = format!("笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,互动量\n{ID},t,视频,2026-11-20,x,5,\n");
        let path = write(&dir, "unknown.csv", text.as_bytes());
        let rows = read_all(&path);
        let e = rows[0].as_ref().unwrap_err();
        assert_eq!(e.column.as_deref(), Some("互动量"));
        assert!(e.reason.contains("不能按 0 导入"), "{}", e.reason);
        // a mapping that gives neither 互动量 nor all three parts is refused before reading
        let part: Vec<String> =
            ["笔记ID", "标题", "类型", "发布时间", "小红书号", "点赞"].iter().map(|s| s.to_string()).collect();
        assert_eq!(missing_fields(&auto_mapping(&part)), vec![Field::Interactions]);
    }

    #[test]
    fn n1_a_derived_metric_missing_is_unknown_never_0() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,小红书号,阅读量,互动量,阅读UV\n\
             {ID},t,视频,2026-11-20,x,10,1,-\n{ID2},t,视频,2026-11-20,x,10,1,\n"
        );
        let path = write(&dir, "uv.csv", text.as_bytes());
        for r in read_all(&path) {
            let r = r.unwrap();
            assert_eq!((r.read_uv, r.exposure, r.video_5s_rate), (None, None, None));
        }
    }

    #[test]
    fn n1_row_checks_against_reality() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,阅读UV,互动量\n\
             {ID},t,视频,2026-11-20 10:00,x,100,101,1,1\n\
             {ID2},t,视频,2026-11-20 10:00,x,100,50,51,1\n\
             {:024x},t,视频,2026-11-26 23:59:59,x,100,50,5,1\n\
             {:024x},t,视频,2026-11-27 00:00:00,x,100,50,5,1\n\
             {:024x},t,视频,2027-03-01,x,100,50,5,1\n\
             {:024x},t,视频,2026-11-20,x,-1,0,0,1\n\
             {:024x},t,视频,2026-11-20,x,100,100,100,1\n",
            3, 4, 5, 6, 7
        );
        let path = write(&dir, "reality.csv", text.as_bytes());
        let p = preview(&path).unwrap();
        // the end of 2026-11-26 in Asia/Shanghai
        let until = DateTime::parse_from_rfc3339("2026-11-26T15:59:59Z").unwrap().with_timezone(&Utc);
        let rows: Vec<_> = open(&path, &p.mapping)
            .unwrap()
            .refuse_published_after(until, "数据日期 2026-11-26 当天结束".into(), "the end of the data date".into())
            .map(|r| r.unwrap())
            .collect();
        let got = ids(&rows);
        assert_eq!(got[0].unwrap_err().0, "阅读量");
        assert!(got[0].unwrap_err().1.contains("阅读量 101 大于曝光量 100"), "{:?}", got[0]);
        assert_eq!(got[1].unwrap_err().0, "阅读UV");
        assert!(got[1].unwrap_err().1.contains("阅读UV 51 大于阅读量 50"), "{:?}", got[1]);
        assert!(got[2].is_ok(), "the last second of the data date is fine");
        for i in [3, 4] {
            let (col, why) = got[i].unwrap_err();
            assert_eq!(col, "发布时间");
            assert!(why.contains("晚于数据日期 2026-11-26 当天结束"), "{why}");
        }
        assert!(got[3].unwrap_err().1.contains("2026-11-27 00:00:00"), "{:?}", got[3]);
        assert_eq!(got[5].unwrap_err().0, "曝光量", "negative counts are refused");
        assert!(got[6].is_ok(), "equal counts can be");
        assert!(rows.iter().all(|r| r.as_ref().err().is_none_or(|e| !e.reason_en.is_empty())));
    }

    #[test]
    fn n1_cells_escaped_against_formulas_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,小红书号,互动量\n\
             {ID},\"'=HYPERLINK(\"\"x\"\")\",视频,2026-11-20,'+8613800000000,1\n{ID2},'普通,视频,2026-11-20,x,1\n"
        );
        let path = write(&dir, "esc.csv", text.as_bytes());
        let rows = read_all(&path);
        let a = rows[0].as_ref().unwrap();
        assert_eq!((a.title.as_str(), a.xhs_id.as_str()), ("=HYPERLINK(\"x\")", "+8613800000000"));
        assert_eq!(rows[1].as_ref().unwrap().title, "'普通", "only a protected formula starter is unescaped");
    }

    #[test]
    fn n1_rows_can_move_to_a_worker_thread() {
        fn send<T: Send>() {}
        send::<NoteRows>();
        send::<FilePreview>();
    }
}
