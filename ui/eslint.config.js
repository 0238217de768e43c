// ESLint 9 flat config: TypeScript's recommended rules and React's hooks rules (rules-of-hooks, exhaustive-deps
// and the React Compiler's checks of the plugin's recommended set). `npm run lint` fails on any finding,
// warnings included; a rule is broken only on the line that must, with the reason beside it.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // the generated typed client (cargo run -- export-ts) and the build's output are not ours to lint
  { ignores: ["dist/", "src/api/commands.gen.ts"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "react-hooks/exhaustive-deps": "error",
      // a leading _ marks a value left out on purpose (`const { [key]: _old, ...rest } = d`)
      "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
);
