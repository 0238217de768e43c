import { save } from "@tauri-apps/plugin-dialog";
import { describe, expect, it, vi } from "vitest";
import type { EChartInstance } from "../../components/EChart";
import { installFakeCore } from "../../test/fakeCore";
import { saveChartPng } from "./chartImage";

const chart = { getDataURL: () => "data:image/png;base64,iVBORw0KGgo=" } as unknown as EChartInstance;

describe("导出图片 (D-1)", () => {
  it("asks where to save and has the core write the PNG", async () => {
    const core = installFakeCore();
    vi.mocked(save).mockResolvedValueOnce("/home/me/每周发布笔记数.png");
    await expect(saveChartPng(chart, "每周发布笔记数.png")).resolves.toBe("/home/me/每周发布笔记数.png");
    expect(core.callsOf("save_chart_image")).toEqual([
      { args: { path: "/home/me/每周发布笔记数.png", png_base64: "iVBORw0KGgo=" } },
    ]);
  });

  it("writes nothing when the dialog is cancelled", async () => {
    const core = installFakeCore();
    vi.mocked(save).mockResolvedValueOnce(null);
    await expect(saveChartPng(chart, "x.png")).resolves.toBeNull();
    expect(core.callsOf("save_chart_image")).toEqual([]);
  });
});
