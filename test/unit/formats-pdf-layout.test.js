// PDF layouts the reader must undo (issue 12): a page in two columns reads column by column (not
// line-interleaved across the gutter), a page set sideways reads like an upright one, Chinese
// set one character per run with letter spacing reads without the spacing, and a two-column
// table stays a table. The PDFs are written here (test/unit/helpers/mini-pdf.js), so each layout
// is exactly what the test says. Needs dist/node.js and dist/pdf.js (`npm run build`).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readPlanSource } = require('../../dist/node.js');
const { makePdf, typeset, blocksText } = require('./helpers/mini-pdf.js');

const LEFT = [
  { heading: '一、总体目标' },
  {
    para: '到2025年，全区儿童健康水平进一步提高，婴儿死亡率降至5‰以下，5岁以下儿童死亡率降至7‰以下，儿童优先原则全面贯彻，儿童友好城市建设取得实效。',
  },
  { heading: '二、主要目标' },
  { para: '儿童健康、安全、教育、福利、家庭、环境、法律保护等领域发展水平明显提升，城乡、区域儿童发展差距进一步缩小。' },
];
const RIGHT = [
  { heading: '（一）儿童与健康' },
  { para: '构建完善覆盖城乡的儿童健康服务体系，新生儿访视率保持在90%以上，儿童青少年总体近视率力争每年降低0.5个百分点以上。' },
  { heading: '（二）儿童与安全' },
  {
    para: '儿童伤害死亡率以2020年为基数下降20%，18岁以下儿童溺水死亡率持续下降，儿童食品安全得到有效保障，预防和制止针对儿童一切形式的暴力。',
  },
];
const ALL = LEFT.concat(RIGHT);
const EXPECTED = blocksText(ALL);

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-pdf-layout-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
async function read(name, pages) {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, makePdf(pages));
  return readPlanSource(f);
}

describe('formats: PDF layouts', function () {
  this.timeout(30000);

  it('one column, one run per line: the baseline the others are compared with', async () => {
    const src = await read('one.pdf', [{ runs: typeset(ALL, { cols: 18 }) }]);
    assert.equal(src.text, EXPECTED);
  });

  it('two columns: the left column, then the right one (runs drawn line by line across the gutter)', async () => {
    const runs = [...typeset(LEFT, { cols: 18, x: 50 }), ...typeset(RIGHT, { cols: 18, x: 320 })].sort(
      (a, b) => b.y - a.y || a.x - b.x,
    );
    const src = await read('two.pdf', [{ runs }]);
    assert.equal(src.text, EXPECTED);
    assert.ok(src.lineRefs.every((r) => r.page === 1));
  });

  it('two columns under a title spanning both: the title first', async () => {
    const title = { text: '某区儿童发展规划（2021—2030年）', x: 150, y: 800, size: 16 };
    const runs = [title, ...typeset(LEFT, { cols: 18, x: 50 }), ...typeset(RIGHT, { cols: 18, x: 320 })];
    const src = await read('two-title.pdf', [{ runs }]);
    assert.equal(src.text, `${title.text}\n${EXPECTED}`);
  });

  it('a two-column table is not taken for two columns of text: one | row | per line', async () => {
    const rows = [
      ['指标', '2025年目标值'],
      ['婴儿死亡率', '5‰以下'],
      ['5岁以下儿童死亡率', '7‰以下'],
      ['孕产妇死亡率', '12/10万以下'],
      ['新生儿访视率', '90%以上'],
      ['儿童近视率', '每年降低0.5个百分点'],
      ['适龄儿童疫苗接种率', '95%以上'],
      ['学前教育毛入园率', '92%以上'],
    ];
    const runs = [{ text: '主要指标', x: 72, y: 740 }];
    rows.forEach((r, i) => runs.push({ text: r[0], x: 72, y: 700 - i * 20 }, { text: r[1], x: 330, y: 700 - i * 20 }));
    const src = await read('table.pdf', [{ runs }]);
    assert.deepEqual(src.text.split('\n'), ['主要指标', ...rows.map((r) => `| ${r[0]} | ${r[1]} |`)]);
  });

  it('a page turned a quarter (/Rotate 90, text drawn up the page) reads like the upright page', async () => {
    const runs = typeset(ALL, { cols: 18 }).map((r) => ({ ...r, matrix: [0, 1, -1, 0], x: 842 - r.y, y: r.x }));
    const src = await read('rot90.pdf', [{ rotate: 90, runs }]);
    assert.equal(src.text, EXPECTED);
  });

  it('a page turned three quarters (/Rotate 270, text drawn down the page) as well', async () => {
    const runs = typeset(ALL, { cols: 18 }).map((r) => ({ ...r, matrix: [0, -1, 1, 0], x: r.y - 300, y: 842 - r.x }));
    const src = await read('rot270.pdf', [{ rotate: 270, runs }]);
    assert.equal(src.text, EXPECTED);
  });

  it('CJK set one character per run with letter spacing: no spaces inside words or figures (2025年, 5‰)', async () => {
    for (const advance of [1.1, 1.5]) {
      const src = await read(`spaced-${advance}.pdf`, [{ runs: typeset(ALL, { cols: 18, perChar: true, advance }) }]);
      assert.equal(src.text, EXPECTED, `advance ${advance} em`);
    }
  });
});

describe('formats: the PDF reader bundle is compiled once per machine (V8 code cache)', function () {
  this.timeout(60000);
  const { spawnSync } = require('node:child_process');
  const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

  it('the first read writes the cache, later reads use it, a damaged cache is rejected and rewritten; the text never changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-codecache-'));
    try {
      const pdf = path.join(dir, 'plan.pdf');
      fs.writeFileSync(pdf, makePdf([{ runs: typeset(ALL, { cols: 18 }) }]));
      const extract = () => {
        const r = spawnSync(process.execPath, [CLI, 'extract', '--format', 'json', pdf], {
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: dir, TEMP: dir, TMP: dir },
        });
        assert.equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout);
      };
      const cacheDir = path.join(dir, 'planlint-code-cache');
      const first = extract();
      const files = fs.readdirSync(cacheDir);
      assert.equal(files.length, 1);
      const cacheFile = path.join(cacheDir, files[0]);
      assert.ok(fs.statSync(cacheFile).size > 10000);
      assert.deepEqual(extract(), first);
      fs.writeFileSync(cacheFile, Buffer.from('not a V8 code cache'));
      assert.deepEqual(extract(), first);
      assert.ok(fs.statSync(cacheFile).size > 10000, 'rewritten');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formats: a password-protected PDF', () => {
  it('is refused in one line before any text is read (standard security handler, no empty user password)', async () => {
    const f = path.join(os.tmpdir(), `planlint-enc-${process.pid}.pdf`);
    fs.writeFileSync(f, makePdf([{ runs: typeset(LEFT, { cols: 18 }) }], { encrypt: true }));
    try {
      await assert.rejects(readPlanSource(f), (e) => {
        assert.equal(e.name, 'PlanReadError');
        assert.equal(e.kind, 'encrypted');
        assert.match(e.message, /password-protected/);
        assert.ok(!e.message.includes('\n'));
        return true;
      });
    } finally {
      fs.rmSync(f, { force: true });
    }
  });
});
