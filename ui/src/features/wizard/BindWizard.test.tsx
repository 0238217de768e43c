import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickOpen } from "../../test/fakeDialogs";
import { describe, expect, it, vi } from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { dragDropListeners, emitDragDrop } from "../../test/fakeWebview";
import { renderApp } from "../../test/renderApp";
import { PROOF_CONSENT_KEY } from "./ProofConsent";

// pdf.js itself does not run in jsdom: an uploaded PDF proof is shown by the viewer with a one-page document
vi.mock("../proofs/pdfDoc", () => ({
  loadPdf: () => {
    const page = {
      size: (scale: number) => ({ width: 595 * scale, height: 842 * scale }),
      render: () => ({ promise: Promise.resolve(), cancel: () => undefined }),
    };
    return Promise.resolve({ numPages: 1, getPage: () => Promise.resolve(page), destroy: () => Promise.resolve() });
  },
}));

const PROOF_ID = "cd".repeat(32);

async function openWizardAt(xhsId = "kos900") {
  const core = installFakeCore();
  core.state.actorId = 2; // 品牌市场
  window.location.hash = "#/bindings";
  renderApp();
  const bind = await screen.findByTestId("bind-staff");
  await waitFor(() => expect(bind).toBeEnabled());
  fireEvent.click(bind);
  fireEvent.change(await screen.findByTestId("wizard-xhs"), { target: { value: xhsId } });
  fireEvent.click(screen.getByTestId("wizard-search"));
  return core;
}

async function pickStore() {
  fireEvent.mouseDown(within(screen.getByTestId("wizard-store")).getByRole("combobox"));
  const options = await screen.findAllByTitle("静安店");
  fireEvent.click(options[options.length - 1]);
}

