// The invitations feature's strings, kept beside its code; merged with the others into the app's one
// dictionary by ui/src/i18n/parts.ts. en must hold exactly the keys of zh (the type says so).
export const zh = {
  "invitations.empty": "暂无绑定邀请",
  "invitations.employeeOnly": "消息通知仅供员工查看和处理自己的绑定邀请",
  "invitations.from": "{brand} 邀请你绑定为员工号",
  "invitations.account": "账号",
  "invitations.invitedAt": "邀请时间",
  "invitations.expiresAt": "截止时间",
  "invitations.remaining": "剩余 {time}",
  "invitations.accept": "接受",
  "invitations.decline": "拒绝",
  "invitations.declineConfirm": "确定拒绝 {brand} 的绑定邀请吗？拒绝后需企业重新发送邀请。",
  "invitations.declined": "已拒绝邀请",
  "invitations.accepted": "已接受邀请，绑定已生效",
  "invitations.acceptTitle": "接受绑定邀请",
  "invitations.acceptHint": "请填写本人姓名与身份证号码，须与企业填写的邀请信息及账号实名信息一致 (B-14)。",
};

export const en: Record<keyof typeof zh, string> = {
  "invitations.empty": "No binding invitations",
  "invitations.employeeOnly": "Notifications are for employees answering their own binding invitations",
  "invitations.from": "{brand} invites you to become a staff account",
  "invitations.account": "Account",
  "invitations.invitedAt": "Invited",
  "invitations.expiresAt": "Expires",
  "invitations.remaining": "{time} left",
  "invitations.accept": "Accept",
  "invitations.decline": "Decline",
  "invitations.declineConfirm": "Decline the binding invitation from {brand}? The enterprise would have to send a new one.",
  "invitations.declined": "Invitation declined",
  "invitations.accepted": "Invitation accepted; the binding is effective",
  "invitations.acceptTitle": "Accept binding invitation",
  "invitations.acceptHint": "Enter your own name and ID number; they must match the invitation and the account's real-name record (B-14).",
};
