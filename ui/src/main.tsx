import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// the global rules first, as they stood first in the one stylesheet; each feature's CSS comes with its code
import "./styles.css";
import { App } from "./App";
import { createQueryClient } from "./api/queryClient";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={createQueryClient()} />
  </StrictMode>,
);
