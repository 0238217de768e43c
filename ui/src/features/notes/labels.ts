import type { Field, FileFormat, ImportRow, JobProgress, NoteQuery, RuleSetting } from "../../api/commands.gen";
import type { Lang } from "../../i18n/LanguageProvider";
import type { MessageKey } from "../../i18n/zh";

/** The deck's numbers, used until the brand's rule settings arrive (they are settings, not constants). */
export const DEFAULT_MAX_AGE_DAYS = 90;

export const EMPTY_QUERY: NoteQuery = {
  keyword: null,
  staff_name: null,
  note: null,
  published_from: null,
  published_to: null,
  note_type: null,
  requested_from: null,
  requested_to: null,
};

export const noteTypeKey = (type: string): MessageKey => (type === "video" ? "notes.type.video" : "notes.type.image");
export const NOTE_TYPE_COLOR: Record<string, string> = { video: "purple", image: "cyan" };

export type ReviewState = "none" | "in_review" | "rejected" | "approved";
export const REVIEW_STATES: ReviewState[] = ["none", "in_review", "rejected", "approved"];
export const reviewStateKey = (state: string): MessageKey =>
  (REVIEW_STATES as string[]).includes(state) ? (`notes.state.${state}` as MessageKey) : "notes.state.none";
export const REVIEW_STATE_COLOR: Record<string, string> = {
  none: "default",
  in_review: "processing",
  rejected: "error",
  approved: "success",
};

/** P-1 marketing goals; the core stores them as these Chinese names. */
export const BOOST_GOALS = ["产品种草", "抢占赛道", "商品销量", "客资收集"] as const;
const GOAL_KEYS: Record<(typeof BOOST_GOALS)[number], MessageKey> = {
  产品种草: "boost.goal.seeding",
  抢占赛道: "boost.goal.track",
  商品销量: "boost.goal.sales",
  客资收集: "boost.goal.leads",
};
export function goalLabel(t: (key: MessageKey) => string, goal: string): string {
  const key = GOAL_KEYS[goal as (typeof BOOST_GOALS)[number]];
  return key ? t(key) : goal;
}

export const ASIDE_REASONS = ["unknown_account", "not_bound", "frozen"] as const;
export function asideReasonKey(reason: string): MessageKey | null {
  return (ASIDE_REASONS as readonly string[]).includes(reason) ? (`import.aside.${reason}` as MessageKey) : null;
}

export const fileFormatKey = (format: FileFormat): MessageKey => `import.format.${format}`;

export const importStatusKey = (status: string): MessageKey =>
  ["running", "done", "cancelled", "failed"].includes(status) ? (`import.status.${status}` as MessageKey) : "import.status.failed";
export const IMPORT_STATUS_COLOR: Record<string, string> = {
  running: "processing",
  done: "success",
  cancelled: "warning",
  failed: "error",
};

/** The public page of a note on Xiaohongshu. */
export const noteLink = (noteId: string) => `https://www.xiaohongshu.com/explore/${noteId}`;

/** A rule number for the brand, or the deck's default while settings load or when they are not readable. */
export function ruleValue(settings: RuleSetting[] | undefined, key: string, fallback: number): number {
  return settings?.find((s) => s.key === key)?.value ?? fallback;
}

/**
 * Required fields the mapping leaves out, exactly as the core decides (note_file::missing_fields): a note
 * ID or a note link, then title, type, publish time and 小红书号. `note_id` stands for "ID or link".
 */
export function missingFields(mapping: (Field | null)[]): Field[] {
  const has = (f: Field) => mapping.includes(f);
  const out: Field[] = [];
  if (!has("note_id") && !has("note_link")) out.push("note_id");
  for (const f of ["title", "note_type", "published_at", "xhs_id"] as const) if (!has(f)) out.push(f);
  // interactions come from the file (互动量, or 点赞 + 收藏 + 评论), never taken as 0 (issue 10)
  if (!has("interactions") && !(has("likes") && has("collects") && has("comments"))) out.push("interactions");
  return out;
}

/** The phase of a job in the current language. */
export function jobPhase(job: JobProgress, lang: Lang): string {
  return lang === "en" ? job.phase_en || job.phase : job.phase;
}

export function jobError(job: JobProgress, lang: Lang): string | null {
  return lang === "en" ? (job.error_en ?? job.error) : job.error;
}

export function jobPercent(job: JobProgress): number {
  if (job.state === "done") return 100;
  if (job.total <= 0) return 0;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}

/** The save dialog's chosen name decides the format; a name without a known extension becomes .xlsx. */
export function exportFormat(fileName: string): "xlsx" | "csv" {
  // the save dialog adds .xlsx to a name without a known extension (the Rust side, pick_save_file)
  return /\.csv$/i.test(fileName) ? "csv" : "xlsx";
}

/** Today as YYYY-MM-DD in local time, for default file names. */
export function todayStamp(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
}

/** Why an import failed, in the window's language (imports that failed before English was kept: Chinese). */
export function importError(imp: Pick<ImportRow, "error" | "error_en">, lang: Lang): string | null {
  return (lang === "en" ? (imp.error_en ?? imp.error) : imp.error) ?? null;
}
