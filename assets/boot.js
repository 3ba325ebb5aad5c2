// Starts the app. Trunk's default loader is an inline script, which the page's
// Content-Security-Policy forbids; this file does the same from a file. The script tag
// (Trunk's pattern_script in Trunk.toml) names the JS glue and the wasm, relative to the page.
//
// If the app cannot start (a browser without WebAssembly, a file missing on the host), the
// loading placeholder is replaced by a message in the visitor's language: the app's own
// translations are inside the wasm that failed to load.
const MESSAGES = {
  en: "casemap could not start in this browser. Use a current Chrome, Edge, Firefox or Safari, and check that every file of the app was copied to the server.",
  it: "casemap non è riuscito ad avviarsi in questo browser. Usa una versione aggiornata di Chrome, Edge, Firefox o Safari e verifica che tutti i file dell'app siano stati copiati sul server.",
  ru: "casemap не удалось запустить в этом браузере. Используйте актуальный Chrome, Edge, Firefox или Safari и проверьте, что все файлы приложения скопированы на сервер.",
  zh: "casemap 无法在此浏览器中启动。请使用最新版本的 Chrome、Edge、Firefox 或 Safari，并检查应用的所有文件都已复制到服务器。",
};

function showFailure(error) {
  const boot = document.getElementById("boot");
  if (!boot) return;
  const language = (navigator.languages || [navigator.language || "en"])
    .map((tag) => String(tag).slice(0, 2).toLowerCase())
    .find((code) => code in MESSAGES) || "en";
  const message = document.createElement("p");
  message.className = "boot-failure";
  message.setAttribute("role", "alert");
  message.textContent = MESSAGES[language];
  const detail = document.createElement("p");
  detail.className = "boot-failure-detail";
  detail.textContent = String(error && error.message ? error.message : error);
  boot.replaceChildren(message, detail);
  console.error("casemap could not start:", error);
}

try {
  const tag = document.querySelector("script[data-trunk-js]");
  const glue = new URL(tag.dataset.trunkJs, document.baseURI);
  const wasm = new URL(tag.dataset.trunkWasm, document.baseURI);
  const app = await import(glue.href);
  await app.default({ module_or_path: wasm.href });
} catch (error) {
  showFailure(error);
}
