// Plans in the formats users receive (issue 12): Word .docx (automatic numbering rendered), .doc,
// PDF, saved web pages (UTF-8 and GBK). Every reading of the same plan must give the same 7
// domains, the same targets and the same numbering findings as its .txt. Failures: zip bomb,
// encrypted, macro-enabled, scanned PDF (no text layer), truncated files: one-line errors.
// Needs dist/node.js, dist/pdf.js, dist/core.js (`npm run build`).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const iconv = require('iconv-lite');
const { zipSync, strToU8 } = require('fflate');
const {
  readPlanSource,
  sourceFromBytes,
  PlanReadError,
  collectPlanFiles,
  formatNumber,
  isUpstreamId,
} = require('../../dist/node.js');
const { parsePlan, checkPlan, getBuiltinBaseline } = require('../../dist/core.js');

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const OWN = path.join(ROOT, 'test', 'fixtures', 'formats');
/** The issue's fixtures (test/unit/helpers/shared-formats.js). */
const { SHARED_FORMATS: SHARED } = require('./helpers/shared-formats');

const targetKey = (t) => `${t.domain}|${t.indicator}|${t.kind}|${t.value}|${t.unit}|${t.year}`;
const numberingFindings = (plan) =>
  checkPlan(plan, [getBuiltinBaseline('national')], {})
    .filter((f) => f.rule.startsWith('numbering-'))
    .map((f) => `${f.rule}: ${f.message}`);

function assertSamePlan(fromFile, fromText, what, { numbering = true } = {}) {
  assert.deepEqual(
    fromFile.domains.map((d) => d.domain),
    fromText.domains.map((d) => d.domain),
    `${what}: domains`,
  );
  assert.equal(fromFile.domains.length, 7, `${what}: 7 domains`);
  assert.deepEqual(fromFile.targets.map(targetKey).sort(), fromText.targets.map(targetKey).sort(), `${what}: targets`);
  assert.equal(fromFile.title, fromText.title, `${what}: title`);
  assert.deepEqual(fromFile.period, fromText.period, `${what}: period`);
  if (numbering) assert.deepEqual(numberingFindings(fromFile), numberingFindings(fromText), `${what}: numbering findings`);
}

/** One-line PlanReadError naming the file. */
function assertOneLine(err, file, kind, re) {
  assert.ok(err instanceof PlanReadError, `expected PlanReadError, got ${err && err.stack}`);
  assert.equal(err.kind, kind, err.message);
  assert.ok(err.message.startsWith(`${file}: `), err.message);
  assert.ok(!err.message.includes('\n'), err.message);
  assert.ok(!err.localized('zh-cn').includes('\n'));
  if (re) assert.match(err.message, re);
  return true;
}

// --- building small .docx files in the test -----------------------------------------------------
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CT = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOC_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`;

/** A paragraph: text split over runs, optionally in list numId at level ilvl. */
function p(text, numId, ilvl = 0) {
  const numPr = numId ? `<w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>` : '';
  const half = Math.ceil(text.length / 2);
  return `<w:p>${numPr}<w:r><w:t xml:space="preserve">${text.slice(0, half)}</w:t></w:r><w:r><w:t>${text.slice(half)}</w:t></w:r></w:p>`;
}

function docx(bodyXml, numberingXml, extra = {}) {
  const files = {
    '[Content_Types].xml': strToU8(extra.contentTypes ?? CT),
    '_rels/.rels': strToU8(RELS),
    'word/_rels/document.xml.rels': strToU8(DOC_RELS),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${bodyXml}</w:body></w:document>`,
    ),
    ...(numberingXml
      ? { 'word/numbering.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${numberingXml}</w:numbering>`) }
      : {}),
    ...(extra.files ?? {}),
  };
  return Buffer.from(zipSync(files));
}

