// Remakes the editor's bundle in remissgen/redigera/static/ (minified, committed there so
// that a user needs only Python). Run: npm ci && npm run build   (in web/)
import { build } from "esbuild";
import { statSync } from "node:fs";

const out = new URL("../remissgen/redigera/static/", import.meta.url).pathname;
await build({
  entryPoints: ["src/main.js"], bundle: true, minify: true, format: "iife",
  target: ["es2020"], outfile: `${out}redigera.js`, legalComments: "eof", charset: "utf8",
});
await build({
  entryPoints: ["src/redigera.css"], bundle: true, minify: true, outfile: `${out}redigera.css`,
});
for (const name of ["redigera.js", "redigera.css"]) {
  console.log(`${name}: ${statSync(out + name).size} byte`);
}
