import { createContext, useContext } from "react";

/**
 * The phone layout (U-5): the same pages as the window, laid out for a portrait phone. Components that the
 * window shows as wide tables or side by side ask `usePhoneLayout()` and stack instead.
 */
export const PhoneLayoutContext = createContext(false);

export function usePhoneLayout(): boolean {
  return useContext(PhoneLayoutContext);
}