const LEVELS = [
  ['chineseCounting', '%1、'],
  ['chineseCounting', '（%2）'],
  ['decimal', '%3.'],
  ['decimal', '（%4）'],
];
function abstractNum(id, levels = LEVELS, start = {}) {
  return `<w:abstractNum w:abstractNumId="${id}">${levels
    .map(
      ([fmt, text], i) =>
        `<w:lvl w:ilvl="${i}"><w:start w:val="${start[i] ?? 1}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`,
    )
    .join('')}</w:abstractNum>`;
}

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-formats-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
function tmpFile(name, data) {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, data);
  return f;
}

describe('formats: the issue fixtures (../shared/formats) read like the .txt', function () {
  this.timeout(60000);
  const txt = fs.readFileSync(path.join(CORPUS, 'jinlin-district-2021-2025.txt'), 'utf8');
  const fromText = parsePlan(txt);
  const cases = [
    ['jinlin-district-2021-2025.plain.docx', 'docx'],
    ['jinlin-district-2021-2025.autonum.docx', 'docx'],
    ['jinlin-district-2021-2025.plain.doc', 'doc'],
    ['jinlin-district-2021-2025.plain.pdf', 'pdf'],
    ['jinlin-district-2021-2025.utf8.html', 'html'],
    ['jinlin-district-2021-2025.gbk.html', 'html'],
  ];
  for (const [name, format] of cases) {
    it(`${name}: same domains, targets and numbering findings as the .txt`, async function () {
      const src = await readPlanSource(path.join(SHARED, name));
      assert.equal(src.format, format);
      const plan = parsePlan(src.text);
      assertSamePlan(plan, fromText, name);
      // every line maps back to the source (a paragraph, a page or a table row)
      assert.equal(src.lineRefs.length, plan.lines.length);
      assert.ok(
        src.lineRefs.every((r) => r && (r.paragraph || r.page || r.row)),
        'every line has a source position',
      );
      if (format === 'pdf') {
        assert.ok(
          src.lineRefs.some((r) => r.page > 40),
          'pages run to the end',
        );
        assert.ok(!plan.lines.some((l) => /^[-—\s]*\d+[-—\s]*$/.test(l)), 'no page number lines');
      }
    });
  }

  it('autonum.docx: Word automatic numbering is rendered (一、 （一） 1. as in the .txt)', async function () {
    const src = await readPlanSource(path.join(SHARED, 'jinlin-district-2021-2025.autonum.docx'));
    const plan = parsePlan(src.text);
    const markers = (p) => p.outline.map((n) => `${n.level}:${n.marker}`);
    assert.deepEqual(markers(plan), markers(fromText));
  });

  it('GBK page declared gb2312: characters outside GB2312 decode (read as GB18030)', async function () {
    const gbk = await readPlanSource(path.join(SHARED, 'jinlin-district-2021-2025.gbk.html'));
    const utf8 = await readPlanSource(path.join(SHARED, 'jinlin-district-2021-2025.utf8.html'));
    assert.equal(gbk.encoding, 'GB18030');
    assert.equal(gbk.text, utf8.text);
    assert.ok(!gbk.text.includes('\ufffd'));
  });

  it('HTML: no navigation, breadcrumbs, 发布时间/来源 line or footer in the text', async function () {
    const src = await readPlanSource(path.join(SHARED, 'jinlin-district-2021-2025.utf8.html'));
    for (const junk of ['当前位置', '发布时间', '来源：', '版权所有', 'ICP', '分享到', '首页', '打印本页']) {
      assert.ok(!src.text.includes(junk), `"${junk}" left in the text`);
    }
  });
});

describe('formats: other plans converted by LibreOffice (generalisation)', function () {
  this.timeout(60000);
  const files = fs.existsSync(OWN) ? fs.readdirSync(OWN).filter((f) => /\.(docx|doc|pdf|html?)$/.test(f)) : [];
  it('there are such fixtures', () => assert.ok(files.length >= 2));
  for (const name of files) {
    it(`${name}: domains identical, targets recall and precision ≥ 0.97 against the .txt`, async () => {
      const txt = fs.readFileSync(path.join(CORPUS, name.replace(/\.[^.]+$/, '.txt')), 'utf8');
      const fromText = parsePlan(txt);
      const plan = parsePlan((await readPlanSource(path.join(OWN, name))).text);
      assert.deepEqual(
        plan.domains.map((d) => d.domain),
        fromText.domains.map((d) => d.domain),
      );
      const want = new Set(fromText.targets.map(targetKey));
      const got = new Set(plan.targets.map(targetKey));
      const hit = [...got].filter((k) => want.has(k)).length;
      assert.ok(hit / want.size >= 0.97, `recall ${hit}/${want.size}`);
      assert.ok(hit / Math.max(1, got.size) >= 0.97, `precision ${hit}/${got.size}`);
    });
  }
});

describe('formats: PDFs printed by Chromium, in columns (another producer)', function () {
  this.timeout(60000);
  const dir = path.join(OWN, 'chromium');
  const sources = JSON.parse(fs.readFileSync(path.join(dir, 'sources.json'), 'utf8'));
  it('there are such fixtures', () => assert.ok(Object.keys(sources).length >= 2));
  for (const [name, { source, lines }] of Object.entries(sources)) {
    it(`${name}: the same domains and targets as its source text`, async () => {
      let txt = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', source), 'utf8');
      if (lines) txt = txt.split(/\r?\n/).slice(0, lines).join('\n') + '\n';
      const fromText = parsePlan(txt);
      const plan = parsePlan((await readPlanSource(path.join(dir, name))).text);
      assert.deepEqual(
        plan.domains.map((d) => d.domain),
        fromText.domains.map((d) => d.domain),
      );
      assert.ok(fromText.targets.length >= 10, `${fromText.targets.length} targets in the source`);
      assert.deepEqual(plan.targets.map(targetKey).sort(), fromText.targets.map(targetKey).sort());
    });
  }
});

describe('formats: Word automatic numbering written by LibreOffice (another producer)', function () {
  this.timeout(60000);
  const dir = path.join(OWN, 'word-lists');
  it('qujiang-lists.docx: the item numbers LibreOffice shows, and the source text’s targets', async () => {
    const { source, shownByLibreOffice } = JSON.parse(fs.readFileSync(path.join(dir, 'qujiang-lists.numbers.json'), 'utf8'));
    const text = (await readPlanSource(path.join(dir, 'qujiang-lists.docx'))).text;
    const numbers = text
      .split('\n')
      .map((l) => /^(\d+)[.．]/.exec(l))
      .filter(Boolean)
      .map((m) => Number(m[1]));
    assert.equal(shownByLibreOffice.length, 150);
    assert.deepEqual(numbers, shownByLibreOffice);
    const fromText = parsePlan(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', source), 'utf8'));
    const plan = parsePlan(text);
    assert.deepEqual(
      plan.domains.map((d) => d.domain),
      fromText.domains.map((d) => d.domain),
    );
    assert.deepEqual(plan.targets.map(targetKey).sort(), fromText.targets.map(targetKey).sort());
  });
});

describe('formats: .docx built in the test', () => {
  it('renders chineseCounting / decimal levels, lvlText, restarts, w:start and startOverride', async () => {
    const numbering =
      abstractNum(1) +
      abstractNum(
        2,
        [
          ['decimal', '%1.'],
          ['decimalEnclosedCircle', '%2'],
        ],
        { 0: 5 },
      ) +
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>' +
      '<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="7"/></w:lvlOverride></w:num>';
    const body = [
      p('总体要求', 1, 0),
      p('指导思想', 1, 1),
      p('基本原则', 1, 1),
      p('坚持党的领导', 1, 2),
      p('坚持儿童优先', 1, 2),
      p('细则', 1, 3),
      p('发展领域', 1, 0), // level 0 again: deeper levels restart
      p('儿童与健康', 1, 1),
      p('儿童与安全', 2, 1), // new instance, startOverride 1 at level 1
      p('第五条', 3, 0), // w:start 5
      p('圈一', 3, 1),
      p('继续', 4, 2), // startOverride 7 at level 2
      p('没有编号的段落'),
      p('', 1, 0), // an empty numbered paragraph: no marker, not counted
      p('组织实施', 1, 0),
    ].join('');
    const src = await sourceFromBytes(docx(body, numbering), 'built.docx');
    assert.deepEqual(src.text.split('\n'), [
      '一、总体要求',
      '（一）指导思想',
      '（二）基本原则',
      '1.坚持党的领导',
      '2.坚持儿童优先',
      '（1）细则',
      '二、发展领域',
      '（一）儿童与健康',
      '（一）儿童与安全',
      '5.第五条',
      '①圈一',
      '7.继续',
      '没有编号的段落',
      '三、组织实施',
    ]);
    assert.deepEqual(
      src.lineRefs.map((r) => r.paragraph),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    );
  });

  it('tables become | cell | rows (with their table and row); deleted revisions and field codes are left out', async () => {
    const cell = (t) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const body =
      p('主要指标') +
      `<w:tbl><w:tr>${cell('指标')}${cell('2025年目标值')}</w:tr><w:tr>${cell('婴儿死亡率（‰）')}${cell('5')}</w:tr></w:tbl>` +
      '<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>文字</w:t></w:r></w:p>';
    const src = await sourceFromBytes(docx(body), 'table.docx');
    assert.deepEqual(src.text.split('\n'), ['主要指标', '| 指标 | 2025年目标值 |', '| 婴儿死亡率（‰） | 5 |', '保留文字']);
    assert.deepEqual(src.lineRefs[2], { table: 1, row: 2 });
    assert.deepEqual(src.lineRefs[3], { paragraph: 2 });
  });

  it('number formats', () => {
    assert.equal(formatNumber(1, 'chineseCounting'), '一');
    assert.equal(formatNumber(10, 'chineseCounting'), '十');
    assert.equal(formatNumber(12, 'chineseCounting'), '十二');
    assert.equal(formatNumber(20, 'chineseCounting'), '二十');
    assert.equal(formatNumber(105, 'chineseCounting'), '一百零五');
    assert.equal(formatNumber(3, 'decimalEnclosedCircle'), '③');
    assert.equal(formatNumber(4, 'upperRoman'), 'IV');
    assert.equal(formatNumber(2, 'chineseLegalSimplified'), '贰');
  });
});

describe('formats: refused and broken files (one-line errors)', function () {
  this.timeout(30000);

  it('zip bomb: a part declaring a huge size is refused before inflating', async () => {
    const z = Buffer.from(docx(p('正文')));
    // forge the declared size of word/document.xml in its local header and central directory entry
    const name = Buffer.from('word/document.xml');
    const cd = z.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]));
    let at = cd;
    while (at >= 0 && z.subarray(at + 46, at + 46 + name.length).compare(name) !== 0)
      at = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
    assert.ok(at >= 0);
    z.writeUInt32LE(3 * 1024 * 1024 * 1024, at + 24);
    const lh = z.readUInt32LE(at + 42);
    z.writeUInt32LE(3 * 1024 * 1024 * 1024, lh + 22);
    const f = tmpFile('bomb.docx', z);
    await assert.rejects(readPlanSource(f), (e) => assertOneLine(e, f, 'too-large', /zip bomb/));
  });

  it('zip bomb: a part inflating far beyond its compressed size is refused', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const z = docx(p('正文'), null, { files: { 'word/media/blob.xml': zeros } });
    const f = tmpFile('ratio.docx', z);
    await assert.rejects(readPlanSource(f), (e) => assertOneLine(e, f, 'too-large', /zip bomb/));
  });

  it('zip bomb: too many entries', async () => {
    const files = {};
    for (let i = 0; i < 5100; i++) files[`word/x${i}.xml`] = new Uint8Array(0);
    const f = tmpFile('entries.docx', docx(p('正文'), null, { files }));
    await assert.rejects(readPlanSource(f), (e) => assertOneLine(e, f, 'too-large', /entries/));
  });

  it('macro-enabled: .docm and a package with vbaProject.bin are refused', async () => {
    const withVba = docx(p('正文'), null, { files: { 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) } });
    const f1 = tmpFile('macro.docx', withVba);
    await assert.rejects(readPlanSource(f1), (e) => assertOneLine(e, f1, 'macros', /macro/));
    const f2 = tmpFile('plain.docm', docx(p('正文')));
    await assert.rejects(readPlanSource(f2), (e) => assertOneLine(e, f2, 'macros', /\.docm/));
  });

  it('encrypted: an OOXML file in its encrypted container (EncryptedPackage) is refused', async () => {
    const f = tmpFile('secret.docx', encryptedOoxml());
    await assert.rejects(readPlanSource(f), (e) => assertOneLine(e, f, 'encrypted', /password-protected/));
  });

  it('scanned PDF (no text layer): one line saying so', async () => {
    const f = tmpFile('scan.pdf', textlessPdf());
    await assert.rejects(readPlanSource(f), (e) => assertOneLine(e, f, 'no-text', /no text layer/));
    await assert.rejects(readPlanSource(f), (e) => /扫描版/.test(e.localized('zh-cn')));
  });

  it('truncated files: .docx, .pdf and .doc cut short give one-line errors', async () => {
    const z = docx(p('正文'.repeat(200)));
    const f1 = tmpFile('cut.docx', z.subarray(0, Math.floor(z.length / 2)));
    await assert.rejects(readPlanSource(f1), (e) => assertOneLine(e, f1, 'malformed'));
    const f2 = tmpFile('cut.pdf', textlessPdf().subarray(0, 40));
    await assert.rejects(readPlanSource(f2), (e) => assertOneLine(e, f2, 'malformed'));
    const f3 = tmpFile('cut.doc', encryptedOoxml().subarray(0, 300));
    await assert.rejects(readPlanSource(f3), (e) => assertOneLine(e, f3, 'malformed'));
  });

  it('a .docx that is not a zip at all (renamed text) is a one-line error, not text', async () => {
    const f = tmpFile('renamed.docx', Buffer.from('这不是 Word 文件'));
    await assert.rejects(readPlanSource(f), (e) => assertOneLine(e, f, 'malformed', /not a valid Word file/));
  });
});

describe('formats: HTML pages built in the test', () => {
  it('meta charset gb2312 with a character outside GB2312 (read as GB18030), article only', async () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>标题_网站</title><meta name="Keywords" content="儿童"></head><body>
      <div class="nav"><a href="/">首页</a><a href="/a">政务公开</a></div>
      <div class="crumb">当前位置：首页 &gt; 文件</div>
      <div class="article"><h1>某区儿童发展规划（2021—2025年）</h1><div class="info">发布时间：2022-01-01 来源：办公室</div>
      <div id="zoom"><p>　　一、总体目标</p><p>　　到2025年，婴儿死亡率降至5‰以下，玥字不在GB2312中，这一段是正文，内容较长，用于评分。</p><p>　　（一）儿童与健康</p><p>　　这一段也是正文，有逗号，有句号。</p></div></div>
      <div class="footer">版权所有：某区人民政府 ICP备00000000号</div></body></html>`;
    const f = tmpFile('page.htm', iconv.encode(page, 'gbk'));
    const src = await readPlanSource(f);
    assert.equal(src.encoding, 'GB18030');
    assert.deepEqual(src.text.split('\n'), [
      '某区儿童发展规划（2021—2025年）',
      '一、总体目标',
      '到2025年，婴儿死亡率降至5‰以下，玥字不在GB2312中，这一段是正文，内容较长，用于评分。',
      '（一）儿童与健康',
      '这一段也是正文，有逗号，有句号。',
    ]);
  });
});