describe("绑定员工 wizard", () => {
  it("checks the account, blocks each step until it is complete and sends the exact invitation", { timeout: 120_000 }, async () => {
    const core = await openWizardAt();
    expect(screen.getByTestId("wizard-enterprise-warning")).toHaveTextContent("请先与员工协商一致");
    const lookup = await screen.findByTestId("wizard-lookup");
    expect(within(lookup).getByText("小美爱收纳")).toBeInTheDocument();
    expect(within(lookup).getByText("未开店")).toBeInTheDocument();
    expect(within(lookup).getByText("已绑定手机号")).toBeInTheDocument();
    expect(within(lookup).getByText("粉丝 12,345")).toBeInTheDocument();
    expect(core.callsOf("lookup_account")).toEqual([{ args: { enterprise_id: 7, xhs_id: "kos900" } }]);
    fireEvent.click(screen.getByTestId("wizard-mode-personal"));
    expect(screen.queryByTestId("wizard-enterprise-warning")).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId("wizard-apply"));

    // step 1: nothing filled in → every field says what is missing, and the step stays
    expect(await screen.findByText("提交材料说明：")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("wizard-next"));
    expect(await screen.findByText("请选择门店")).toBeInTheDocument();
    expect(screen.getByText("请填写员工姓名")).toBeInTheDocument();
    expect(screen.getByText("请填写身份证号码")).toBeInTheDocument();
    expect(screen.getByText("请上传在职证明或劳动合同")).toBeInTheDocument();
    expect(screen.getByTestId("wizard-step-0")).toBeInTheDocument();

    await pickStore();
    fireEvent.change(screen.getByTestId("wizard-name"), { target: { value: " 陈小美 " } });
    expect(screen.getByText("5 / 24")).toBeInTheDocument();
    // the ID number is checked as it is typed
    const id = screen.getByTestId("wizard-id");
    fireEvent.change(id, { target: { value: "1101051949123" } });
    expect(await screen.findByText("身份证号码应为 18 位")).toBeInTheDocument();
    fireEvent.change(id, { target: { value: "110105194912310021" } });
    expect(await screen.findByText("身份证号码校验位不正确，请核对")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("wizard-next"));
    expect(screen.getByTestId("wizard-step-0")).toBeInTheDocument();
    fireEvent.change(id, { target: { value: "11010519491231002x" } });
    await waitFor(() => expect(screen.queryByText("身份证号码校验位不正确，请核对")).not.toBeInTheDocument());
    expect(id).toHaveValue("11010519491231002X");

    // still no proof → blocked
    fireEvent.click(screen.getByTestId("wizard-next"));
    expect(screen.getByTestId("wizard-step-0")).toBeInTheDocument();
    localStorage.setItem(PROOF_CONSENT_KEY, "2026-11-26");
    pickOpen.mockReturnValueOnce("/home/li/在职证明.png");
    fireEvent.click(screen.getByTestId("wizard-pick-file"));
    const preview = await screen.findByTestId("proof-preview");
    expect(core.callsOf("upload_proof")).toEqual([{ args: { enterprise_id: 7, file: "grant:/home/li/在职证明.png" } }]);
    expect(within(preview).getByText("2.2 MB")).toBeInTheDocument();
    expect(within(preview).getByRole("img", { name: "在职证明.png" })).toHaveAttribute("src", `kosproof://localhost/${PROOF_ID}`);
    expect(pickOpen.mock.calls[0][0]).toMatchObject({
      folder: false,
      filters: [{ name: "在职证明/劳动合同", extensions: ["pdf", "jpg", "jpeg", "png"] }],
    });
    fireEvent.click(screen.getByTestId("wizard-next"));

    // step 2: exactly the six titles, required, shown as the profile badge
    expect(await screen.findByTestId("wizard-step-1")).toBeInTheDocument();
    const titles = within(screen.getByTestId("wizard-titles")).getAllByRole("radio");
    expect(titles.map((r) => (r as HTMLInputElement).value)).toEqual(["导购", "店长", "客服", "员工", "助理", "主播人"]);
    fireEvent.click(screen.getByTestId("wizard-next"));
    expect(await screen.findByText("请选择岗位")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("wizard-title-店长"));
    expect(screen.getByTestId("wizard-badge")).toHaveTextContent("悦家家政服务 · 店长");
    fireEvent.click(screen.getByTestId("wizard-next"));

    // step 3: the same rights in both modes, and this mode's ownership
    expect(await screen.findByTestId("wizard-rights")).toHaveTextContent("主页公司标识");
    expect(screen.getByTestId("wizard-ownership")).toHaveTextContent("账号归属员工个人");
    fireEvent.click(screen.getByTestId("wizard-next"));

    // step 4: sign, then send
    expect(await screen.findByTestId("wizard-commitment")).toHaveTextContent("致小红书平台");
    expect(screen.getByTestId("wizard-summary")).toHaveTextContent("**************002X");
    const submit = screen.getByTestId("wizard-submit");
    expect(submit).toBeDisabled();
    fireEvent.click(screen.getByTestId("wizard-agree"));
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await waitFor(() =>
      expect(core.callsOf("invite")).toEqual([
        {
          args: {
            enterprise_id: 7,
            mode: "personal",
            xhs_id: "kos900",
            store_id: 1,
            staff_name: "陈小美",
            id_number: "11010519491231002X",
            proof_id: PROOF_ID,
            job_title: "店长",
            signed: true,
          },
        },
      ]),
    );
    expect(await screen.findByText(/邀请已发送，员工需在 .* 前于「消息 › 消息通知」中接受/)).toBeInTheDocument();
    // the list switches to 邀请中, where the new invitation is
    await waitFor(() => expect(core.callsOf("list_bindings").at(-1)).toMatchObject({ args: { tab: "invited" } }));
    await waitFor(() => expect(screen.queryByTestId("wizard-submit")).not.toBeInTheDocument());
  });

  it("shows the personal-information notice once, before the first upload ever", async () => {
    const core = await openWizardAt();
    fireEvent.click(await screen.findByTestId("wizard-apply"));

    fireEvent.click(await screen.findByTestId("wizard-pick-file"));
    expect(await screen.findByTestId("proof-consent")).toHaveTextContent("绑定结束后保留 180 天");
    fireEvent.click(screen.getByTestId("consent-cancel"));
    expect(pickOpen).not.toHaveBeenCalled();
    expect(localStorage.getItem(PROOF_CONSENT_KEY)).toBeNull();

    pickOpen.mockReturnValueOnce("/home/li/劳动合同.pdf");
    fireEvent.click(screen.getByTestId("wizard-pick-file"));
    fireEvent.click(await screen.findByTestId("consent-agree"));
    await waitFor(() => expect(core.callsOf("upload_proof")).toHaveLength(1));
    expect(localStorage.getItem(PROOF_CONSENT_KEY)).not.toBeNull();
    const card = await screen.findByTestId("proof-preview");
    expect(card).toHaveTextContent("劳动合同.pdf");
    expect(await within(card).findByText("第 1 / 1 页")).toBeInTheDocument();

    // choosing again asks nothing more: the dialog opens and the file is uploaded without another notice
    pickOpen.mockReturnValueOnce("/home/li/在职证明.jpg");
    fireEvent.click(screen.getByTestId("wizard-repick"));
    await waitFor(() => expect(core.callsOf("upload_proof")).toHaveLength(2));
    expect(pickOpen).toHaveBeenCalledTimes(2);
  });

  it("uploads a file dropped on the window while the first step is shown", async () => {
    localStorage.setItem(PROOF_CONSENT_KEY, "2026-11-26");
    const core = await openWizardAt();
    fireEvent.click(await screen.findByTestId("wizard-apply"));
    await waitFor(() => expect(dragDropListeners()).toBe(1));

    act(() => emitDragDrop({ type: "enter", paths: ["/tmp/合同.pdf"], position: { x: 1, y: 1 } }));
    expect(screen.getByTestId("wizard-drop-zone")).toHaveClass("drop-zone-active");
    act(() => emitDragDrop({ type: "drop", paths: ["/tmp/合同.pdf"], position: { x: 1, y: 1 } }));
    await waitFor(() => expect(core.callsOf("upload_proof")).toEqual([{ args: { enterprise_id: 7, file: "grant:/tmp/合同.pdf" } }]));
    expect(await screen.findByTestId("proof-preview")).toHaveTextContent("合同.pdf");

    fireEvent.click(screen.getByTestId("wizard-prev")); // back to the account: no longer listening
    await waitFor(() => expect(dragDropListeners()).toBe(0));
  });
});
