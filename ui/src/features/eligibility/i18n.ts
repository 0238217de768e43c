// The eligibility feature's strings, kept beside its code; merged with the others into the app's one
// dictionary by ui/src/i18n/parts.ts. en must hold exactly the keys of zh (the type says so).
export const zh = {
  "eligibility.title": "绑定员工账号基本条件",
  "eligibility.ok": "已满足全部条件，可以发送绑定邀请",
  "eligibility.notOk": "暂不满足条件，不能发送新的绑定邀请",
  "eligibility.blockedUntil": "恢复邀请资格：",
  "eligibility.check": "条件",
  "eligibility.result": "结果",
  "eligibility.detail": "说明",
  "eligibility.rule": "规则",
  "eligibility.passed": "通过",
  "eligibility.failed": "未通过",
  "eligibility.usage": "员工账号用量",
  "eligibility.usageText": "已用 {used} / 上限 {cap}",
  "eligibility.usageHint": "含待接受的邀请；上限由平台设定，请咨询销售经理 (B-3)",
};

export const en: Record<keyof typeof zh, string> = {
  "eligibility.title": "Conditions for binding staff accounts",
  "eligibility.ok": "All conditions hold: binding invitations can be sent",
  "eligibility.notOk": "Not all conditions hold: no new binding invitations can be sent",
  "eligibility.blockedUntil": "Invitations possible again:",
  "eligibility.check": "Condition",
  "eligibility.result": "Result",
  "eligibility.detail": "Detail",
  "eligibility.rule": "Rule",
  "eligibility.passed": "Passed",
  "eligibility.failed": "Failed",
  "eligibility.usage": "Staff accounts used",
  "eligibility.usageText": "{used} used / cap {cap}",
  "eligibility.usageHint": "Pending invitations included; the platform sets the cap, ask your sales manager (B-3)",
};
