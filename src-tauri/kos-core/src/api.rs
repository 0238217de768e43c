//! The one command surface. `kos_commands!` lists every command once; the Tauri shell generates its
//! IPC commands (and `ui/src/bindings.ts`) from it, and `dispatch` serves the CLI's `kos-desk call` and
//! any later door. A command is `name(Args) -> Output`, run as an `Actor`.

use serde::Serialize;

use crate::authz::Actor;
use crate::error::{CoreError, CoreResult};
use crate::service::Service;

/// Calls `$callback!` with the full command list. Each entry: doc lines, `name(ArgsType) -> OutputType;`
/// where `Service::name(&self, &Actor, ArgsType) -> CoreResult<OutputType>` exists.
#[macro_export]
macro_rules! kos_commands {
    ($callback:ident) => {
        $callback! {
            /// Version, database path, schema version, row counts; `empty` when no enterprise exists yet.
            app_info($crate::service::NoArgs) -> $crate::service::AppInfo;
            /// The acting user and the brands they may act on.
            session_get($crate::service::NoArgs) -> $crate::service::Session;
            /// Switch who acts on this machine (remembered across starts).
            session_switch($crate::service::SwitchActorArgs) -> $crate::service::Session;
            /// Users who can be picked as the acting user.
            list_users($crate::service::NoArgs) -> Vec<$crate::service::UserSummary>;
            /// Load the demo brand into an empty database (administrator).
            load_demo($crate::service::LoadDemoArgs) -> $crate::service::DemoSummary;
            /// Brands the actor reaches.
            list_enterprises($crate::service::NoArgs) -> Vec<$crate::store::enterprises::EnterpriseSummary>;
            /// A brand at a glance: facts, counts, notes per month.
            enterprise_overview($crate::service::EnterpriseArgs) -> $crate::service::Overview;
            /// A brand's stores (store managers: their own).
            list_stores($crate::service::EnterpriseArgs) -> Vec<$crate::store::stores::StoreRow>;
            /// A brand's current staff, one keyset page at a time.
            list_staff($crate::service::ListStaffArgs) -> $crate::store::paging::Page<$crate::store::staff::StaffRow>;
            /// Rule numbers in force (brand overrides, installation values, the deck's defaults).
            get_rule_settings($crate::service::RuleSettingsArgs) -> Vec<$crate::service::RuleSetting>;
            /// Change a rule number with a reason (administrator); recorded in history.
            update_rule_setting($crate::service::UpdateRuleSettingArgs) -> $crate::service::RuleSetting;
            /// The append-only history of state changes, newest first.
            list_history($crate::service::ListHistoryArgs) -> $crate::store::paging::Page<$crate::store::history::HistoryRow>;
        }
    };
}

/// A command's name, argument and result types, and what it does.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CommandInfo {
    pub name: &'static str,
    pub args: String,
    pub result: String,
    pub doc: &'static str,
}

/// `$crate :: store :: paging :: Page < $crate :: store :: staff :: StaffRow >` → `Page<StaffRow>`.
fn short_type(t: &str) -> String {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::new();
    let mut segment = String::new();
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            segment.clear();
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            segment.push(c);
        } else {
            out.push_str(&segment);
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(&segment);
    out
}

macro_rules! define_dispatch {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty; )*) => {
        /// Runs the named command with JSON arguments as `actor` and returns its JSON result.
        pub async fn dispatch(svc: &Service, actor: &Actor, name: &str, args: serde_json::Value) -> CoreResult<serde_json::Value> {
            let args = if args.is_null() { serde_json::json!({}) } else { args };
            match name {
                $(stringify!($name) => {
                    let parsed: $args = serde_json::from_value(args).map_err(bad_args)?;
                    let out = svc.$name(actor, parsed).await?;
                    serde_json::to_value(out).map_err(|e| CoreError::invalid("result", e.to_string(), e.to_string()))
                })*
                _ => Err(CoreError::UnknownCommand(name.to_string())),
            }
        }

        /// Every command, in the order of `kos_commands!`.
        pub fn commands() -> Vec<CommandInfo> {
            vec![$(CommandInfo {
                name: stringify!($name),
                args: short_type(stringify!($args)),
                result: short_type(stringify!($out)),
                doc: concat!($($doc),*).trim_ascii(),
            }),*]
        }
    };
}

kos_commands!(define_dispatch);

fn bad_args(e: serde_json::Error) -> CoreError {
    CoreError::invalid("args", format!("参数格式不正确：{e}"), format!("Bad arguments: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_command_with_short_types() {
        let all = commands();
        assert!(all.len() >= 12);
        let staff = all.iter().find(|c| c.name == "list_staff").unwrap();
        assert_eq!(staff.args, "ListStaffArgs");
        assert_eq!(staff.result, "Page<StaffRow>");
        assert!(!staff.doc.is_empty());
        for (i, c) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|o| o.name != c.name), "duplicate {}", c.name);
        }
    }
}
