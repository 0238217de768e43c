import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

const OFFER = { version: "0.2.0", date: "2026-12-01T08:00:00Z", notes: "新增：启动时检查更新。\n修复：导入进度。" };

describe("updates (issue 15 item 3)", () => {
  it("a newer version shows its notice; 下载并在下次启动时安装 downloads, then says it installs at the next start", async () => {
    const core = installFakeCore({ overrides: { get_rule_settings: () => [] }, update: { phase: "available", offer: OFFER } });
    renderApp();
    const notice = await screen.findByTestId("update-notice");
    expect(notice).toHaveTextContent("发现新版本 0.2.0");
    expect(notice).toHaveTextContent("发布日期 2026-12-01");
    expect(within(notice).getByTestId("update-notes").textContent).toBe(OFFER.notes);
    expect(notice).toHaveTextContent("安装在下次启动、窗口打开之前进行");
    fireEvent.click(within(notice).getByTestId("update-download"));
    await waitFor(() => expect(core.callsOf("update_download")).toHaveLength(1));
    expect(await screen.findByTestId("update-staged", {}, { timeout: 5000 })).toHaveTextContent("更新 0.2.0 已下载，下次启动时安装");
    expect(screen.queryByTestId("update-notice")).toBeNull();
  });

  it("以后再说 closes the notice; the header's button opens it again; a refused download is a toast, not a modal", async () => {
    const core = installFakeCore({
      overrides: {
        get_rule_settings: () => [],
        update_download: () => {
          throw apiError("import_running", "有导入正在进行（本窗口或命令行），导入结束后再下载更新", "An import is running");
        },
      },
      update: { phase: "available", offer: OFFER },
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("update-later"));
    await waitFor(() => expect(screen.queryByTestId("update-notice")).toBeNull());
    expect(core.callsOf("update_dismiss")).toHaveLength(1);
    fireEvent.click(await screen.findByTestId("update-reopen"));
    fireEvent.click(within(await screen.findByTestId("update-notice")).getByTestId("update-download"));
    expect(await screen.findByText("有导入正在进行（本窗口或命令行），导入结束后再下载更新")).toBeInTheDocument();
    expect(document.querySelector(".ant-modal")).toBeNull();
  });

  it("a check that could not reach the release server is a plain grey tag, not a warning, with the reason as its title, in English too", async () => {
    installFakeCore({
      overrides: { get_rule_settings: () => [] },
      update: { phase: "check_failed", error: "检查更新失败：连接被拒绝", error_en: "Checking for updates failed: connection refused" },
    });
    renderApp();
    const tag = await screen.findByTestId("update-check-failed");
    expect(tag).toHaveTextContent("未能检查更新");
    expect(tag).toHaveAttribute("title", "检查更新失败：连接被拒绝");
    expect(tag.className).not.toContain("warning");
    expect(screen.queryByTestId("update-failed")).toBeNull();
    fireEvent.click(screen.getByTestId("lang-toggle"));
    await waitFor(() => expect(screen.getByTestId("update-check-failed")).toHaveTextContent("Could not check for updates"));
    expect(screen.getByTestId("update-check-failed")).toHaveAttribute("title", "Checking for updates failed: connection refused");
  });

  it("a failed download is a warning tag in the header with the reason as its title, in English too", async () => {
    installFakeCore({
      overrides: { get_rule_settings: () => [] },
      update: { phase: "failed", offer: OFFER, error: "下载更新失败：连接被重置", error_en: "Downloading the update failed: connection reset" },
    });
    renderApp();
    const tag = await screen.findByTestId("update-failed");
    expect(tag).toHaveTextContent("更新失败");
    expect(tag.className).toContain("warning");
    expect(tag).toHaveAttribute("title", "下载更新失败：连接被重置");
    fireEvent.click(screen.getByTestId("lang-toggle"));
    await waitFor(() => expect(screen.getByTestId("update-failed")).toHaveTextContent("Update failed"));
    expect(screen.getByTestId("update-failed")).toHaveAttribute("title", "Downloading the update failed: connection reset");
  });

  it("the administrator turns 启动时检查更新 off on the settings page, and who did it shows", async () => {
    const core = installFakeCore({ overrides: { get_rule_settings: () => [] }, update: { phase: "off" } });
    window.location.hash = "#/rules";
    renderApp();
    await screen.findByTestId("update-check-switch");
    const card = screen.getByTestId("updates-card");
    expect(card).toHaveTextContent("启动时检查更新");
    expect(card).toHaveTextContent("关闭后启动时不会发出任何更新请求");
    expect(card).toHaveTextContent("默认开启，尚未更改");
    expect(within(card).getByTestId("update-phase")).toHaveAttribute("data-phase", "off");
    const sw = within(card).getByTestId("update-check-switch");
    expect(sw).toHaveAttribute("aria-checked", "true");
    fireEvent.click(sw);
    await waitFor(() => expect(core.callsOf("set_update_check")).toEqual([{ args: { check_on_start: false, reason: null } }]));
    await waitFor(() => expect(within(card).getByTestId("update-check-changed")).toHaveTextContent("系统管理员 于"));
    expect(within(card).getByTestId("update-check-changed")).toHaveTextContent("关闭");
  });

  it("a downloaded update held back by an import says why at start, in a notice that closes", async () => {
    installFakeCore({
      overrides: { get_rule_settings: () => [] },
      update: {
        phase: "staged",
        offer: OFFER,
        waiting: "更新 0.2.0 已下载，但有导入正在进行，本次启动不安装；导入结束后，下次启动时安装。",
        waiting_en: "Update 0.2.0 is downloaded, but an import is running",
      },
    });
    renderApp();
    const notice = await screen.findByTestId("update-waiting-notice");
    expect(notice).toHaveTextContent("有导入正在进行，本次启动不安装");
    expect(screen.getByTestId("update-staged")).toHaveTextContent("更新 0.2.0 等待安装");
    fireEvent.click(within(notice).getByTestId("update-waiting-ok"));
    await waitFor(() => expect(screen.queryByTestId("update-waiting-notice")).toBeNull());
    expect(screen.getByTestId("update-staged")).toBeInTheDocument();
  });
});
