import { describe, expect, it } from "vitest";
import { ID_CARD_MESSAGES, composeIdNumber, liveIdCheck, maskIdNumber, validateIdNumber } from "./idcard";

const today = new Date(2026, 10, 26); // 2026-11-26, as in the core's tests

describe("ID number (B-10, GB 11643-1999)", () => {
  it("accepts the standard example and upper-cases a trailing x", () => {
    expect(validateIdNumber("11010519491231002X", today)).toEqual({ ok: true, id: "11010519491231002X" });
    expect(validateIdNumber(" 11010519491231002x ", today)).toEqual({ ok: true, id: "11010519491231002X" });
  });

  it("rejects each kind of error with the core's message", () => {
    expect(validateIdNumber("1101051949123100", today)).toEqual({ ok: false, error: "length" });
    expect(validateIdNumber("11010519491231A02X", today)).toEqual({ ok: false, error: "characters" });
    expect(validateIdNumber("1101051949123100X2", today)).toEqual({ ok: false, error: "characters" });
    expect(validateIdNumber("99010519491231002X", today)).toEqual({ ok: false, error: "region" });
    expect(validateIdNumber(composeIdNumber("110000", "19491231", 2), today)).toEqual({ ok: false, error: "region" });
    // born tomorrow, on a day that does not exist, before 1900
    expect(validateIdNumber(composeIdNumber("110105", "20261127", 1), today)).toEqual({ ok: false, error: "birthDate" });
    expect(validateIdNumber("110105194902300021", today)).toEqual({ ok: false, error: "birthDate" });
    expect(validateIdNumber(composeIdNumber("110105", "18991231", 1), today)).toEqual({ ok: false, error: "birthDate" });
    expect(validateIdNumber("110105194912310021", today)).toEqual({ ok: false, error: "checkDigit" });

    expect(ID_CARD_MESSAGES.length.zh).toBe("身份证号码应为 18 位");
    expect(ID_CARD_MESSAGES.checkDigit.zh).toBe("身份证号码校验位不正确，请核对");
  });

  it("accepts composed numbers born today", () => {
    expect(validateIdNumber(composeIdNumber("310104", "20261126", 7), today).ok).toBe(true);
    expect(validateIdNumber(composeIdNumber("310104", "19950228", 123), today).ok).toBe(true);
  });

  it("reports wrong characters and regions while typing, length until complete", () => {
    expect(liveIdCheck("", today)).toBeNull();
    expect(liveIdCheck("1101", today)).toEqual({ ok: false, error: "length" });
    expect(liveIdCheck("11a", today)).toEqual({ ok: false, error: "characters" });
    expect(liveIdCheck("99", today)).toEqual({ ok: false, error: "region" });
    expect(liveIdCheck("110105194912310021", today)).toEqual({ ok: false, error: "checkDigit" });
    expect(liveIdCheck("11010519491231002x", today)).toEqual({ ok: true, id: "11010519491231002X" });
  });

  it("masks birth date and sequence", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("**************002X");
  });
});
