// The calendar feature's strings, kept beside its code; merged with the others into the app's one
// dictionary by ui/src/i18n/parts.ts. en must hold exactly the keys of zh (the type says so).
export const zh = {
  "calendar.kind.invitation_expires": "邀请失效",
  "calendar.kind.personal_unbindable": "个人号可解绑",
  "calendar.kind.rebindable_by_others": "其他企业可再授权",
  "calendar.kind.invite_ban_ends": "禁邀结束",
  "calendar.upcoming": "即将到来（未来 90 天）",
  "calendar.date": "日期",
  "calendar.what": "事项",
  "calendar.who": "员工",
  "calendar.empty": "未来 90 天没有到期事项",
  "calendar.more": "还有 {count} 项",
};

export const en: Record<keyof typeof zh, string> = {
  "calendar.kind.invitation_expires": "Invitation expires",
  "calendar.kind.personal_unbindable": "Personal account can be unbound",
  "calendar.kind.rebindable_by_others": "Others may authorize again",
  "calendar.kind.invite_ban_ends": "Invitation ban ends",
  "calendar.upcoming": "Coming up (next 90 days)",
  "calendar.date": "Date",
  "calendar.what": "What",
  "calendar.who": "Staff",
  "calendar.empty": "Nothing due in the next 90 days",
  "calendar.more": "{count} more",
};
