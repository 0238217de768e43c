// Chinese resident ID numbers (居民身份证号码) per GB 11643-1999 (B-10), ported from
// src-tauri/kos-core/src/idcard.rs: same checks, same order, same messages. The core validates again.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"];

/** Province-level prefixes (first two digits) in use. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);

export type IdCardError = "length" | "characters" | "region" | "birthDate" | "checkDigit";

export const ID_CARD_MESSAGES: Record<IdCardError, { zh: string; en: string }> = {
  length: { zh: "身份证号码应为 18 位", en: "An ID number has 18 characters" },
  characters: {
    zh: "身份证号码前 17 位须为数字，最后一位为数字或 X",
    en: "The first 17 characters must be digits and the last a digit or X",
  },
  region: { zh: "身份证号码的地区码无效", en: "The region code of the ID number is not valid" },
  birthDate: { zh: "身份证号码中的出生日期无效", en: "The birth date in the ID number is not valid" },
  checkDigit: { zh: "身份证号码校验位不正确，请核对", en: "The check character of the ID number is wrong" },
};

export type IdCardResult = { ok: true; id: string } | { ok: false; error: IdCardError };

/** The MOD 11-2 check character for the first 17 digits. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** "YYYYMMDD" as a calendar date that exists, from 1900-01-01 up to `today`. */
function validBirthDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return y >= 1900 && date.getTime() <= todayUtc;
}

/** Trims, upper-cases a trailing x and validates; `today` bounds the birth date. */
export function validateIdNumber(raw: string, today: Date = new Date()): IdCardResult {
  const id = raw.trim().toUpperCase();
  if ([...id].length !== 18) return { ok: false, error: "length" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: "characters" };
  if (!PROVINCES.has(Number(id.slice(0, 2))) || id.slice(2, 6) === "0000") return { ok: false, error: "region" };
  if (!validBirthDate(id.slice(6, 14), today)) return { ok: false, error: "birthDate" };
  if (checkChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: "checkDigit" };
  return { ok: true, id };
}

/**
 * For the form while typing: reports a wrong character or region as soon as it is typed, then the
 * length until all 18 are there, then the full check. `null` for an empty field.
 */
export function liveIdCheck(raw: string, today: Date = new Date()): IdCardResult | null {
  const id = raw.trim().toUpperCase();
  if (id === "") return null;
  if (id.length < 18) {
    if (!/^\d*$/.test(id)) return { ok: false, error: "characters" };
    if (id.length >= 2 && !PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, error: "region" };
    if (id.length >= 6 && id.slice(2, 6) === "0000") return { ok: false, error: "region" };
    return { ok: false, error: "length" };
  }
  return validateIdNumber(id, today);
}

/** Display form: the last 4 characters only (`**************002X`), as the core stores it. */
export function maskIdNumber(id: string): string {
  if (id.length !== 18) return "*".repeat(id.length);
  return `${"*".repeat(14)}${id.slice(14)}`;
}

/** Builds a valid ID number (tests and examples). */
export function composeIdNumber(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence % 1000).padStart(3, "0")}`;
  return first17 + checkChar(first17);
}
