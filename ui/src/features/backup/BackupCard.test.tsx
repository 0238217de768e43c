import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { BackupCounts } from "../../api/commands.gen";
import { installFakeCore } from "../../test/fakeCore";
import { pathOf, pickOpen, pickSave } from "../../test/fakeDialogs";
import { renderApp } from "../../test/renderApp";

const COUNTS: BackupCounts = { enterprises: 3, stores: 12, staff: 240, accounts: 75, bindings: 60, notes: 12345, proofs: 4 };

describe("密钥与备份 on the settings page (B-10, B-20)", () => {
  it("says where the key is kept and backs up with the passphrase typed twice", async () => {
    const core = installFakeCore({
      overrides: {
        get_rule_settings: () => [],
        backup_now: (a) => ({
          path: pathOf((a.args as { file: string }).file),
          size_bytes: 5 * 1024 * 1024,
          schema_version: 9,
          created_at: "2026-12-06T10:00:00Z",
          counts: COUNTS,
        }),
      },
    });
    window.location.hash = "#/rules";
    renderApp();
    expect(await screen.findByTestId("key-location")).toHaveTextContent("系统密钥库（Secret Service）");

    pickSave.mockReturnValueOnce("/home/me/kos.kosbackup");
    fireEvent.click(screen.getByTestId("backup-now"));
    const pass = await screen.findByTestId("backup-passphrase");
    fireEvent.change(pass, { target: { value: "short" } });
    fireEvent.click(screen.getByTestId("backup-start"));
    expect(await screen.findByText("口令至少需要 8 个字符")).toBeInTheDocument();

    fireEvent.change(pass, { target: { value: "一个足够长的口令" } });
    fireEvent.change(screen.getByTestId("backup-passphrase-again"), { target: { value: "另一个不同的口令" } });
    fireEvent.click(screen.getByTestId("backup-start"));
    expect(await screen.findByText("两次输入的口令不一致")).toBeInTheDocument();
    expect(core.callsOf("backup_now")).toEqual([]);

    fireEvent.change(screen.getByTestId("backup-passphrase-again"), { target: { value: "一个足够长的口令" } });
    fireEvent.click(screen.getByTestId("backup-start"));
    await waitFor(() =>
      expect(core.callsOf("backup_now")).toEqual([{ args: { file: "grant:/home/me/kos.kosbackup", passphrase: "一个足够长的口令" } }]),
    );
    const result = await screen.findByTestId("backup-result");
    expect(result).toHaveTextContent("5.0 MB");
    expect(result).toHaveTextContent("240 名员工");
    expect(result).toHaveTextContent("4 份在职证明");
  });

  it("shows what a restore replaces before restoring, then restarts", async () => {
    const core = installFakeCore({
      overrides: {
        get_rule_settings: () => [],
        inspect_backup: (a) => ({
          path: pathOf((a.args as { file: string }).file),
          size_bytes: 1000,
          app_version: "0.1.0",
          schema_version: 9,
          created_at: "2026-12-01T02:00:00Z",
          counts: COUNTS,
        }),
        restore_backup: () => ({
          db_path: "/tmp/kos.db",
          backup_created_at: "2026-12-01T02:00:00Z",
          backup_app_version: "0.1.0",
          counts: COUNTS,
          moved_aside: "/tmp/replaced-20261206-100000",
          key: { kind: "os_store", path: null, label: "系统密钥库", label_en: "key store", database_id: "x" },
        }),
        restart_app: () => undefined as never,
      },
    });
    window.location.hash = "#/rules";
    renderApp();
    pickOpen.mockReturnValueOnce("/home/me/old.kosbackup");
    fireEvent.click(await screen.findByTestId("backup-restore"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("restore-backup-counts")).toHaveTextContent("3 个品牌、12 家门店、240 名员工");
    expect(within(dialog).getByTestId("restore-current")).toHaveTextContent("/tmp/kos.db");
    expect(within(dialog).getByText(/replaced-日期/)).toBeInTheDocument();
    fireEvent.change(within(dialog).getByTestId("backup-passphrase"), { target: { value: "恢复用的口令八个" } });
    fireEvent.click(within(dialog).getByTestId("restore-confirm"));
    await waitFor(() =>
      expect(core.callsOf("restore_backup")).toEqual([{ args: { file: "grant:/home/me/old.kosbackup", passphrase: "恢复用的口令八个" } }]),
    );
    await waitFor(() => expect(core.callsOf("restart_app")).toHaveLength(1));
  });

  it("offers backup and restore to the administrator only", async () => {
    const core = installFakeCore({ overrides: { get_rule_settings: () => [] } });
    core.state.actorId = 2;
    window.location.hash = "#/rules";
    renderApp();
    expect(await screen.findByText("备份与恢复仅限系统管理员。")).toBeInTheDocument();
    expect(screen.queryByTestId("backup-now")).not.toBeInTheDocument();
  });
});
