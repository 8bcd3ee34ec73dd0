// Drops the linker's `linking` and `reloc.*` custom sections from a wasm file. All wasm is
// linked with --emit-relocs for wasm-split-cli (scripts/build-wasm.sh); a bundle that is
// not split (the instructor's) would otherwise keep them: about 1 MB that nothing reads.
// Usage: node scripts/strip-relocs.mjs IN.wasm OUT.wasm
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) { console.error('usage: node scripts/strip-relocs.mjs IN.wasm OUT.wasm'); process.exit(2); }
const wasm = readFileSync(input);
if (wasm.length < 8 || wasm.readUInt32BE(0) !== 0x0061736d) { console.error(`strip-relocs: ${input} is not a wasm module`); process.exit(1); }

let at = 8;
const leb = () => {
  let value = 0, shift = 0, byte;
  do { byte = wasm[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return value;
};
const kept = [wasm.subarray(0, 8)];
while (at < wasm.length) {
  const start = at;
  const id = wasm[at++];
  const end = leb() + at;
  if (end > wasm.length) { console.error(`strip-relocs: ${input} is truncated`); process.exit(1); }
  let name = '';
  if (id === 0) { const len = leb(); name = wasm.subarray(at, at + len).toString(); }
  if (name !== 'linking' && !name.startsWith('reloc.')) kept.push(wasm.subarray(start, end));
  at = end;
}
writeFileSync(output, Buffer.concat(kept));
