//! N-3 × N-4: the plan of every filter × sort of the note lists, asserted with `EXPLAIN QUERY PLAN`, so a
//! page never depends on the planner's mood. Broad filters walk the sort's own index in order (no sort
//! step, no table scan); the selective ones (a note ID, an employee) seek their index and sort the few
//! rows they find.

mod common;

use kos_core::store::note_queue::{explain, Lane, NoteFilter, PageQuery, SortKey, SortValue, KEYWORD_INDEX};

fn filters() -> Vec<(&'static str, NoteFilter)> {
    let base = NoteFilter { enterprise_id: 1, ..Default::default() };
    vec![
        ("none", base.clone()),
        ("keyword", NoteFilter { keyword: Some("保洁".into()), ..base.clone() }),
        ("staff", NoteFilter { staff_name: Some("王".into()), ..base.clone() }),
        ("note_id", NoteFilter { note_id: Some("64a1b2c3d4e5f60718293a4b".into()), ..base.clone() }),
        (
            "published",
            NoteFilter {
                published_from: Some("2026-10-01T00:00:00Z".into()),
                published_until: Some("2026-11-01T00:00:00Z".into()),
                ..base.clone()
            },
        ),
        ("type", NoteFilter { note_type: Some("video"), ..base.clone() }),
        (
            "requested",
            NoteFilter {
                requested_from: Some("2026-11-01T00:00:00Z".into()),
                requested_until: Some("2026-11-26T00:00:00Z".into()),
                ..base.clone()
            },
        ),
        (
            "type+published+keyword",
            NoteFilter {
                note_type: Some("image"),
                keyword: Some("月嫂".into()),
                published_from: Some("2026-06-01T00:00:00Z".into()),
                ..base
            },
        ),
    ]
}

fn uses(plan: &[String], index: &str) -> bool {
    plan.iter()
        .any(|l| l.contains(&format!("USING INDEX {index}")) || l.contains(&format!("USING COVERING INDEX {index}")))
}

#[tokio::test]
async fn n3_n4_every_filter_and_sort_walks_its_index() {
    if common::solo_only("SQLite's query plans and index rebuilds") {
        return;
    }
    let app = common::fresh().await;
    let mut conn = app.svc.db().lite_pool().unwrap().acquire().await.unwrap();
    let lanes = [Lane::Queue, Lane::Requested(None), Lane::Requested(Some("approved"))];
    let sorts = [SortKey::Published, SortKey::Exposure, SortKey::Reads, SortKey::Interactions, SortKey::Requested];
    let mut checked = 0;
    for lane in lanes {
        for (name, filter) in filters() {
            for sort in sorts {
                if lane == Lane::Queue && (sort == SortKey::Requested || name == "requested") {
                    continue; // never-requested notes have no request time
                }
                for (desc, after) in [
                    (true, None),
                    (
                        false,
                        Some(if sort.is_text() {
                            SortValue::Text("2026-11-01T00:00:00Z".into())
                        } else {
                            SortValue::Int(100)
                        }),
                    ),
                ] {
                    let after = after.map(|v| (v, 500_000));
                    let q = PageQuery { lane, filter: &filter, sort, desc, after, limit: 21, offset: 0 };
                    let (page, count) = explain(&mut conn, &q).await.unwrap();
                    let ctx = format!("{lane:?} {name} {sort:?} desc={desc}\npage: {page:#?}\ncount: {count:#?}");
                    let expected = match name {
                        "note_id" => "sqlite_autoindex_notes_1",
                        "staff" => "notes_by_staff",
                        _ if sort == SortKey::Requested => "notes_q_requested",
                        _ => match sort {
                            SortKey::Published => "notes_q_published",
                            SortKey::Exposure => "notes_q_exposure",
                            SortKey::Reads => "notes_q_reads",
                            _ => "notes_q_interactions",
                        },
                    };
                    assert!(uses(&page, expected), "page walks {expected}: {ctx}");
                    assert!(
                        !page.iter().any(|l| l.starts_with("SCAN n") && !l.contains("INDEX")),
                        "no table scan: {ctx}"
                    );
                    let selective = matches!(name, "note_id" | "staff");
                    if !selective {
                        assert!(!page.iter().any(|l| l.contains("TEMP B-TREE")), "keyset order from the index: {ctx}");
                    }
                    if name.contains("keyword") {
                        // issue 10 item 6: the titles ride in the reads index (no index of titles alone)
                        assert!(uses(&page, KEYWORD_INDEX), "keyword reads the titles from an index: {ctx}");
                        assert!(uses(&count, KEYWORD_INDEX), "keyword counts from that index: {ctx}");
                    }
                    assert!(!count.iter().any(|l| l.starts_with("SCAN n") && !l.contains("INDEX")), "count: {ctx}");
                    if lane == Lane::Queue && !selective && !name.contains("keyword") {
                        assert!(
                            count.iter().any(|l| l.contains("COVERING INDEX notes_q_published")),
                            "the queue counts from the publish-time index alone: {ctx}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 100, "{checked} combinations");
}

#[tokio::test]
async fn n1_the_indexes_a_large_import_rebuilds_are_the_ones_the_migration_made() {
    if common::solo_only("SQLite's query plans and index rebuilds") {
        return;
    }
    let app = common::fresh().await;
    for (name, sql) in kos_core::store::notes::QUEUE_INDEXES {
        let made: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")
            .bind(name)
            .fetch_one(app.svc.db().lite_pool().unwrap())
            .await
            .unwrap();
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squash(&made), squash(sql), "{name}");
    }
    // issue 10 item 6: migration 0015 folded the index of titles alone into the reads index
    let titles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'notes_q_title'")
        .fetch_one(app.svc.db().lite_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(titles, 0);
}

#[tokio::test]
async fn n1_a_queue_index_another_connection_built_since_it_was_found_missing_is_no_error() {
    if common::solo_only("SQLite's query plans and index rebuilds") {
        return;
    }
    // issue 11: "during an index rebuild another open fails with 'index … already exists'": one connection
    // finds the indexes missing, another builds one of them, then the first builds what it found missing
    let app = common::fresh().await;
    let pool = app.svc.db().lite_pool().unwrap();
    let mut first = pool.acquire().await.unwrap();
    kos_core::store::notes::drop_queue_indexes(&mut first).await.unwrap();
    let missing = kos_core::store::notes::missing_queue_indexes(&mut first).await.unwrap();
    assert_eq!(missing.len(), kos_core::store::notes::QUEUE_INDEXES.len());
    let mut second = pool.acquire().await.unwrap();
    let (_, sql) = kos_core::store::notes::QUEUE_INDEXES[0];
    // (the second connection reads the schema first, as any open does, so it knows the index is gone)
    let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'notes_q_published'")
        .fetch_one(&mut *second)
        .await
        .unwrap();
    assert_eq!(seen, 0);
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *second).await.unwrap();
    kos_core::store::notes::build_queue_indexes(&mut first, &missing).await.unwrap();
    assert!(kos_core::store::notes::missing_queue_indexes(&mut first).await.unwrap().is_empty());
    // and the rebuilt indexes read exactly as the migration wrote them
    for (name, sql) in kos_core::store::notes::QUEUE_INDEXES {
        let made: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")
            .bind(name)
            .fetch_one(&mut *first)
            .await
            .unwrap();
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squash(&made), squash(sql), "{name}");
    }
}
