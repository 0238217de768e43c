//! A brand's register of 小红书账号 (U-2, B-2) and the dated history of each account's nickname and
//! followers (S-2 reads the latest, kept on the account row).

use super::ex::{json_list, Ex};
use crate::api::types::accounts::{AccountEntry, AccountSnapshot};
use crate::on;

use crate::error::CoreResult;
use crate::model::{BindingMode, BindingStatus};

/// What the queries read for [`AccountEntry`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbAccountEntry {
    account_id: i64,
    xhs_id: String,
    nickname: String,
    followers: i64,
    followers_on: Option<String>,
    phone_bound: bool,
    has_shop: bool,
    owner_staff_id: Option<i64>,
    owner_name: Option<String>,
    owner_employee_no: Option<String>,
    binding_status: Option<BindingStatus>,
    binding_mode: Option<BindingMode>,
    bound_staff_name: Option<String>,
}

impl From<DbAccountEntry> for AccountEntry {
    fn from(r: DbAccountEntry) -> Self {
        Self {
            account_id: r.account_id,
            xhs_id: r.xhs_id,
            nickname: r.nickname,
            followers: r.followers,
            followers_on: r.followers_on,
            phone_bound: r.phone_bound,
            has_shop: r.has_shop,
            owner_staff_id: r.owner_staff_id,
            owner_name: r.owner_name,
            owner_employee_no: r.owner_employee_no,
            binding_status: r.binding_status,
            binding_mode: r.binding_mode,
            bound_staff_name: r.bound_staff_name,
        }
    }
}

const ENTRY: &str = "SELECT a.id AS account_id, a.xhs_id, a.nickname, a.followers, a.followers_on, a.phone_bound,
        a.has_shop, o.id AS owner_staff_id, o.name AS owner_name, o.employee_no AS owner_employee_no,
        b.status AS binding_status, b.mode AS binding_mode, bs.name AS bound_staff_name
    FROM (SELECT account_id FROM enterprise_accounts WHERE enterprise_id = $1
          UNION SELECT account_id FROM bindings WHERE enterprise_id = $1) r
    JOIN xhs_accounts a ON a.id = r.account_id
    LEFT JOIN enterprise_accounts ea ON ea.enterprise_id = $1 AND ea.account_id = a.id
    LEFT JOIN staff o ON o.id = a.owner_staff_id AND o.enterprise_id = $1
    LEFT JOIN bindings b ON b.account_id = a.id AND b.enterprise_id = $1
                         AND b.status IN ('invited', 'active', 'frozen')
    LEFT JOIN staff bs ON bs.id = b.staff_id
    WHERE ($2 IS NULL OR o.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($2))
                      OR bs.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($2)))";

/// The brand's registered accounts and those it ever bound (store managers: those whose owner or bound staff
/// member is in their stores): the latest registered first, then by 小红书号.
pub async fn list(ex: impl Into<Ex<'_>>, enterprise_id: i64, stores: Option<&[i64]>) -> CoreResult<Vec<AccountEntry>> {
    let stores = stores.map(json_list);
    let sql = format!("{ENTRY} ORDER BY ea.registered_at IS NULL, ea.registered_at DESC, a.xhs_id");
    Ok(on!(ex, |c, d| sqlx::query_as::<_, DbAccountEntry>(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(enterprise_id)
        .bind(stores)
        .fetch_all(c)
        .await)?
    .into_iter()
    .map(AccountEntry::from)
    .collect())
}

pub async fn get(ex: impl Into<Ex<'_>>, enterprise_id: i64, account_id: i64) -> CoreResult<Option<AccountEntry>> {
    let sql = format!("{ENTRY} AND a.id = $3");
    Ok(on!(ex, |c, d| sqlx::query_as::<_, DbAccountEntry>(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(enterprise_id)
        .bind(None::<String>)
        .bind(account_id)
        .fetch_optional(c)
        .await)?
    .map(AccountEntry::from))
}

/// What a register or an import says of an account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFacts {
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    pub phone_bound: bool,
    pub has_shop: bool,
    pub owner_staff_id: Option<i64>,
}

pub async fn insert(ex: impl Into<Ex<'_>>, f: &AccountFacts, on: &str, created_at: &str) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO xhs_accounts (xhs_id, nickname, followers, has_shop, phone_bound, owner_staff_id, created_at,
                                   followers_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&f.xhs_id)
    .bind(&f.nickname)
    .bind(f.followers)
    .bind(f.has_shop)
    .bind(f.phone_bound)
    .bind(f.owner_staff_id)
    .bind(created_at)
    .bind(on)
    .fetch_one(c)
    .await)?)
}

