use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::{record, Event, Service};
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult};
use crate::rules::{self, RuleDef};
use crate::store;

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct RuleSetting {
    pub key: String,
    pub value: i64,
    pub default_value: i64,
    pub unit_zh: String,
    pub unit_en: String,
    pub label_zh: String,
    pub label_en: String,
    /// SPEC rule the number belongs to, e.g. "B-13"
    pub rule_id: String,
    pub min: i64,
    pub max: i64,
    /// set for this brand only (else the installation default is in force)
    pub brand_override: bool,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RuleSettingsArgs {
    /// `null`: the installation defaults
    pub enterprise_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct UpdateRuleSettingArgs {
    /// `null`: change the installation default; a brand: override it for that brand only
    pub enterprise_id: Option<i64>,
    pub key: String,
    pub value: i64,
    pub reason: String,
}

fn view(def: &RuleDef, rec: Option<&store::settings::SettingRecord>) -> RuleSetting {
    RuleSetting {
        key: def.key.into(),
        value: rec.map_or(def.default, |r| r.value),
        default_value: def.default,
        unit_zh: def.unit_zh.into(),
        unit_en: def.unit_en.into(),
        label_zh: def.label_zh.into(),
        label_en: def.label_en.into(),
        rule_id: def.rule_id.into(),
        min: def.min,
        max: def.max,
        brand_override: rec.is_some_and(|r| r.enterprise_id.is_some()),
        updated_at: rec.map(|r| r.set_at.clone()),
        updated_by: rec.and_then(|r| r.set_by_name.clone()),
    }
}

impl Service {
    /// The value in force for a rule number: the brand's override, else the installation's, else the
    /// deck's default.
    pub async fn rule_value(&self, enterprise_id: Option<i64>, key: &str) -> CoreResult<i64> {
        let def = rules::find(key).ok_or_else(|| CoreError::not_found("setting", key))?;
        let recs = store::settings::list_in_force(self.db.pool(), enterprise_id).await?;
        Ok(recs.iter().find(|r| r.key == key).map_or(def.default, |r| r.value))
    }

    pub async fn get_rule_settings(&self, actor: &Actor, args: RuleSettingsArgs) -> CoreResult<Vec<RuleSetting>> {
        if let Some(id) = args.enterprise_id {
            actor.require_in(Permission::ViewEnterprise, id)?;
        }
        let recs = store::settings::list_in_force(self.db.pool(), args.enterprise_id).await?;
        Ok(rules::RULES.iter().map(|d| view(d, recs.iter().find(|r| r.key == d.key))).collect())
    }

    /// Sets a rule number (a new version; the old stays in the table and in history).
    pub async fn update_rule_setting(&self, actor: &Actor, args: UpdateRuleSettingArgs) -> CoreResult<RuleSetting> {
        actor.require(Permission::EditRuleSettings)?;
        let def = rules::find(&args.key).ok_or_else(|| CoreError::not_found("setting", &args.key))?;
        if let Some(id) = args.enterprise_id {
            actor.require_in(Permission::EditRuleSettings, id)?;
            self.enterprise_detail(id).await?;
        }
        let reason = args.reason.trim();
        if reason.is_empty() {
            return Err(CoreError::invalid("reason", "请填写修改原因", "Give a reason for the change"));
        }
        if args.value < def.min || args.value > def.max {
            return Err(CoreError::invalid(
                "value",
                format!("「{}」的取值范围是 {} 到 {}", def.label_zh, def.min, def.max),
                format!("\"{}\" must be between {} and {}", def.label_en, def.min, def.max),
            ));
        }
        let before = self.rule_value(args.enterprise_id, def.key).await?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        store::settings::insert(
            &mut *tx,
            &store::settings::NewSetting {
                enterprise_id: args.enterprise_id,
                key: def.key,
                value: args.value,
                set_by: actor.user_id,
                set_at: now.clone(),
                reason,
            },
        )
        .await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: args.enterprise_id,
                entity_type: "rule_setting",
                entity_id: def.key.into(),
                action: "update",
                summary_zh: format!("{}（{}）：{} → {}{}", def.label_zh, def.rule_id, before, args.value, def.unit_zh),
                summary_en: format!("{} ({}): {} → {} {}", def.label_en, def.rule_id, before, args.value, def.unit_en),
                reason: Some(reason),
                before: Some(json!({ "value": before })),
                after: Some(json!({ "value": args.value })),
            },
        )
        .await?;
        tx.commit().await?;
        let recs = store::settings::list_in_force(self.db.pool(), args.enterprise_id).await?;
        Ok(view(def, recs.iter().find(|r| r.key == def.key)))
    }
}
