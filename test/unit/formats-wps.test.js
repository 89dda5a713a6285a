// .wps (issue 12): what works, precisely. WPS Office saves .wps in Word 97's compound container
// (an OLE file with a WordDocument stream): such a file reads exactly like the .doc it is (here a
// .doc made by LibreOffice, renamed). A .wps in another container is refused with one line
// saying what to do: the old proprietary WPS format (not OLE), or an OLE file without a Word
// body. A .wps that is really a .docx (zip) reads as .docx. Needs dist/node.js (`npm run build`).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readPlanSource, sourceFromBytes, PlanReadError } = require('../../dist/node.js');

const DOC = path.join(__dirname, '..', 'fixtures', 'formats', 'wps', 'short-plan.doc');
const EXPECTED = [
  '某区儿童发展规划（2021—2030年）',
  '一、总体目标',
  '到2025年，婴儿死亡率降至5‰以下，5岁以下儿童死亡率降至7‰以下。',
  '二、主要目标',
  '（一）儿童与健康',
  '1.新生儿访视率保持在90%以上。',
  '2.儿童青少年总体近视率力争每年降低0.5个百分点以上。',
];

function oneLine(err, kind, re) {
  assert.ok(err instanceof PlanReadError, String(err && err.stack));
  assert.equal(err.kind, kind, err.message);
  assert.ok(!err.message.includes('\n'));
  assert.ok(!err.localized('zh-cn').includes('\n'));
  assert.match(err.message, re);
  assert.match(err.localized('zh-cn'), /另存为 \.docx/);
  return true;
}

describe('formats: .wps', () => {
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-wps-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a .wps in the Word 97 container (a .doc renamed) reads as the .doc does, format "wps"', async () => {
    const wps = path.join(tmp, 'plan.wps');
    fs.copyFileSync(DOC, wps);
    const fromDoc = await readPlanSource(DOC);
    const fromWps = await readPlanSource(wps);
    assert.deepEqual(fromDoc.text.split('\n'), EXPECTED);
    assert.equal(fromWps.text, fromDoc.text);
    assert.deepEqual(fromWps.lineRefs, fromDoc.lineRefs);
    assert.equal(fromDoc.format, 'doc');
    assert.equal(fromWps.format, 'wps');
  });

  it('a .wps that is not an OLE file (old proprietary WPS, or text renamed) is refused in one line', async () => {
    for (const bytes of [Buffer.from('WPS\u0000\u0001proprietary body'), Buffer.from('一、总体目标\n', 'utf8')]) {
      await assert.rejects(sourceFromBytes(bytes, 'old.wps'), (e) =>
        oneLine(e, 'unsupported', /^old\.wps: cannot read: not a \.wps file WPS Office saves in the Word 97 container/),
      );
    }
  });

  it('an OLE .wps without a Word body (no WordDocument stream) is refused in one line', async () => {
    const buf = Buffer.from(fs.readFileSync(DOC));
    // rename the WordDocument stream in the compound file's directory (UTF-16LE name)
    const name = Buffer.from('WordDocument', 'utf16le');
    const at = buf.indexOf(name);
    assert.ok(at > 0);
    buf.write('X', at, 'utf16le');
    await assert.rejects(sourceFromBytes(buf, 'other.wps'), (e) => oneLine(e, 'unsupported', /without a WordDocument stream/));
  });
});
