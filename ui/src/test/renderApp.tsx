import { render } from "@testing-library/react";
import { App } from "../App";
import { createQueryClient } from "../api/queryClient";

export function renderApp() {
  return render(<App client={createQueryClient()} />);
}
