import { QueryClient } from "@tanstack/react-query";

// IPC to the local core: a failed call fails for a reason (forbidden, invalid input), so no retries.
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
