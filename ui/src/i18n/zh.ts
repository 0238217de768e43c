import { PARTS } from "./parts";

// Chinese (default) strings, merged from every part's dictionary (parts.ts); en.ts must hold exactly the same keys.
export const zh = {
  ...PARTS.common.zh,
  ...PARTS.shell.zh,
  ...PARTS.demo.zh,
  ...PARTS.overview.zh,
  ...PARTS.stores.zh,
  ...PARTS.rules.zh,
  ...PARTS.history.zh,
  ...PARTS.bindings.zh,
  ...PARTS.eligibility.zh,
  ...PARTS.wizard.zh,
  ...PARTS.invitations.zh,
  ...PARTS.proofs.zh,
  ...PARTS.calendar.zh,
  ...PARTS.bulk.zh,
  ...PARTS.campaigns.zh,
  ...PARTS.notes.zh,
  ...PARTS.noteImport.zh,
  ...PARTS.noteReview.zh,
  ...PARTS.dashboard.zh,
  ...PARTS.backup.zh,
  ...PARTS.setup.zh,
  ...PARTS.roster.zh,
  ...PARTS.accounts.zh,
  ...PARTS.team.zh,
  ...PARTS.phone.zh,
  ...PARTS.updates.zh,
};

export type MessageKey = keyof typeof zh;
