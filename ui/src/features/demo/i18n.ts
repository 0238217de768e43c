// The demo feature's strings, kept beside its code; merged with the others into the app's one
// dictionary by ui/src/i18n/parts.ts. en must hold exactly the keys of zh (the type says so).
export const zh = {
  "demo.emptyTitle": "还没有数据",
  "demo.emptyHint": "创建您的品牌，录入门店和用户后即可开始；或载入一个演示品牌（门店、员工、账号与笔记），体验全部功能。",
  "demo.load": "载入演示数据",
  "demo.loading": "正在生成演示数据…",
  "demo.loaded": "已载入演示数据：{brand} 等 {brands} 个品牌（共 {stores} 家门店，{staff} 名员工，{notes} 篇笔记）",
};

export const en: Record<keyof typeof zh, string> = {
  "demo.emptyTitle": "No data yet",
  "demo.emptyHint": "Create your brand and add its stores and users to start; or load a demo brand (stores, staff, accounts and notes) to try every feature.",
  "demo.load": "Load demo data",
  "demo.loading": "Generating demo data…",
  "demo.loaded": "Demo data loaded: {brand} and {others} more brand(s) ({stores} stores, {staff} staff, {notes} notes in all)",
};
