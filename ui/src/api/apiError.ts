import type { ApiError } from "../bindings";
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
