import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { EnterpriseSummary } from "../../api/commands.gen";
import { useSession } from "./hooks";

export const ENTERPRISE_STORAGE_KEY = "kos.enterprise";

type EnterpriseState = {
  enterprises: EnterpriseSummary[];
  /** The brand being worked on: the remembered choice if the actor may still act on it, else the first. */
  current: EnterpriseSummary | null;
  select: (id: number) => void;
};

const EnterpriseContext = createContext<EnterpriseState | null>(null);

function readStoredId(): number | null {
  const raw = localStorage.getItem(ENTERPRISE_STORAGE_KEY);
  const id = raw === null ? NaN : Number(raw);
  return Number.isFinite(id) ? id : null;
}

export function EnterpriseProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [chosenId, setChosenId] = useState<number | null>(readStoredId);

  const select = useCallback((id: number) => {
    localStorage.setItem(ENTERPRISE_STORAGE_KEY, String(id));
    setChosenId(id);
  }, []);

  const value = useMemo<EnterpriseState>(() => {
    const enterprises = session.data?.enterprises ?? [];
    const current = enterprises.find((e) => e.id === chosenId) ?? enterprises[0] ?? null;
    return { enterprises, current, select };
  }, [session.data, chosenId, select]);

  return <EnterpriseContext.Provider value={value}>{children}</EnterpriseContext.Provider>;
}

export function useEnterprise(): EnterpriseState {
  const state = useContext(EnterpriseContext);
  if (!state) throw new Error("useEnterprise must be used inside <EnterpriseProvider>");
  return state;
}
