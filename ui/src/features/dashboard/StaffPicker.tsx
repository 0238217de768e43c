import { Select } from "antd";
import { useEffect, useState } from "react";
import { useT } from "../../i18n/useT";
import { useStaffPage } from "../stores/hooks";

/** Picks one employee of the brand; the core searches name, 小红书号 and nickname (20 at a time). */
export function StaffPicker({ enterpriseId, value, onChange }: { enterpriseId: number; value: number | null; onChange: (id: number) => void }) {
  const t = useT();
  const [typed, setTyped] = useState("");
  const [keyword, setKeyword] = useState<string | null>(null);
  // ask the core after typing pauses, not on every keystroke
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(typed.trim() || null), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const staff = useStaffPage({ enterprise_id: enterpriseId, store_id: null, keyword, page_size: 20, cursor: null });
  const options = (staff.data?.rows ?? []).map((s) => ({
    value: s.id,
    label: `${s.name} · ${s.store_name}${s.xhs_id ? ` · ${s.xhs_id}` : ""}`,
  }));

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value ?? undefined}
      placeholder={t("dashboard.employee.pick")}
      options={options}
      loading={staff.isFetching}
      onChange={(id: number) => onChange(id)}
      notFoundContent={t("dashboard.employee.noMatch")}
      style={{ width: 360 }}
      data-testid="employee-picker"
    />
  );
}
