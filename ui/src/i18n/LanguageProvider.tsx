import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { en } from "./en";
import { zh, type MessageKey } from "./zh";

export type Lang = "zh-CN" | "en";
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LANG_STORAGE_KEY = "kos.lang";

type LanguageState = { lang: Lang; setLang: (lang: Lang) => void; t: Translate };

export const LanguageContext = createContext<LanguageState | null>(null);

function readStoredLang(): Lang {
  return localStorage.getItem(LANG_STORAGE_KEY) === "en" ? "en" : "zh-CN";
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = (lang === "en" ? en : zh)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_STORAGE_KEY, next);
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    const title = translate(lang, "app.name");
    document.title = title;
    // the native title bar follows the language too (capability core:window:allow-set-title)
    try {
      getCurrentWindow().setTitle(title).catch(() => {});
    } catch {
      // not inside a Tauri window (unit tests, a plain browser)
    }
  }, [lang]);

  const value = useMemo<LanguageState>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}
