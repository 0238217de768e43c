// The rules feature's strings, kept beside its code; merged with the others into the app's one
// dictionary by ui/src/i18n/parts.ts. en must hold exactly the keys of zh (the type says so).
export const zh = {
  "rules.ruleId": "规则编号",
  "rules.label": "规则",
  "rules.value": "当前值",
  "rules.unit": "单位",
  "rules.default": "默认值",
  "rules.updated": "最近修改",
  "rules.never": "未修改",
  "rules.change": "修改",
  "rules.readOnly": "当前身份只能查看规则，修改需要系统管理员或品牌市场身份。",
  "rules.empty": "暂无规则设置",
  "rules.modalTitle": "修改规则：{label}",
  "rules.modalChange": "{from} → {to} {unit}",
  "rules.reason": "修改原因",
  "rules.reasonRequired": "请填写修改原因",
  "rules.reasonPlaceholder": "例如：平台 2025 年调整了该规则",
  "rules.saved": "规则已更新",
};

export const en: Record<keyof typeof zh, string> = {
  "rules.ruleId": "Rule",
  "rules.label": "Setting",
  "rules.value": "Value",
  "rules.unit": "Unit",
  "rules.default": "Default",
  "rules.updated": "Last changed",
  "rules.never": "Never",
  "rules.change": "Change",
  "rules.readOnly": "You can only view rules; changing them needs the Administrator or Brand marketing role.",
  "rules.empty": "No rule settings",
  "rules.modalTitle": "Change rule: {label}",
  "rules.modalChange": "{from} → {to} {unit}",
  "rules.reason": "Reason",
  "rules.reasonRequired": "Please give a reason",
  "rules.reasonPlaceholder": "e.g. the platform changed this rule in 2025",
  "rules.saved": "Rule updated",
};
