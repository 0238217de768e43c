import { render, screen, cleanup } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LanguageProvider } from "../../i18n/LanguageProvider";
import { RightsStep } from "./RightsStep";

function rightsOf(mode: "enterprise" | "personal") {
  render(
    <LanguageProvider>
      <RightsStep mode={mode} />
    </LanguageProvider>,
  );
  const rights = screen.getByTestId("wizard-rights").querySelector(".rights-list")?.textContent ?? "";
  const ownership = screen.getByTestId("wizard-ownership").textContent ?? "";
  cleanup();
  return { rights, ownership };
}

describe("step 3 查看员工号权限", () => {
  it("B-6: both modes grant the same rights; only ownership differs (B-4, B-5)", () => {
    const enterprise = rightsOf("enterprise");
    const personal = rightsOf("personal");
    expect(enterprise.rights).toBe(personal.rights);
    expect(enterprise.rights).toContain("主页公司标识");
    expect(enterprise.rights).toContain("私信");
    expect(enterprise.ownership).not.toBe(personal.ownership);
    expect(enterprise.ownership).toContain("企业");
    expect(personal.ownership).toContain("员工");
  });
});
