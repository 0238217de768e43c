import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FORBIDDEN, installFakeCore } from "../test/fakeCore";
import { renderApp } from "../test/renderApp";
import { errorText } from "./apiError";

describe("ApiError display", () => {
  it("picks the message for the language", () => {
    expect(errorText(FORBIDDEN, "zh-CN", "x")).toBe(FORBIDDEN.message);
    expect(errorText(FORBIDDEN, "en", "x")).toBe(FORBIDDEN.message_en);
    expect(errorText(undefined, "en", "fallback")).toBe("fallback");
  });

  it("shows a failed command's message in Chinese, then in English", async () => {
    installFakeCore({
      overrides: {
        enterprise_overview: () => {
          throw FORBIDDEN;
        },
      },
    });
    renderApp();
    expect(await screen.findByText("当前身份无权执行此操作")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(await screen.findByText("Your role may not do this")).toBeInTheDocument();
    expect(screen.queryByText("当前身份无权执行此操作")).not.toBeInTheDocument();
  });
});
