// Test data for the binding walk-through: demo data loaded through the CLI door, an employment proof as a
// real PNG file, and a valid GB 11643 ID number for a new staff member.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { binary } from "./harness.mjs";

/** Loads the demo brand into the app-data database of `env` through `kos-desk demo`. */
export function loadDemo(env) {
  const out = execFileSync(binary, ["demo"], { env, encoding: "utf8" });
  return JSON.parse(out);
}

/** The database file the window will open for `env` (the app-data default). */
export function dbPath(env) {
  return join(env.XDG_DATA_HOME, "com.kosdesk.desk", "kos-desk.db");
}

/**
 * An account of the demo that was never bound, has no shop, a bound phone (B-2) and no real-name record
 * yet: a new hire's fresh Xiaohongshu account, the one the walk-through binds. Read with Python's sqlite3, test set-up only.
 */
export function freeAccount(env) {
  const sql = `SELECT xhs_id FROM xhs_accounts a
    WHERE has_shop = 0 AND phone_bound = 1 AND real_name_hmac IS NULL AND NOT EXISTS (SELECT 1 FROM bindings b WHERE b.account_id = a.id)
    ORDER BY id LIMIT 1`;
  const py = `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchone(); print(r[0] if r else "")`;
  const id = execFileSync("python3", ["-c", py, dbPath(env), sql], { encoding: "utf8" }).trim();
  if (!id) throw new Error("the demo data has no free account to bind");
  return id;
}

/** A valid 18-character ID number (GB 11643-1999, ISO 7064 MOD 11-2). */
export function idNumber(region, birth, seq) {
  const first17 = `${region}${birth}${String(seq).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** A scanned-looking 在职证明 as PNG, drawn with ImageMagick. */
export function proofPng(dir, name) {
  const file = join(dir, "employment-proof.png"); // ASCII: typed into the native dialog by xdotool
  const font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  execFileSync("/usr/bin/convert", [
    "-size", "620x820", "xc:#fbfaf6", "-font", font, "-fill", "#222",
    "-pointsize", "34", "-gravity", "north", "-annotate", "+0+60", "在 职 证 明",
    "-pointsize", "19", "-gravity", "northwest",
    "-annotate", "+60+160", `兹证明 ${name} 同志自 2024 年 3 月起在我司`,
    "-annotate", "+60+195", "悦家家政服务·陆家嘴店担任导购一职，至今在职。",
    "-annotate", "+60+230", "特此证明。",
    "-annotate", "+330+620", "悦家家政服务有限公司 人事部",
    "-annotate", "+380+655", "2026 年 11 月 20 日",
    "-fill", "none", "-stroke", "#d22", "-strokewidth", "4", "-draw", "circle 470,630 470,560",
    file,
  ]);
  return file;
}

/**
 * A two-page labour contract as a real PDF (B-10 validates proofs as whole files), written by hand: English
 * text in the standard Helvetica font, a Chinese heading in STSong-Light, not embedded, as many generated
 * Chinese contracts have it (the viewer then needs the GB character maps the app ships), and a red stamp
 * drawn with curves, so a rendered page is visibly not blank. The file name is ASCII for the native dialog.
 */
export function proofPdf(dir, holder, holderZh) {
  const file = join(dir, "labour-contract.pdf");
  const text = (x, y, size, s) => `BT /F1 ${size} Tf ${x} ${y} Td (${s.replace(/[()\\]/g, "\\$&")}) Tj ET`;
  const ucs2 = (s) => [...s].map((c) => c.codePointAt(0).toString(16).padStart(4, "0")).join("");
  const chinese = (x, y, size, s) => `BT /F2 ${size} Tf ${x} ${y} Td <${ucs2(s)}> Tj ET`;
  const stamp = (cx, cy, r) => {
    const k = 0.5523 * r;
    return [
      "1 0 0 RG 4 w",
      `${cx + r} ${cy} m`,
      `${cx + r} ${cy + k} ${cx + k} ${cy + r} ${cx} ${cy + r} c`,
      `${cx - k} ${cy + r} ${cx - r} ${cy + k} ${cx - r} ${cy} c`,
      `${cx - r} ${cy - k} ${cx - k} ${cy - r} ${cx} ${cy - r} c`,
      `${cx + k} ${cy - r} ${cx + r} ${cy - k} ${cx + r} ${cy} c S`,
    ].join("\n");
  };
  const pages = [
    [
      chinese(72, 780, 26, "劳动合同"),
      text(72, 750, 16, "Labour Contract"),
      chinese(72, 720, 13, `员工：${holderZh}`),
      text(200, 720, 13, `Employee: ${holder}`),
      text(72, 700, 13, "Employer: Yuejia Home Services Co., Ltd. - Lujiazui store"),
      text(72, 680, 13, "Position: shop assistant, from March 2024, open-ended term."),
      "0.2 0.2 0.2 RG 1 w 72 660 m 523 660 l S",
      ...Array.from({ length: 18 }, (_, i) => text(72, 630 - i * 22, 11, `Article ${i + 1}. The parties agree to the terms set out in this clause.`)),
      text(460, 60, 10, "Page 1 of 2"),
    ],
    [
      text(72, 760, 16, "Signatures"),
      text(72, 700, 12, `Employee: ${holder}`),
      text(320, 700, 12, "Employer (seal):"),
      stamp(420, 620, 60),
      text(380, 615, 12, "HR Department"),
      text(72, 560, 12, "Date: 2026-11-20"),
      text(460, 60, 10, "Page 2 of 2"),
    ],
  ];
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 6 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  ];
  const kids = [];
  for (const lines of pages) {
    const content = lines.join("\n");
    objects.push(`<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`);
    const contentId = objects.length;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contentId} 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${kids.length} >>`;
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(file, out, "latin1");
  return file;
}

