// The Web Worker's entry script: loads wasm-bindgen's glue for the worker binary and starts
// its wasm (whose main() installs the message handler and posts "ready"). URLs are relative
// to this script, so the app works from any sub-path.
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
