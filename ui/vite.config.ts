/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri loads the built files from its own protocol; the dev server must sit on a fixed port
// because tauri.conf.json points devUrl at it.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    target: "safari15", // WebKitGTK on Linux, WKWebView on macOS
    // Loaded from local disk, so size matters little; split so each vendor shows its own weight.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: "antd", test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+)[\\/]/ },
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.tsx"],
    css: false,
    // generous: CI's 2 cores may be busy; a test that hangs still fails, a slow machine does not
    testTimeout: 60000,
  },
});
