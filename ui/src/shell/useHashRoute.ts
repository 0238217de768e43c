import { useCallback, useEffect, useState } from "react";

export const ROUTES = [
  "overview",
  "dashboard",
  "myData",
  "stores",
  "eligibility",
  "bindings",
  "calendar",
  "invitations",
  "proofs",
  "bulk",
  "notes",
  "requested",
  "noteReview",
  "juguang",
  "dataCenter",
  "campaigns",
  "leaderBoard",
  "rules",
  "history",
  // issue 12 set-up (U-1, U-3)
  "brand",
  "users",
  // U-2 (helper Q): 小红书账号
  "accounts",
] as const;
export type Route = (typeof ROUTES)[number];

function parseHash(): Route {
  const name = window.location.hash.replace(/^#\/?/, "");
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : "overview";
}

/** A handful of pages needs no router library: the module lives in the URL hash (#/stores). */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(parseHash);

  useEffect(() => {
    const onChange = () => setRoute(parseHash());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);

  const navigate = useCallback((next: Route) => {
    window.location.hash = `#/${next}`;
    setRoute(next);
  }, []);

  return [route, navigate];
}
