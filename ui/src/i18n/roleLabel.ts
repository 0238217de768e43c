import type { Role } from "../bindings";
import type { MessageKey } from "./zh";

export function roleKey(role: Role): MessageKey {
  return `role.${role}` as MessageKey;
}
