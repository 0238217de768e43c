import { describe, expect, it } from "vitest";
import { formatCount, formatRate } from "./number";

describe("formatCount", () => {
  it("groups thousands and dashes missing values", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(null)).toBe("—");
  });
});

describe("formatRate", () => {
  it("shows a 0..1 rate as a percentage with one decimal and dashes missing values", () => {
    expect(formatRate(0.4567)).toBe("45.67%");
    expect(formatRate(1)).toBe("100.00%");
    expect(formatRate(0)).toBe("0.00%");
    expect(formatRate(null)).toBe("—");
  });
});
