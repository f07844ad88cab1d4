import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Where Keycloak looks for a theme jar's static resources; Maven packs target/classes as the theme jar.
const outDir = fileURLToPath(
  new URL("target/classes/theme/servicekonto/account/resources", import.meta.url),
);

export default defineConfig({
  // Relative asset URLs: the page is served under the theme's versioned resource path.
  base: "",
  plugins: [react()],
  resolve: {
    alias: {
      // The library ships its compiled PatternFly styles but does not list the file in its package exports.
      "keycloak-account-ui.css": fileURLToPath(
        new URL(
          "node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css",
          import.meta.url,
        ),
      ),
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // Keycloak reads .vite/manifest.json to put the entry script and styles into index.ftl.
    manifest: true,
    target: "es2022",
    sourcemap: false,
    rollupOptions: {
      input: "src/main.tsx",
      // React comes from Keycloak's own vendored copy through the import map in index.ftl, as in Keycloak's console.
      external: ["react", "react/jsx-runtime", "react-dom"],
    },
  },
});
