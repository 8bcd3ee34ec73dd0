// Build step (scripts/build-wasm.sh): makes the chunk loader that wasm-split-cli writes
// (`__wasm_split.js`) load a chunk whatever Content-Type the server sends it with.
//
// The generator's loader calls `WebAssembly.instantiateStreaming(fetch(url), imports)`,
// which refuses any response not labelled `application/wasm`. Many LMSs and older servers
// label `.wasm` as `application/octet-stream` (Moodle's file-type list has no entry for it),
// and every chunk then fails to load. This rewrites each such call to go through
// `__instantiateAnyType`: streaming compilation when the response says `application/wasm`
// (no second download, no buffering), otherwise compiling from the response's bytes (the
// same response: still one download). An HTTP error stays an error, so the page's "Try
// again" still applies. The rewrite is checked: a generator that no longer writes the call
// fails the build instead of shipping an unpatched loader.
// Usage: node scripts/split-loader.mjs path/to/__wasm_split.js
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) { console.error('usage: node scripts/split-loader.mjs __wasm_split.js'); process.exit(2); }
const source = readFileSync(file, 'utf8');
const call = 'WebAssembly.instantiateStreaming(';
const count = source.split(call).length - 1;
if (count === 0 || source.includes('__instantiateAnyType')) {
  console.error(`split-loader: ${file} has ${count} calls to ${call}...) ` +
    (count ? 'and is already patched' : '(has wasm_split_cli_support changed its loader?)'));
  process.exit(1);
}
const helper = `// Added by scripts/split-loader.mjs: load a chunk whatever Content-Type it is served with.
async function __instantiateAnyType(source, imports) {
    const response = await source;
    if (!response.ok) throw new Error(\`\${response.url}: HTTP \${response.status}\`);
    const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;
// Appended: a function declaration is hoisted, so the loaders above can call it.
writeFileSync(file, `${source.replaceAll(call, '__instantiateAnyType(')}\n${helper}`);
console.log(`split-loader: ${count} chunk loads in ${file} accept any Content-Type`);
