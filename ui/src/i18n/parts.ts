// Each feature keeps its strings beside its code (features/<name>/i18n.ts, exporting zh and en); the
// shell's and the shared ones live in shell/i18n.ts and i18n/common.ts. zh.ts and en.ts merge these parts
// into the one typed dictionary the app uses; a key belongs to exactly one part (language.test.tsx checks).
// A new feature's dictionary is added here and in both zh.ts and en.ts.
import * as common from "./common";
import * as shell from "../shell/i18n";
import * as demo from "../features/demo/i18n";
import * as overview from "../features/overview/i18n";
import * as stores from "../features/stores/i18n";
import * as rules from "../features/rules/i18n";
import * as history from "../features/history/i18n";
import * as bindings from "../features/bindings/i18n";
import * as eligibility from "../features/eligibility/i18n";
import * as wizard from "../features/wizard/i18n";
import * as invitations from "../features/invitations/i18n";
import * as proofs from "../features/proofs/i18n";
import * as calendar from "../features/calendar/i18n";
import * as bulk from "../features/bulk/i18n";
import * as campaigns from "../features/campaigns/i18n";
import * as notes from "../features/notes/i18n";
import * as noteImport from "../features/notes/import/i18n";
import * as noteReview from "../features/noteReview/i18n";
import * as dashboard from "../features/dashboard/i18n";
import * as backup from "../features/backup/i18n";
import * as setup from "../features/setup/i18n";
import * as roster from "../features/roster/i18n";
import * as accounts from "../features/accounts/i18n";
import * as team from "../features/team/i18n";
import * as phone from "../features/phone/i18n";
import * as updates from "../features/updates/i18n";

export const PARTS = { common, shell, demo, overview, stores, rules, history, bindings, eligibility, wizard, invitations, proofs, calendar, bulk, campaigns, notes, noteImport, noteReview, dashboard, backup, setup, roster, accounts, team, phone, updates };
