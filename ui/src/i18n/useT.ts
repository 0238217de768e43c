import { useContext } from "react";
import { LanguageContext } from "./LanguageProvider";

function useLanguageState() {
  const state = useContext(LanguageContext);
  if (!state) throw new Error("useT must be used inside <LanguageProvider>");
  return state;
}

/** The translate function for the current language. */
export function useT() {
  return useLanguageState().t;
}

/** The current language and its setter. */
export function useLang() {
  const { lang, setLang } = useLanguageState();
  return { lang, setLang };
}
