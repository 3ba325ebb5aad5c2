// Starts the app. Trunk's default loader is an inline script, which the page's
// Content-Security-Policy forbids; this file does the same from a file. The script tag
// (Trunk's pattern_script in Trunk.toml) names the JS glue and the wasm, relative to the page.
const tag = document.querySelector("script[data-trunk-js]");
const glue = new URL(tag.dataset.trunkJs, document.baseURI);
const wasm = new URL(tag.dataset.trunkWasm, document.baseURI);
const app = await import(glue.href);
await app.default({ module_or_path: wasm.href });
