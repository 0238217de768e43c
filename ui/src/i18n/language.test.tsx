import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeCore } from "../test/fakeCore";
import { renderApp } from "../test/renderApp";
import { en } from "./en";
import { LANG_STORAGE_KEY, translate } from "./LanguageProvider";
import { PARTS } from "./parts";
import { zh } from "./zh";

describe("language", () => {
  it("has the same keys in both dictionaries", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it("merges every part's dictionary, each key from exactly one part, with the part's own text", () => {
    const owners = new Map<string, string[]>();
    for (const [name, part] of Object.entries(PARTS)) {
      expect(Object.keys(part.en).sort(), name).toEqual(Object.keys(part.zh).sort());
      for (const [key, text] of Object.entries(part.zh)) {
        owners.set(key, [...(owners.get(key) ?? []), name]);
        expect(zh[key as keyof typeof zh], key).toBe(text);
        expect(en[key as keyof typeof en], key).toBe((part.en as Record<string, string>)[key]);
      }
    }
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
    expect([...owners.keys()].sort()).toEqual(Object.keys(zh).sort());
  });

  it("fills parameters", () => {
    expect(translate("zh-CN", "pager.total", { total: "1,234" })).toBe("共 1,234 条");
    expect(translate("en", "pager.total", { total: "1,234" })).toBe("1,234 total");
  });

  it("toggles every string both ways and remembers the choice", async () => {
    installFakeCore();
    const first = renderApp();
    const toggle = await screen.findByTestId("lang-toggle");
    expect(toggle).toHaveTextContent("EN");
    expect(await screen.findByTestId("nav-stores")).toHaveTextContent("门店与员工");
    expect(document.title).toBe("KOS 工作台");

    fireEvent.click(toggle);
    expect(screen.getByTestId("lang-toggle")).toHaveTextContent("中文");
    expect(screen.getByTestId("nav-stores")).toHaveTextContent("Stores & staff");
    expect(await screen.findByText("Monthly notes and interactions")).toBeInTheDocument();
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe("en");
    expect(document.title).toBe("KOS Desk");

    // A fresh start keeps English.
    first.unmount();
    renderApp();
    expect(await screen.findByTestId("lang-toggle")).toHaveTextContent("中文");

    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("lang-toggle")).toHaveTextContent("EN");
    expect(screen.getByTestId("nav-stores")).toHaveTextContent("门店与员工");
    expect(await screen.findByText("月度笔记与互动")).toBeInTheDocument();
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe("zh-CN");
  });
});
