import { expect, test, vi } from "vitest";

const told = vi.fn();
vi.mock("../api/commands.gen", () => ({ commands: { firstScreenReady: (screen: string) => told(screen) } }));
vi.mock("../api/transport", () => ({ isBrowserMode: () => false }));

test("the first usable screen is marked once, after it has been painted, and the window is told", async () => {
  const { markFirstScreen } = await import("./firstScreen");
  markFirstScreen("overview");
  // not before the next paint
  expect(document.documentElement.dataset.firstScreen).toBeUndefined();
  expect(told).not.toHaveBeenCalled();
  await vi.waitFor(() => expect(document.documentElement.dataset.firstScreen).toBe("overview"));
  expect(told).toHaveBeenCalledExactlyOnceWith("overview");

  // a later screen of the same page load is not the start-up
  markFirstScreen("empty");
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  expect(document.documentElement.dataset.firstScreen).toBe("overview");
  expect(told).toHaveBeenCalledTimes(1);
});
