import type { ApiError } from "./commands.gen";
import type { Lang } from "../i18n/LanguageProvider";

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).message === "string"
  );
}

/** The text to show for any thrown value: the ApiError's message in the current language. */
export function errorText(error: unknown, lang: Lang, fallback: string): string {
  if (isApiError(error)) return lang === "en" ? error.message_en || error.message : error.message;
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return fallback;
}

/** The instant a refusal lifts (`details.available_from`, Beijing time with offset), when it has one. */
export function availableFrom(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const details = error.details;
  if (typeof details !== "object" || details === null || Array.isArray(details)) return null;
  const from = (details as Record<string, unknown>).available_from;
  return typeof from === "string" && from ? from : null;
}