/// Phone, shop and owner as told now (the nickname and followers go through `refresh`).
pub async fn update_facts(ex: impl Into<Ex<'_>>, id: i64, f: &AccountFacts) -> CoreResult<()> {
    on!(ex, |c| sqlx::query(
        "UPDATE xhs_accounts SET phone_bound = $1, has_shop = $2, owner_staff_id = $3 WHERE id = $4"
    )
    .bind(f.phone_bound)
    .bind(f.has_shop)
    .bind(f.owner_staff_id)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Adds the account to the brand's register (once).
pub async fn register(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    account_id: i64,
    user_id: i64,
    at: &str,
) -> CoreResult<bool> {
    let done = on!(ex, |c| {
        sqlx::query(
        "INSERT INTO enterprise_accounts (enterprise_id, account_id, registered_by, registered_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(enterprise_id)
    .bind(account_id)
    .bind(user_id)
    .bind(at)
    .execute(c).await.map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

pub async fn is_registered(ex: impl Into<Ex<'_>>, enterprise_id: i64, account_id: i64) -> CoreResult<bool> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM enterprise_accounts WHERE enterprise_id = $1 AND account_id = $2)
             OR EXISTS (SELECT 1 FROM bindings WHERE enterprise_id = $1 AND account_id = $2)",
    )
    .bind(enterprise_id)
    .bind(account_id)
    .fetch_one(c)
    .await)?)
}

/// What the queries read for [`AccountSnapshot`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbAccountSnapshot {
    date: String,
    nickname: String,
    followers: i64,
    source: String,
}

impl From<DbAccountSnapshot> for AccountSnapshot {
    fn from(r: DbAccountSnapshot) -> Self {
        Self { date: r.date, nickname: r.nickname, followers: r.followers, source: r.source }
    }
}

/// Records the day's nickname and followers (a later source the same day replaces an earlier one) and puts
/// them on the account unless it holds a later day's already.
/// A value left out (`None`) is the account's current one.
pub async fn refresh(
    ex: impl Into<Ex<'_>>,
    account_id: i64,
    date: &str,
    nickname: Option<&str>,
    followers: Option<i64>,
    source: &str,
) -> CoreResult<()> {
    let mut ex = ex.into();
    on!(&mut ex, |c| sqlx::query(
        "INSERT INTO account_snapshots (account_id, date, nickname, followers, source)
         SELECT id, $2, COALESCE($3, nickname), COALESCE($4, followers), $5 FROM xhs_accounts WHERE id = $1
         ON CONFLICT (account_id, date) DO UPDATE SET nickname = excluded.nickname, followers = excluded.followers,
                                                     source = excluded.source",
    )
    .bind(account_id)
    .bind(date)
    .bind(nickname)
    .bind(followers)
    .bind(source)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    on!(&mut ex, |c| {
        sqlx::query(
        "UPDATE xhs_accounts SET nickname = COALESCE($1, nickname), followers = COALESCE($2, followers), followers_on = $3
         WHERE id = $4 AND (followers_on IS NULL OR followers_on <= $3)",
    )
    .bind(nickname)
    .bind(followers)
    .bind(date)
    .bind(account_id)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn list_snapshots(ex: impl Into<Ex<'_>>, account_id: i64) -> CoreResult<Vec<AccountSnapshot>> {
    Ok(on!(ex, |c| sqlx::query_as::<_, DbAccountSnapshot>(
        "SELECT date, nickname, followers, source FROM account_snapshots WHERE account_id = $1 ORDER BY date DESC",
    )
    .bind(account_id)
    .fetch_all(c)
    .await)?
    .into_iter()
    .map(AccountSnapshot::from)
    .collect())
}

/// The ids of these 小红书号 among the accounts with a binding to the brand (a note import refreshes only
/// those).
pub async fn list_ids_for_enterprise(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    xhs_ids: &[&str],
) -> CoreResult<Vec<(String, i64)>> {
    let mut ex = ex.into();
    let mut out = Vec::new();
    for chunk in xhs_ids.chunks(5_000) {
        out.extend(on!(&mut ex, |db| {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT a.xhs_id, a.id FROM xhs_accounts a WHERE EXISTS (SELECT 1 FROM bindings b WHERE b.account_id = a.id AND b.enterprise_id = ",
            );
            qb.push_bind(enterprise_id);
            qb.push(") AND a.xhs_id IN (");
            let mut sep = qb.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            qb.push(")");
            qb.build_query_as::<(String, i64)>().fetch_all(db).await
        })?);
    }
    Ok(out)
}
