import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "dist-sdks/**", "node_modules/**", "coverage/**", "examples/**/node_modules/**", ".pulumi-state/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The provider's lazy loader uses require() on purpose (see provider/index.ts).
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
