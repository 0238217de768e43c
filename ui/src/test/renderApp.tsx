import { render } from "@testing-library/react";
import { App } from "../App";
import { createQueryClient } from "../api/queryClient";
import { preloadPages } from "../shell/routes";

// Issue 15 item 4 made every page but 概览 a lazy chunk. A test that renders the app loads its pages' code when
// its file is collected, as before, rather than inside the test's own time limit (a cold transform of a page and
// its antd components took most of a 30 s limit on a busy machine).
await preloadPages();

export function renderApp() {
  return render(<App client={createQueryClient()} />);
}
