//! The fixtures the note file's tests share: two note IDs, a full header row, a row maker and file helpers.

use std::path::{Path, PathBuf};

use super::{open, preview, NoteRecord, RowError};
use crate::error::CoreError;

pub(super) const ID: &str = "64b1f0a2c3d4e5f60718293a";
pub(super) const ID2: &str = "65c2a1b2c3d4e5f60718293b";
pub(super) const HEADER: &str =
    "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享,涨粉,阅读UV,\
     平均浏览时长,视频5s播放率,图文3s阅读率,视频总时长";

pub(super) fn row(id: &str, title: &str, kind: &str, time: &str) -> String {
    format!("{id},{title},{kind},{time},95012345678,1.2万,\"1,234\",12w,30,5,0,,88,12.5,14.5%,-,1:05")
}

pub(super) fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

pub(super) fn read_all(path: &Path) -> Vec<Result<NoteRecord, RowError>> {
    let p = preview(path).unwrap();
    open(path, &p.mapping).unwrap().map(|r| r.unwrap()).collect()
}

pub(super) fn file_error(e: CoreError) -> String {
    assert_eq!(e.code(), crate::ErrorCode::File, "{e:?}");
    e.to_api().message
}

pub(super) fn check_first(rec: &NoteRecord) {
    assert_eq!(rec.note_id, ID);
    assert_eq!(rec.title, "春季新品");
    assert_eq!(rec.note_type, "video");
    assert_eq!(rec.published_at, "2026-11-20T02:00:00Z");
    assert_eq!(rec.xhs_id, "95012345678");
    assert_eq!(
        (rec.exposure, rec.reads, rec.likes, rec.collects),
        (Some(12_000), Some(1_234), Some(120_000), Some(30))
    );
    assert_eq!((rec.comments, rec.shares, rec.follows_gained, rec.read_uv), (Some(5), Some(0), Some(0), Some(88)));
    assert_eq!((rec.interactions, rec.interactions_known()), (None, Some(120_035)));
    assert_eq!(rec.avg_view_secs, Some(12.5));
    assert_eq!(rec.video_5s_rate, Some(0.145));
    assert_eq!(rec.image_3s_rate, None);
    assert_eq!(rec.video_secs, Some(65));
}

pub(super) fn sample_csv() -> String {
    format!(
        "{HEADER}\n{}\n{}\n",
        row(ID, "春季新品", "视频", "2026-11-20 10:00:00"),
        row(ID2, "门店日常", "图文笔记", "2026/11/20 10:00")
    )
}
