//! A small hand-made brand for board and dashboard tests (I-1..I-3, D-1, S-2): every number is chosen by
//! the test, nothing comes from the demo generator.
//!
//! Brand 1 "手工家政": stores 1 (门店甲, 上海), 2 (门店乙, 上海), 3 (门店丙, 杭州); staff 1..6 with accounts
//! 1..6 (小红书号 hm0001..hm0006), bound since 2025-01-02, all active except account 6 (frozen):
//!
//! | staff | name | store | mode | 岗位 | followers |
//! |---|---|---|---|---|---|
//! | 1 | 王一 | 1 | enterprise | 导购 | 201 |
//! | 2 | 李二 | 1 | personal | 店长 | 200 |
//! | 3 | 张三 | 2 | enterprise | 客服 | 500 |
//! | 4 | 赵四 | 3 | personal | 员工 | 50 |
//! | 5 | 钱五 | 3 | enterprise | 助理 | 1000 |
//! | 6 | 孙六 | 2 | enterprise | 主播人 | 300 |
//!
//! Brand 2 "别家美容" has store 4 and staff 7 (account 7), to show nothing leaks across brands.

#![allow(dead_code)]

use std::cell::Cell;

use kos_core::store::notes::{insert, insert_snapshots, Metrics, NewNote};
use kos_core::Actor;

use crate::common::{self, TestApp};

pub const E: i64 = 1;

pub struct Brand {
    pub app: TestApp,
    pub marketing: Actor,
    pub leader: Actor,
    /// the employee user of staff 1
    pub employee: Actor,
    /// the store manager of store 1
    pub manager: Actor,
    seq: Cell<u32>,
}

/// A note's counters now.
#[derive(Debug, Clone, Copy, Default)]
pub struct N {
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    pub exposure: i64,
    pub reads: i64,
}

pub fn likes(n: i64) -> N {
    N { likes: n, ..N::default() }
}

const SEED: &str = "
INSERT INTO enterprises (id, name, industry, city, store_count, professional_account, staff_mgmt_permission, created_at)
VALUES (1, '手工家政', '家政', '上海', 12, TRUE, TRUE, '2025-01-01T00:00:00Z'),
       (2, '别家美容', '生活美容', '杭州', 12, TRUE, TRUE, '2025-01-01T00:00:00Z');
INSERT INTO stores (id, enterprise_id, name, city, district, address, opened_on) VALUES
    (1, 1, '门店甲', '上海', '徐汇区', '一路 1 号', '2020-01-01'),
    (2, 1, '门店乙', '上海', '静安区', '二路 2 号', '2020-01-01'),
    (3, 1, '门店丙', '杭州', '西湖区', '三路 3 号', '2020-01-01'),
    (4, 2, '别家门店', '杭州', '西湖区', '四路 4 号', '2020-01-01');
INSERT INTO staff (id, enterprise_id, store_id, name, id_hmac, id_masked, hired_on, created_at) VALUES
    (1, 1, 1, '王一', 'h1', '110105********0001', '2024-01-01', '2025-01-01T00:00:00Z'),
    (2, 1, 1, '李二', 'h2', '110105********0002', '2024-01-01', '2025-01-01T00:00:00Z'),
    (3, 1, 2, '张三', 'h3', '110105********0003', '2024-01-01', '2025-01-01T00:00:00Z'),
    (4, 1, 3, '赵四', 'h4', '110105********0004', '2024-01-01', '2025-01-01T00:00:00Z'),
    (5, 1, 3, '钱五', 'h5', '110105********0005', '2024-01-01', '2025-01-01T00:00:00Z'),
    (6, 1, 2, '孙六', 'h6', '110105********0006', '2024-01-01', '2025-01-01T00:00:00Z'),
    (7, 2, 4, '周七', 'h7', '110105********0007', '2024-01-01', '2025-01-01T00:00:00Z');
INSERT INTO xhs_accounts (id, xhs_id, nickname, followers, has_shop, phone_bound, owner_staff_id, created_at) VALUES
    (1, 'hm0001', '王一的号', 201, FALSE, TRUE, 1, '2025-01-01T00:00:00Z'),
    (2, 'hm0002', '李二的号', 200, FALSE, TRUE, 2, '2025-01-01T00:00:00Z'),
    (3, 'hm0003', '张三的号', 500, FALSE, TRUE, 3, '2025-01-01T00:00:00Z'),
    (4, 'hm0004', '赵四的号', 50, FALSE, TRUE, 4, '2025-01-01T00:00:00Z'),
    (5, 'hm0005', '钱五的号', 1000, FALSE, TRUE, 5, '2025-01-01T00:00:00Z'),
    (6, 'hm0006', '孙六的号', 300, FALSE, TRUE, 6, '2025-01-01T00:00:00Z'),
    (7, 'hm0007', '周七的号', 900, FALSE, TRUE, 7, '2025-01-01T00:00:00Z');
