// Packages a built site as a SCORM 1.2 zip: imsmanifest.xml at the root, the control-file
// schemas it names beside it (assets/scorm12/, which strict LMSs expect), the site beside them.
// Usage: node scripts/scorm-package.mjs SITE_DIR OUT.zip   (SITE_DIR built with --public-url ./)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { siteFiles, isInstructorOnly } from './site-files.mjs';

const [site, out] = process.argv.slice(2);
if (!site || !out) { console.error('usage: node scripts/scorm-package.mjs SITE_DIR OUT.zip'); process.exit(2); }

// The instructor's results page has no place inside an LMS (the LMS reports results).
const files = siteFiles(site).filter((f) => !isInstructorOnly(f));
const course = JSON.parse(readFileSync(join(site, 'course/course.json'), 'utf8'));
const xml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(course.id)}-${xml(course.version)}" version="${xml(course.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${xml(course.title)}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>${xml(course.title)}</title>
        <adlcp:masteryscore>${course.assessment.pass_mark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${files.map((f) => `      <file href="${xml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;

// A minimal ZIP writer (deflate, CRC-32), enough for LMS importers.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
// The schemas named in xsi:schemaLocation above, in the package root.
const schemas = [...manifest.matchAll(/ (\w+\.xsd)/g)].map((m) => m[1]).concat('ims_xml.xsd')
  .map((f) => [f, readFileSync(join('assets/scorm12', f))]);
const entries = [['imsmanifest.xml', Buffer.from(manifest)], ...schemas, ...files.map((f) => [f, readFileSync(join(site, f))])];
const parts = [];
const central = [];
let offset = 0;
for (const [name, data] of entries) {
  const nameBuf = Buffer.from(name);
  const packed = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
  local.writeUInt16LE(8, 8); local.writeUInt16LE(0, 10); local.writeUInt16LE(0x21, 12);
  local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
  parts.push(local, nameBuf, packed);
  const head = Buffer.alloc(46);
  head.writeUInt32LE(0x02014b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(20, 6); head.writeUInt16LE(0x0800, 8);
  head.writeUInt16LE(8, 10); head.writeUInt16LE(0, 12); head.writeUInt16LE(0x21, 14);
  head.writeUInt32LE(crc, 16); head.writeUInt32LE(packed.length, 20); head.writeUInt32LE(data.length, 24);
  head.writeUInt16LE(nameBuf.length, 28); head.writeUInt32LE(offset, 42);
  central.push(head, nameBuf);
  offset += 30 + nameBuf.length + packed.length;
}
const centralBuf = Buffer.concat(central);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
end.writeUInt32LE(centralBuf.length, 12); end.writeUInt32LE(offset, 16);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([...parts, centralBuf, end]));
console.log(`scorm-package: ${out} (${entries.length} files, SCORM 1.2, mastery score ${course.assessment.pass_mark})`);
