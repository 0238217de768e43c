import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

const pdfOpened: string[] = [];
// pdf.js itself does not run in jsdom: the viewer gets a two-page document
vi.mock("./pdfDoc", () => ({
  loadPdf: (url: string) => {
    pdfOpened.push(url);
    const page = {
      size: (scale: number) => ({ width: 595 * scale, height: 842 * scale }),
      render: () => ({ promise: Promise.resolve(), cancel: () => undefined }),
    };
    return Promise.resolve({ numPages: 2, getPage: () => Promise.resolve(page), destroy: () => Promise.resolve() });
  },
}));

function openAsReviewer() {
  const core = installFakeCore();
  core.state.actorId = 5; // 平台审核
  window.location.hash = "#/proofs";
  renderApp();
  return core;
}

describe("证明审核 (platform reviewer)", () => {
  it("opens a proof only when asked: an image from kosproof, a PDF page by page in the viewer", async () => {
    openAsReviewer();
    expect(await screen.findByTestId("nav-proofs")).toHaveTextContent("证明审核");
    expect(await screen.findByText("周一")).toBeInTheDocument();
    expect(screen.queryByTestId("proof-preview")).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId("proof-view-52"));
    const card = await screen.findByTestId("proof-preview");
    expect(card).toHaveTextContent("劳动合同.pdf");
    expect(card).toHaveTextContent("1.2 MB");
    expect(within(card).queryByRole("img", { name: "劳动合同.pdf" })).not.toBeInTheDocument();
    expect(await within(card).findByText("第 1 / 2 页")).toBeInTheDocument();
    expect(within(card).getByTestId("pdf-next")).toBeEnabled();
    expect(pdfOpened).toEqual([`kosproof://localhost/${"e2".repeat(32)}`]);

    fireEvent.click(screen.getByTestId("proof-view-51"));
    const image = await within(screen.getByTestId("proof-preview")).findByRole("img", { name: "在职证明.png" });
    expect(image).toHaveAttribute("src", `kosproof://localhost/${"e1".repeat(32)}`);
    expect(screen.getByText("每次查看都会记入操作历史")).toBeInTheDocument();
  });

  it("needs a reason for 不合规 and warns that the binding is dissolved and invitations are banned", async () => {
    const core = openAsReviewer();
    fireEvent.click(await screen.findByTestId("proof-noncompliant-52"));
    expect(await screen.findByTestId("review-warning")).toHaveTextContent("解除该绑定");
    fireEvent.click(screen.getByTestId("review-confirm"));
    expect(await screen.findByText("请填写不合规的原因")).toBeInTheDocument();
    expect(core.callsOf("review_proof")).toEqual([]);

    fireEvent.change(screen.getByTestId("review-reason"), { target: { value: "劳动合同无公司盖章" } });
    fireEvent.click(screen.getByTestId("review-confirm"));
    await waitFor(() =>
      expect(core.callsOf("review_proof")).toEqual([{ args: { binding_id: 52, compliant: false, reason: "劳动合同无公司盖章" } }]),
    );
    expect(await screen.findByText("已判定为不合规，绑定已解除；该品牌禁邀至 2026-12-26")).toBeInTheDocument();
  });

  it("marks a proof compliant without a reason", async () => {
    const core = openAsReviewer();
    fireEvent.click(await screen.findByTestId("proof-compliant-51"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).queryByTestId("review-warning")).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId("review-confirm"));
    await waitFor(() => expect(core.callsOf("review_proof")).toEqual([{ args: { binding_id: 51, compliant: true, reason: "" } }]));
  });
});
