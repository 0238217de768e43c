import type { KeyboardEvent } from "react";

/**
 * Runs `action` on Enter, but not on the Enter that confirms an IME candidate (Chinese pinyin input):
 * Chromium and Firefox flag that keydown `isComposing`; WebKit (the Tauri window on macOS and Linux) ends
 * the composition first and sends the keydown with keyCode 229.
 */
export function onEnterUnlessComposing(action: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== "Enter") return;
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    action();
  };
}
