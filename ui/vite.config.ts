/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * pdf.js needs Adobe's character maps for Chinese text in a PDF that does not embed its font (STSong-Light
 * and the like, common in generated contracts). The Simplified Chinese ones (GB, about 290 KB) ship as files
 * of the app under pdfjs/cmaps/, fetched by the viewer only when a PDF asks for one.
 */
function pdfjsChineseCmaps(): Plugin {
  const dir = join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "cmaps");
  return {
    name: "pdfjs-chinese-cmaps",
    apply: "build",
    generateBundle() {
      for (const name of readdirSync(dir).filter((n) => n.includes("GB"))) {
        this.emitFile({ type: "asset", fileName: `pdfjs/cmaps/${name}`, source: readFileSync(join(dir, name)) });
      }
    },
  };
}

// Tauri loads the built files from its own protocol; the dev server must sit on a fixed port
// because tauri.conf.json points devUrl at it.
export default defineConfig({
  plugins: [react(), pdfjsChineseCmaps()],
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