describe('formats: HTML pages laid out in tables (the title in a styled cell, not a heading)', () => {
  const body = `<p>　　一、总体目标</p><p>　　到2030年，婴儿死亡率降至5‰以下，这一段是正文，内容较长，用于评分，有逗号。</p><p>　　（一）儿童与健康</p><p>　　这一段也是正文，有逗号，有句号。</p>`;
  const page = (title) => `<html><head><meta charset="utf-8"><title>${title}</title></head><body>
    <table width="1000"><tr><td class="nav"><a href="/">首页</a> <a href="/zw">政务公开</a></td></tr>
    <tr><td><table><tr><td class="bt" style="font-size:22px">某区儿童发展规划（2021—2030年）</td></tr>
    <tr><td>发布时间：2022-06-15 来源：区妇儿工委</td></tr><tr><td id="zoom">${body}</td></tr></table></td></tr>
    <tr><td class="footer">版权所有：某区人民政府 备案号：00000000号</td></tr></table></body></html>`;

  it('the plan title comes from the page title, before the site name (_ - |)', async () => {
    for (const title of [
      '某区儿童发展规划（2021—2030年）_某区人民政府网',
      '某区儿童发展规划（2021—2030年） - 某市政府',
      '某区人民政府网｜某区儿童发展规划（2021—2030年）',
    ]) {
      const src = await readPlanSource(tmpFile('table-page.html', page(title)));
      const lines = src.text.split('\n');
      assert.equal(lines[0], '某区儿童发展规划（2021—2030年）', title);
      assert.equal(lines[1], '一、总体目标');
      assert.ok(!lines.some((l) => /首页|发布时间|版权所有/.test(l)), src.text);
      assert.deepEqual(parsePlan(src.text).period, { start: 2021, end: 2030 });
    }
  });

  it('a page title that names no plan adds nothing', async () => {
    const src = await readPlanSource(tmpFile('table-page2.html', page('某区人民政府门户网站')));
    assert.equal(src.text.split('\n')[0], '一、总体目标');
  });
});

