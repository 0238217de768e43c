// The phone pages' strings (U-5), kept beside their code; merged into the app's one dictionary by
// ui/src/i18n/parts.ts. en must hold exactly the keys of zh (the type says so).
export const zh = {
  "phone.app": "KOS 工作台",
  "phone.loginTitle": "登录 KOS 工作台",
  "phone.loginHint": "使用管理员为你设立的用户名和密码登录。登录后一个工作日（12 小时）内无需再次登录。",
  "phone.loginFailed": "登录失败",
  "phone.signedInAs": "{name} · {role}",
  "phone.logout": "退出",
  "phone.nothingHere": "手机端为管理层（领导看板）和员工（我的数据、消息通知）提供；其他工作请在电脑上的 KOS 工作台完成。",
  "phone.tabs": "页面",
};

export const en: Record<keyof typeof zh, string> = {
  "phone.app": "KOS Desk",
  "phone.loginTitle": "Sign in to KOS Desk",
  "phone.loginHint": "Use the user name and password your administrator set up. You stay signed in for a working day (12 hours).",
  "phone.loginFailed": "Sign-in failed",
  "phone.signedInAs": "{name} · {role}",
  "phone.logout": "Sign out",
  "phone.nothingHere": "On a phone, KOS Desk serves leaders (the leader board) and employees (my data, notifications); do other work in KOS Desk on a computer.",
  "phone.tabs": "Pages",
};
