import { describe, expect, it } from "vitest";
import { formatBeijing } from "../../format/dateTime";
import { formatLeft } from "./countdown";

describe("refusal countdowns (B-1, B-15, B-18, B-19, N-5)", () => {
  it("says the time left in days, hours or minutes as fits", () => {
    const min = 60_000;
    expect(formatLeft((3 * 24 + 4) * 60 * min + 30_000, "zh")).toBe("3 天 4 小时");
    // rounded up to the minute as the core rounds: a moment under 30 days reads 30 天
    expect(formatLeft(30 * 24 * 60 * min - 3_000, "zh")).toBe("30 天");
    expect(formatLeft(30 * 24 * 60 * min - 3_000, "en")).toBe("30 d");
    expect(formatLeft(3 * 24 * 60 * min, "zh")).toBe("3 天");
    expect(formatLeft(125 * min, "zh")).toBe("2 小时 05 分");
    expect(formatLeft(min, "zh")).toBe("1 分 00 秒");
    expect(formatLeft(59_000, "en")).toBe("0 min 59 s");
    expect(formatLeft(125 * min, "en")).toBe("2 h 05 min");
    expect(formatLeft(-5, "zh")).toBe("0 分 00 秒");
  });

  it("shows an instant as Beijing time whatever the machine's zone", () => {
    expect(formatBeijing("2026-12-02T03:05:00Z")).toBe("2026-12-02 11:05");
    expect(formatBeijing("2026-12-02T11:05:00+08:00")).toBe("2026-12-02 11:05");
    expect(formatBeijing("2026-12-31T16:00:00Z")).toBe("2027-01-01 00:00");
    expect(formatBeijing(null)).toBe("—");
  });
});