describe("formats: HTML with the text in <pre> (LibreOffice's export of a text file)", () => {
  it('line breaks inside <pre> are lines; <font> is inline', async () => {
    const page =
      '<html><body><pre class="western"><font face="SimSun">一、总体目标\n到2025年，<font>婴儿</font>死亡率降至5‰以下。\n（一）儿童与健康</font></pre></body></html>';
    const src = await sourceFromBytes(Buffer.from(page), 'pre.html');
    assert.deepEqual(src.text.split('\n'), ['一、总体目标', '到2025年，婴儿死亡率降至5‰以下。', '（一）儿童与健康']);
  });
});

describe('formats: folders pick up documents', () => {
  it('collectPlanFiles walks .docx/.doc/.wps/.pdf/.html/.htm besides .txt/.md, never Word lock files', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'folder-'));
    for (const n of ['a.txt', 'b.docx', 'c.doc', 'd.pdf', 'e.html', 'f.htm', 'g.wps', '~$b.docx', 'h.xlsx', 'i.png'])
      fs.writeFileSync(path.join(dir, n), 'x');
    assert.deepEqual(
      collectPlanFiles([dir]).map((f) => path.basename(f)),
      ['a.txt', 'b.docx', 'c.doc', 'd.pdf', 'e.html', 'f.htm', 'g.wps'],
    );
  });

  it('an upstream entry naming a document is a path, not a built-in id', () => {
    for (const f of ['市规划.docx', 'city.PDF', 'plan.doc', 'page.html', 'draft.wps']) assert.equal(isUpstreamId(f), false, f);
    assert.equal(isUpstreamId('national'), true);
  });
});