/** 小红书号 of accounts bound to the demo brand for at least `days` days (test set-up only). */
export function boundAccounts(env, days = 20) {
  const sql = `SELECT a.xhs_id FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
    WHERE b.enterprise_id = 1 AND b.status = 'active' AND b.effective_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-${days} days')
    ORDER BY a.id LIMIT 12`;
  const py = `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\\n".join(r[0] for r in c.execute(sys.argv[2])))`;
  const ids = execFileSync("python3", ["-c", py, dbPath(env), sql], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  if (ids.length < 3) throw new Error("the demo data has too few bound accounts");
  return ids;
}

/**
 * A platform note export as the 小红书 data center writes it (UTF-8 with BOM, Chinese headers): notes of
 * the given accounts published in the last days, one by an account the brand does not know, one bad row.
 */
export function noteExportCsv(dir, accounts) {
  const beijing = (msAgo) => new Date(Date.now() + 8 * 3600_000 - msAgo).toISOString().slice(0, 16).replace("T", " ");
  const titles = ["鑫淼上门保洁 厨房深度清洁实录", "鑫淼月嫂日记 新生儿护理经验", "鑫淼收纳整理 衣柜改造前后对比", "鑫淼开荒保洁 新房入住前必做"];
  const lines = ["笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享,涨粉,阅读UV,平均浏览时长,视频5s播放率,图文3s阅读率"];
  for (let i = 0; i < 24; i++) {
    const id = (0x6741f00000n + BigInt(i)).toString(16).padStart(24, "0");
    const video = i % 3 === 0;
    lines.push(
      [id, `${titles[i % titles.length]} 第${i + 1}篇`, video ? "视频笔记" : "图文笔记", beijing((i + 1) * 5 * 3600_000),
        accounts[i % accounts.length], 1500 + i * 731, 600 + i * 211, 3 + ((i * 7) % 40), 2 + (i % 9), (i * 3) % 11, i % 4, i % 3,
        500 + i * 90, `${20 + (i % 30)}.5`, video ? `${30 + i}%` : "", video ? "" : `${40 + i}%`].join(","),
    );
  }
  lines.push(["6741f0ffff00000000000001", "不认识的账号的笔记", "图文", beijing(3600_000), "unknown-xhs-0001", 10, 5, 1, 0, 0, 0, 0, 3, "5", "", "20%"].join(","));
  lines.push(["6741f0ffff00000000000002", "发布时间写错的一行", "图文", "昨天下午", accounts[0], 10, 5, 1, 0, 0, 0, 0, 3, "5", "", "20%"].join(","));
  // an ASCII name: xdotool types the path into GTK's file dialog and drops CJK keysyms now and then
  const file = join(dir, "xiaohongshu-note-export.csv");
  writeFileSync(file, "\ufeff" + lines.join("\r\n") + "\r\n");
  return file;
}
