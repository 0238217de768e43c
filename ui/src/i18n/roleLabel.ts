import type { Role } from "../api/commands.gen";
import type { MessageKey } from "./zh";

export function roleKey(role: Role): MessageKey {
  return `role.${role}` as MessageKey;
}