// --- hand-made binary fixtures --------------------------------------------------------------------

/** A minimal PDF with one empty page (what a scan without OCR looks like to a text extractor). */
function textlessPdf() {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * An OLE compound file shaped like an encrypted OOXML document: a root storage with the streams
 * EncryptionInfo and EncryptedPackage (4 KB each, so in regular sectors; contents random).
 */
function encryptedOoxml() {
  const SECTOR = 512;
  const streamSectors = 8; // 4096 bytes each
  const sectors = 2 + 2 * streamSectors; // FAT, directory, two streams
  const buf = Buffer.alloc(SECTOR * (1 + sectors));
  // header
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  buf.writeUInt16LE(0x003e, 24); // minor version
  buf.writeUInt16LE(0x0003, 26); // major version 3 (512-byte sectors)
  buf.writeUInt16LE(0xfffe, 28); // little-endian
  buf.writeUInt16LE(9, 30); // sector shift
  buf.writeUInt16LE(6, 32); // mini sector shift
  buf.writeUInt32LE(1, 44); // FAT sectors
  buf.writeUInt32LE(1, 48); // first directory sector
  buf.writeUInt32LE(4096, 56); // mini stream cutoff
  buf.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  buf.writeUInt32LE(0, 64);
  buf.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  buf.writeUInt32LE(0, 72);
  buf.writeUInt32LE(0, 76); // DIFAT[0] = FAT in sector 0
  for (let i = 1; i < 109; i++) buf.writeUInt32LE(0xffffffff, 76 + i * 4);
  const sec = (n) => SECTOR * (n + 1);
  // FAT
  const fat = new Array(SECTOR / 4).fill(0xffffffff);
  fat[0] = 0xfffffffd;
  fat[1] = 0xfffffffe;
  for (let s = 0; s < 2; s++) {
    const first = 2 + s * streamSectors;
    for (let i = 0; i < streamSectors; i++) fat[first + i] = i === streamSectors - 1 ? 0xfffffffe : first + i + 1;
  }
  fat.forEach((v, i) => buf.writeUInt32LE(v >>> 0, sec(0) + i * 4));
  // directory: root, EncryptionInfo, EncryptedPackage, empty
  const entry = (i, name, type, child, right, start, size) => {
    const o = sec(1) + i * 128;
    buf.write(name + '\0', o, 'utf16le');
    buf.writeUInt16LE((name.length + 1) * 2, o + 64);
    buf.writeUInt8(type, o + 66);
    buf.writeUInt8(1, o + 67); // black
    buf.writeUInt32LE(0xffffffff, o + 68); // left
    buf.writeUInt32LE(right >>> 0, o + 72);
    buf.writeUInt32LE(child >>> 0, o + 76);
    buf.writeUInt32LE(start >>> 0, o + 116);
    buf.writeUInt32LE(size, o + 120);
  };
  entry(0, 'Root Entry', 5, 1, 0xffffffff, 0xfffffffe, 0);
  entry(1, 'EncryptionInfo', 2, 0xffffffff, 2, 2, 4096);
  entry(2, 'EncryptedPackage', 2, 0xffffffff, 0xffffffff, 2 + streamSectors, 4096);
  for (let o = sec(1) + 3 * 128; o < sec(1) + 4 * 128; o += 4) buf.writeUInt32LE(0xffffffff, o);
  buf.fill(0, sec(1) + 3 * 128, sec(1) + 4 * 128);
  for (let i = sec(2); i < buf.length; i++) buf[i] = (i * 7919) & 0xff;
  return buf;
}
