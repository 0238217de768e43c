import { PARTS } from "./parts";
import type { MessageKey } from "./zh";

// English strings, merged from every part's dictionary (parts.ts): the type forces the same keys as zh.ts.
export const en: Record<MessageKey, string> = {
  ...PARTS.common.en,
  ...PARTS.shell.en,
  ...PARTS.demo.en,
  ...PARTS.overview.en,
  ...PARTS.stores.en,
  ...PARTS.rules.en,
  ...PARTS.history.en,
  ...PARTS.bindings.en,
  ...PARTS.eligibility.en,
  ...PARTS.wizard.en,
  ...PARTS.invitations.en,
  ...PARTS.proofs.en,
  ...PARTS.calendar.en,
  ...PARTS.bulk.en,
  ...PARTS.campaigns.en,
  ...PARTS.notes.en,
  ...PARTS.noteImport.en,
  ...PARTS.noteReview.en,
  ...PARTS.dashboard.en,
  ...PARTS.backup.en,
  ...PARTS.setup.en,
  ...PARTS.roster.en,
  ...PARTS.accounts.en,
  ...PARTS.team.en,
  ...PARTS.phone.en,
  ...PARTS.updates.en,
};