INSERT INTO bindings (enterprise_id, account_id, staff_id, mode, job_title, status, invited_by, invited_at, effective_at, signed_at) VALUES
    (1, 1, 1, 'enterprise', '导购', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z'),
    (1, 2, 2, 'personal', '店长', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z'),
    (1, 3, 3, 'enterprise', '客服', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z'),
    (1, 4, 4, 'personal', '员工', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z'),
    (1, 5, 5, 'enterprise', '助理', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z'),
    (1, 6, 6, 'enterprise', '主播人', 'frozen', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z'),
    (2, 7, 7, 'enterprise', '导购', 'active', 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO users (id, name, role, enterprise_id, staff_id, created_at) VALUES
    (10, '市场小刘', 'brand_marketing', 1, NULL, '2025-01-01T00:00:00Z'),
    (11, '领导老陈', 'leader', 1, NULL, '2025-01-01T00:00:00Z'),
    (12, '王一', 'employee', 1, 1, '2025-01-01T00:00:00Z'),
    (13, '甲店长', 'store_manager', 1, NULL, '2025-01-01T00:00:00Z'),
    (14, '别家市场', 'brand_marketing', 2, NULL, '2025-01-01T00:00:00Z');
INSERT INTO user_stores (user_id, store_id) VALUES (13, 1);
";

pub async fn brand() -> Brand {
    let app = common::fresh().await;
    kos_core::on!(app.svc.db().pool(), |db| sqlx::raw_sql(SEED).execute(db).await.map(|r| r.rows_affected()))
        .expect("seed the hand-made brand");
    // the seed numbers its rows itself: the team store's counters move past them
    for table in ["enterprises", "stores", "staff", "xhs_accounts", "bindings", "users"] {
        kos_core::store::ex::after_explicit_ids(app.svc.db().pool(), table).await.expect("identity past the seed");
    }
    let actor = |id| app.svc.actor(id);
    Brand {
        marketing: actor(10).await.expect("marketing"),
        leader: actor(11).await.expect("leader"),
        employee: actor(12).await.expect("employee"),
        manager: actor(13).await.expect("manager"),
        app,
        seq: Cell::new(0),
    }
}

impl Brand {
    pub async fn user(&self, id: i64) -> Actor {
        self.app.svc.actor(id).await.expect("user")
    }

    /// A note of staff `staff` (whose account has the same number) published at `published` (UTC text),
    /// counters `n` now (dated 2026-11-26), with daily snapshots `(date, likes)`. Returns (row id, note ID).
    pub async fn note(
        &self,
        staff: i64,
        published: &str,
        n: N,
        direction: Option<&str>,
        snaps: &[(&str, i64)],
    ) -> (i64, String) {
        self.seq.set(self.seq.get() + 1);
        let note_id = format!("{:024x}", 0xabc0_0000u64 + u64::from(self.seq.get()));
        let title = format!("笔记{}", self.seq.get());
        let pool = self.app.svc.db().pool();
        let m = Metrics {
            exposure: n.exposure,
            reads: n.reads,
            likes: Some(n.likes),
            collects: Some(n.collects),
            comments: Some(n.comments),
            shares: n.shares,
            ..Metrics::default()
        };
        let enterprise = if staff == 7 { 2 } else { E };
        let row = insert(
            pool,
            &NewNote {
                note_id: &note_id,
                account_id: staff,
                enterprise_id: Some(enterprise),
                title: &title,
                note_type: if self.seq.get().is_multiple_of(3) { "video" } else { "image" },
                direction,
                published_at: published.into(),
                metrics: m,
                avg_view_secs: None,
                video_5s_rate: None,
                image_3s_rate: None,
                video_secs: None,
                metrics_date: "2026-11-26".into(),
            },
        )
        .await
        .expect("note");
        let rows: Vec<(i64, String, Metrics)> = snaps
            .iter()
            .map(|(d, l)| (row, d.to_string(), Metrics { likes: Some(*l), ..Metrics::default() }))
            .collect();
        let mut conn = pool.acquire().await.expect("conn");
        insert_snapshots(&mut conn, &rows).await.expect("snapshots");
        (row, note_id)
    }

    /// A 内容加热 order on a note starting on `starts_on`.
    pub async fn boost(&self, row: i64, starts_on: &str, budget: i64) {
        kos_core::on!(self.app.svc.db().pool(), |db| sqlx::query(
            "INSERT INTO note_boosts (enterprise_id, note_row_id, budget_yuan, days, goal, starts_on, created_by, created_at)
             VALUES (1, $1, $2, 3, '产品种草', $3, 10, $4)",
        )
        .bind(row)
        .bind(budget)
        .bind(starts_on)
        .bind(format!("{starts_on}T02:00:00Z"))
        .execute(db)
        .await.map(|r| r.rows_affected()))
        .expect("boost");
    }
}
