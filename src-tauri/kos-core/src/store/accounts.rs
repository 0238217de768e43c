use super::ex::Ex;
use crate::on;

use crate::error::CoreResult;

pub struct NewAccount<'a> {
    pub xhs_id: &'a str,
    pub nickname: &'a str,
    pub followers: i64,
    pub has_shop: bool,
    pub phone_bound: bool,
    pub real_name_hmac: Option<String>,
    pub third_party_logins: String,
    pub owner_staff_id: Option<i64>,
    pub created_at: String,
}

pub async fn insert(ex: impl Into<Ex<'_>>, a: &NewAccount<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO xhs_accounts (xhs_id, nickname, followers, has_shop, phone_bound, real_name_hmac,
                                   third_party_logins, owner_staff_id, created_at, followers_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, substr($9, 1, 10)) RETURNING id",
    )
    .bind(a.xhs_id)
    .bind(a.nickname)
    .bind(a.followers)
    .bind(a.has_shop)
    .bind(a.phone_bound)
    .bind(&a.real_name_hmac)
    .bind(&a.third_party_logins)
    .bind(a.owner_staff_id)
    .bind(&a.created_at)
    .fetch_one(c)
    .await)?)
}

/// What the platform says of an account beyond the register's form: its real-name record (B-22, an HMAC, set
/// once) and the third-party logins (a JSON list of names).
pub async fn update_platform_facts(
    ex: impl Into<Ex<'_>>,
    id: i64,
    real_name_hmac: Option<&str>,
    third_party_logins: &str,
) -> CoreResult<()> {
    on!(ex, |c| sqlx::query(
        "UPDATE xhs_accounts SET real_name_hmac = COALESCE(real_name_hmac, $1), third_party_logins = $2 WHERE id = $3",
    )
    .bind(real_name_hmac)
    .bind(third_party_logins)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn count(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM xhs_accounts").fetch_one(c).await)?)
}

/// Accounts that ever had a binding with the brand (invited, bound or ended).
pub async fn count_for_enterprise(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(DISTINCT account_id) FROM bindings WHERE enterprise_id = $1")
        .bind(enterprise_id)
        .fetch_one(c)
        .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct AccountRecord {
    pub id: i64,
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    pub has_shop: bool,
    pub phone_bound: bool,
    pub real_name_hmac: Option<String>,
    pub owner_staff_id: Option<i64>,
}

const SELECT: &str =
    "SELECT id, xhs_id, nickname, followers, has_shop, phone_bound, real_name_hmac, owner_staff_id FROM xhs_accounts";

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<AccountRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// By 小红书号.
pub async fn get_by_xhs_id(ex: impl Into<Ex<'_>>, xhs_id: &str) -> CoreResult<Option<AccountRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE xhs_id = $1")))
        .bind(xhs_id)
        .fetch_optional(c)
        .await)?)
}

/// Records the real-name verification an enterprise staff account gets when it is opened (B-22).
pub async fn update_real_name(ex: impl Into<Ex<'_>>, id: i64, real_name_hmac: &str) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("UPDATE xhs_accounts SET real_name_hmac = $1 WHERE id = $2 AND real_name_hmac IS NULL")
        .bind(real_name_hmac)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Which of these 小红书号 belong to a known account.
pub async fn list_known_xhs_ids<'a>(
    ex: impl Into<Ex<'_>>,
    xhs_ids: impl Iterator<Item = &'a str>,
) -> CoreResult<std::collections::HashSet<String>> {
    let mut ex = ex.into();
    let ids: Vec<&str> = xhs_ids.collect();
    let mut known = std::collections::HashSet::new();
    for chunk in ids.chunks(5_000) {
        known.extend(on!(&mut ex, |db| {
            let mut qb = sqlx::QueryBuilder::new("SELECT xhs_id FROM xhs_accounts WHERE xhs_id IN (");
            let mut sep = qb.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            qb.push(")");
            qb.build_query_scalar::<String>().fetch_all(db).await
        })?);
    }
    Ok(known)
}
