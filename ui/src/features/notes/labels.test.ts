import { describe, expect, it } from "vitest";
import { translate } from "../../i18n/LanguageProvider";
import { jobFixture, noteDetailFixture } from "../../test/noteFixtures";
import { formatSeconds } from "../../format/duration";
import { exportFormat, importError, jobPercent, missingFields } from "./labels";
import { snapshotChartOption } from "./snapshotChartOption";

const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("zh-CN", key, params);

describe("note helpers", () => {
  it("computes missing required fields as the core does: ID or link, title, type, publish time, 小红书号, 互动量 or its parts", () => {
    expect(missingFields([])).toEqual(["note_id", "title", "note_type", "published_at", "xhs_id", "interactions"]);
    expect(missingFields(["note_link", "title", "note_type", "published_at", "xhs_id", "interactions"])).toEqual([]);
    expect(missingFields(["note_id", null, "note_type", "published_at", "xhs_id", "exposure", "interactions"])).toEqual(["title"]);
    // 点赞 + 收藏 + 评论 stand for 互动量; any two of them do not (issue 10: never counted as 0)
    expect(missingFields(["note_id", "title", "note_type", "published_at", "xhs_id", "likes", "collects", "comments"])).toEqual([]);
    expect(missingFields(["note_id", "title", "note_type", "published_at", "xhs_id", "likes", "comments"])).toEqual(["interactions"]);
  });

  it("takes the export format from the chosen name and adds .xlsx when there is none", () => {
    expect(exportFormat("b.CSV")).toBe("csv");
    expect(exportFormat("b.xlsx")).toBe("xlsx");
    expect(exportFormat("b.csv.xlsx")).toBe("xlsx");
  });

  it("shows job progress as a whole percentage, 100 once done", () => {
    expect(jobPercent(jobFixture({ done: 1, total: 3 }))).toBe(33);
    expect(jobPercent(jobFixture({ done: 0, total: 0 }))).toBe(0);
    expect(jobPercent(jobFixture({ state: "done", done: 2, total: 3 }))).toBe(100);
  });

  it("formats seconds and video lengths", () => {
    expect(formatSeconds(12.34, zh)).toBe("12.3 秒");
    expect(formatSeconds(45, zh)).toBe("45 秒");
    expect(formatSeconds(95, zh)).toBe("1 分 35 秒");
    expect(formatSeconds(null, zh)).toBe("—");
  });

  it("charts exposure and reads on the left axis and interactions (likes + collects + comments) on the right", () => {
    const option = snapshotChartOption(noteDetailFixture(41).snapshots, zh, "zh-CN") as {
      series: { name: string; yAxisIndex?: number; data: number[] }[];
      xAxis: { data: string[] };
    };
    expect(option.xAxis.data).toEqual(["11-19", "11-20"]);
    expect(option.series.map((s) => s.name)).toEqual(["曝光量", "阅读量", "互动量"]);
    expect(option.series[2]).toMatchObject({ yAxisIndex: 1, data: [108, 162] });
  });
});

describe("importError (N-1)", () => {
  it("gives the failed import's reason in the window's language, Chinese when no English was kept", () => {
    const both = { error: "导入中断", error_en: "Import interrupted" };
    expect(importError(both, "zh-CN")).toBe("导入中断");
    expect(importError(both, "en")).toBe("Import interrupted");
    expect(importError({ error: "导入中断", error_en: null }, "en")).toBe("导入中断");
    expect(importError({ error: null, error_en: null }, "en")).toBeNull();
  });
});
