import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// antd's styles as one static sheet (App.tsx: zeroRuntime), then the global rules, as they stood first in the
// one stylesheet; each feature's CSS comes with its code
import "antd/dist/antd.css";
import "./styles.css";
import { App } from "./App";
import { createQueryClient } from "./api/queryClient";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={createQueryClient()} />
  </StrictMode>,
);
