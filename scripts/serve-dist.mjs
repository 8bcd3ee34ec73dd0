// Serves a built site (default: dist/) on 127.0.0.1 with an SPA fallback, so deep links
// such as /topics/actors/actors-states load the app. Used by the end-to-end tests.
// WASM_TYPE=application/octet-stream serves `.wasm` files with that Content-Type instead, as
// a server with no entry for the extension does (Moodle, many older servers).
// Usage: [WASM_TYPE=...] node scripts/serve-dist.mjs [DIR] [PORT]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': process.env.WASM_TYPE || 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf', '.xml': 'application/xml', '.zip': 'application/zip',
};

const cache = new Map();
function compressed(path, body, how) {
  const key = `${how}:${createHash('sha1').update(body).digest('hex')}`;
  if (!cache.has(key)) {
    cache.set(key, how === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(body, { level: 9 }));
  }
  return cache.get(key);
}

async function file(path) {
  try { return (await stat(path)).isFile() ? path : null; } catch { return null; }
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let path = await file(join(root, rel)) ?? await file(join(root, rel, 'index.html'));
  // Unknown paths without a file extension are app routes: serve the app.
  // (In a translation's folder, such as fr/, that language's.)
  if (!path && !extname(rel)) path = await file(join(root, rel.split(/[/\\]/)[0], 'index.html')) ?? join(root, 'index.html');
  if (!path) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
  const body = await readFile(path);
  const headers = { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding' };
  // Compress as a production server would (brotli, else gzip), except already-compressed images.
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const compressible = !['.png', '.jpg', '.zip', '.pdf'].includes(extname(path));
  if (compressible && accepts.includes('br')) {
    res.writeHead(200, { ...headers, 'content-encoding': 'br' });
    res.end(compressed(path, body, 'br'));
  } else if (compressible && accepts.includes('gzip')) {
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
    res.end(compressed(path, body, 'gzip'));
  } else {
    res.writeHead(200, headers);
    res.end(body);
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
