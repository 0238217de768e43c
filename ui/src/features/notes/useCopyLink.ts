import { App } from "antd";
import { useCallback } from "react";
import { copyText } from "../../components/copyText";
import { useT } from "../../i18n/useT";
import { noteLink } from "./labels";

/** 复制笔记链接: the note's public link on the clipboard, or shown to copy by hand if the webview refuses. */
export function useCopyLink() {
  const t = useT();
  const { message } = App.useApp();
  return useCallback(
    async (noteId: string) => {
      const link = noteLink(noteId);
      if (await copyText(link)) void message.success(t("notes.linkCopied"));
      else void message.info(t("notes.linkCopyFailed", { link }));
    },
    [message, t],
  );
}
