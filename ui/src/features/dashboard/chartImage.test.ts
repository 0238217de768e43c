import { pickSave } from "../../test/fakeDialogs";
import { describe, expect, it} from "vitest";
import type { EChartInstance } from "../../components/EChart";
import { installFakeCore } from "../../test/fakeCore";
import { saveChartPng } from "./chartImage";

const chart = { getDataURL: () => "data:image/png;base64,iVBORw0KGgo=" } as unknown as EChartInstance;

describe("导出图片 (D-1)", () => {
  it("asks where to save and has the core write the PNG", async () => {
    const core = installFakeCore();
    pickSave.mockReturnValueOnce("/home/me/每周发布笔记数.png");
    await expect(saveChartPng(chart, 7, "每周发布笔记数.png")).resolves.toBe("/home/me/每周发布笔记数.png");
    // the Rust side opened the dialog; the command gets the grant and the brand, never a path
    expect(pickSave.mock.calls[0][0]).toEqual({ suggested_name: "每周发布笔记数.png", filters: [{ name: "PNG", extensions: ["png"] }] });
    expect(core.callsOf("save_chart_image")).toEqual([
      { args: { enterprise_id: 7, file: "grant:/home/me/每周发布笔记数.png", png_base64: "iVBORw0KGgo=" } },
    ]);
  });

  it("writes nothing when the dialog is cancelled", async () => {
    const core = installFakeCore();
    pickSave.mockReturnValueOnce(null);
    await expect(saveChartPng(chart, 7, "x.png")).resolves.toBeNull();
    expect(core.callsOf("save_chart_image")).toEqual([]);
  });
});
