#!/usr/bin/env node
// A minimal static file server for dist/, with no dependencies: what any static host does.
// Serves --root under the URL prefix --base (default "/"), so the app can be tried and tested
// from a sub-path such as /tools/casemap/. Paths outside --base get 404. With --log, every
// request is printed, so you can see for yourself that the page asks for nothing after load.
//
//   node scripts/static-server.js --root dist --base /tools/casemap/ --port 8080 [--log]
"use strict";

const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const root = path.resolve(option("root", "dist"));
let base = option("base", "/");
if (!base.startsWith("/")) base = `/${base}`;
if (!base.endsWith("/")) base = `${base}/`;
const port = Number(option("port", "8080"));
const host = option("host", "127.0.0.1");
const log = args.includes("--log");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".ico": "image/x-icon",
};

const server = http.createServer((request, response) => {
  const url = new URL(request.url, `http://${host}`);
  if (log) console.log(`${new Date().toISOString()} ${request.method} ${url.pathname}`);
  if (url.pathname === "/" && base !== "/") {
    response.writeHead(302, { Location: base });
    return response.end();
  }
  if (!url.pathname.startsWith(base)) {
    response.writeHead(404);
    return response.end("not found");
  }
  let relative = decodeURIComponent(url.pathname.slice(base.length));
  if (relative === "" || relative.endsWith("/")) relative += "index.html";
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) {
    response.writeHead(403);
    return response.end("forbidden");
  }
  fs.readFile(file, (error, body) => {
    if (error) {
      response.writeHead(404);
      return response.end("not found");
    }
    response.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
      "Cache-Control": "no-cache",
    });
    response.end(body);
  });
});

server.listen(port, host, () => {
  console.log(`casemap is served at http://${host}:${port}${base} (from ${root}); Ctrl+C stops.`);
});
