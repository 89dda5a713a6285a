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

  it('three columns: read column by column (runs drawn line by line across both gutters)', async () => {
    const cols = [LEFT.slice(0, 2), LEFT.slice(2), RIGHT];
    const runs = cols
      .flatMap((blocks, c) => typeset(blocks, { cols: 12, x: 40 + c * 185 }))
      .sort((a, b) => b.y - a.y || a.x - b.x);
    const src = await read('three.pdf', [{ runs }]);
    assert.equal(src.text, EXPECTED);
  });

  it('three columns under a title spanning them, with a centred running header and page number: title, then the columns', async () => {
    const title = { text: '某区儿童发展规划（2021—2030年）', x: 150, y: 790, size: 16 };
    const cols = [LEFT.slice(0, 2), LEFT.slice(2), RIGHT];
    const page = (n) => ({
      runs: [
        { text: '某区人民政府文件汇编', x: 240, y: 815, size: 10 },
        { text: `- ${n} -`, x: 285, y: 30, size: 10 },
        ...(n === 1 ? [title] : []),
        ...cols.flatMap((blocks, c) => typeset(blocks, { cols: 12, x: 40 + c * 185, top: 740 })),
      ],
    });
    const src = await read('three-title.pdf', [page(1), page(2), page(3)]);
    // (a paragraph may run on across a page break: compared without line breaks)
    const flat = (t) => t.replace(/\n/g, '');
    assert.equal(flat(src.text), flat([title.text, EXPECTED, EXPECTED, EXPECTED].join('')));
    assert.ok(src.text.startsWith(`${title.text}\n${blocksText(LEFT)}`), src.text);
  });

  it('two columns with a centred running header and page number crossing the gutter: still two columns', async () => {
    const page = (n) => ({
      runs: [
        { text: '某区人民政府文件汇编', x: 240, y: 815, size: 10 },
        { text: `第${n}页`, x: 285, y: 30, size: 10 },
        ...typeset(LEFT, { cols: 18, x: 50, top: 740 }),
        ...typeset(RIGHT, { cols: 18, x: 320, top: 740 }),
      ],
    });
    const src = await read('two-header.pdf', [page(1), page(2), page(3)]);
    const flat = (t) => t.replace(/\n/g, '');
    assert.equal(flat(src.text), flat([EXPECTED, EXPECTED, EXPECTED].join('')));
    assert.ok(src.text.startsWith(EXPECTED), src.text);
  });

  it('a three-column table is not taken for three columns of text: one | row | per line', async () => {
    const rows = [
      ['指标', '2020年基数', '2025年目标值'],
      ['婴儿死亡率', '6.2‰', '5‰以下'],
      ['5岁以下儿童死亡率', '8.1‰', '7‰以下'],
      ['孕产妇死亡率', '14.5/10万', '12/10万以下'],
      ['新生儿访视率', '88%', '90%以上'],
      ['儿童近视率', '52.7%', '每年降低0.5个百分点'],
      ['适龄儿童疫苗接种率', '93%', '95%以上'],
      ['学前教育毛入园率', '89%', '92%以上'],
    ];
    const runs = [{ text: '主要指标', x: 72, y: 740 }];
    rows.forEach((r, i) =>
      runs.push(
        { text: r[0], x: 72, y: 700 - i * 20 },
        { text: r[1], x: 250, y: 700 - i * 20 },
        { text: r[2], x: 400, y: 700 - i * 20 },
      ),
    );
    const src = await read('table3.pdf', [{ runs }]);
    assert.deepEqual(src.text.split('\n'), ['主要指标', ...rows.map((r) => `| ${r.join(' | ')} |`)]);
  });

  it('two columns, the left one short lines (a letterhead, a table of contents) beside prose: read column by column', async () => {
    // the first page of a plan printed in two columns: the left column's lines are short but there is one at
    // almost every baseline of the right column's prose (before: read as a table of two cells a row)
    const leftTexts = ['区政府办公室文件', '目录', '一、总则', '二、目标', '三、领域', '四、措施', '五、实施', '六、评估'];
    const right = typeset(ALL, { x: 208, cols: 12 });
    // a line beside (almost) every line of the prose, as a column running the page's height
    const rightLines = new Set(right.map((r) => r.y)).size;
    for (let k = 1; leftTexts.length < rightLines - 2; k++) leftTexts.push(`附件${k}`);
    const runs = [...leftTexts.map((text, i) => ({ text, x: 72, y: 760 - i * 20 })), ...right];
    assert.ok(right.length >= 14, `${right.length} lines of prose`);
    const src = await read('letterhead-2col.pdf', [{ runs }]);
    const lines = src.text.split('\n');
    assert.ok(!lines.some((l) => l.startsWith('| ')), `no table rows:\n${src.text}`);
    assert.deepEqual(lines.slice(0, leftTexts.length), leftTexts, 'the left column first, line by line');
    assert.equal(lines.slice(leftTexts.length).join('\n'), EXPECTED, 'then the prose, as on its own page');
  });

  it('a table of short labels beside wrapped descriptions stays rows (the label column is sparse)', async () => {
    const runs = [];
    for (let r = 0; r < 6; r++) {
      runs.push({ text: `指标${r + 1}`, x: 72, y: 760 - r * 60 });
      for (let k = 0; k < 3; k++)
        runs.push({ text: '说明文字说明文字说明文字说明文字说明文字', x: 200, y: 760 - r * 60 - k * 20 });
    }
    const src = await read('labels-table.pdf', [{ runs }]);
    const lines = src.text.split('\n');
    for (let r = 0; r < 6; r++)
      assert.ok(
        lines.some((l) => l.startsWith(`| 指标${r + 1} | 说明文字`)),
        `label ${r + 1} beside its description:\n${src.text}`,
      );
  });

  it('a three-column table of long cells (each filling most of its column) stays rows too', async () => {
    const rows = [
      ['儿童健康服务体系建设', '妇幼保健机构标准化', '区卫生健康局牵头负责'],
      ['儿童青少年近视防控', '视力筛查覆盖全体学生', '区教育局区卫生健康局'],
      ['婴幼儿照护服务', '每千人口托位数达标', '区卫生健康局'],
      ['学前教育普及普惠', '公办幼儿园在园幼儿占比', '区教育局区发展改革局'],
      ['儿童友好城市建设', '儿童友好空间', '区妇儿工委办公室'],
      ['困境儿童关爱保护', '基本生活保障标准动态调整', '区民政局'],
      ['未成年人网络保护', '网络素养教育全覆盖', '区委网信办区教育局'],
      ['家庭教育指导服务', '家长学校覆盖率达到', '区妇联区教育局'],
    ];
    const runs = [];
    rows.forEach((r, i) => r.forEach((text, c) => runs.push({ text, x: 50 + c * 180, y: 740 - i * 20 })));
    const src = await read('table3-long.pdf', [{ runs }]);
    assert.deepEqual(
      src.text.split('\n'),
      rows.map((r) => `| ${r.join(' | ')} |`),
    );
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

  it('an upright page with a two-character label up its margin: the label dropped, not read into the lines', async () => {
    // "附件" drawn upwards (text matrix turned a quarter) at the right margin, level with the body
    const runs = [...typeset(ALL, { cols: 18 }), { text: '附件', x: 560, y: 600, matrix: [0, 1, -1, 0] }];
    const src = await read('margin-label.pdf', [{ runs }]);
    assert.equal(src.text, EXPECTED);
  });

  it('an upright page with a note set sideways beside the text: the note read on its own, after the page', async () => {
    // two lines drawn upwards at the right margin (the second to the right of the first), beside body lines
    const note = ['注：本表数据来源于区统计局', '年度统计公报（2020年）'];
    const runs = [
      ...typeset(ALL, { cols: 18 }),
      ...note.map((text, i) => ({ text, x: 520 + i * 20, y: 420, size: 10, matrix: [0, 1, -1, 0] })),
    ];
    const src = await read('side-note.pdf', [{ runs }]);
    assert.equal(src.text, `${EXPECTED}\n${note.join('\n')}`);
  });

  it('an upright page with a table turned sideways beside the text: the table read after the page, row by row', async () => {
    const rows = [
      ['指标', '2025年目标值'],
      ['婴儿死亡率', '5‰以下'],
      ['新生儿访视率', '90%以上'],
      ['学前教育毛入园率', '92%以上'],
    ];
    // each row drawn upwards (its cells up the page), the rows from left to right
    const runs = [...typeset(ALL, { cols: 18 })];
    rows.forEach((r, i) => {
      runs.push({ text: r[0], x: 420 + i * 20, y: 300, size: 10, matrix: [0, 1, -1, 0] });
      runs.push({ text: r[1], x: 420 + i * 20, y: 480, size: 10, matrix: [0, 1, -1, 0] });
    });
    const src = await read('side-table.pdf', [{ runs }]);
    assert.equal(src.text, [EXPECTED, ...rows.map((r) => `| ${r[0]} | ${r[1]} |`)].join('\n'));
  });

  it('a turned page (/Rotate 90) with an upright stamp: the stamp read on its own, after the page', async () => {
    const runs = typeset(ALL, { cols: 18 }).map((r) => ({ ...r, matrix: [0, 1, -1, 0], x: 842 - r.y, y: r.x }));
    runs.push({ text: '内部资料注意保存', x: 300, y: 400, size: 10 });
    const src = await read('rot90-stamp.pdf', [{ rotate: 90, runs }]);
    assert.equal(src.text, `${EXPECTED}\n内部资料注意保存`);
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

// Pages read in parallel (worker threads, issue 12's ≤ 1 s): the text and its page map must be the
// same, byte for byte, as one thread's read, whoever reads which page; a worker that fails (an
// error, an exit, its heap limit) only hands its pages back to the main thread; every worker is
// stopped when the read ends. PLANLINT_PDF_WORKERS sets the number of workers (0: none);
// PLANLINT_PDF_WORKER_FAULT makes each worker fail after claiming its first page.
describe('formats: PDF pages read in parallel (page workers)', function () {
  this.timeout(120000);
  const wt = require('node:worker_threads');
  const { SHARED_FORMATS } = require('./helpers/shared-formats');
  const JINLIN = SHARED_FORMATS && path.join(SHARED_FORMATS, 'jinlin-district-2021-2025.plain.pdf');

  // twelve pages of every layout the page pass handles, with a running header and page numbers
  function mixedPages() {
    const pages = [];
    for (let i = 0; i < 12; i++) {
      const furniture = [
        { text: '某区儿童发展规划', x: 250, y: 815, size: 9 },
        { text: String(i + 1), x: 295, y: 30, size: 9 },
      ];
      const kind = i % 4;
      let runs;
      if (kind === 0) runs = typeset(ALL, { cols: 18 + i });
      else if (kind === 1) runs = [...typeset(LEFT, { cols: 18, x: 50 }), ...typeset(RIGHT, { cols: 18, x: 320 })];
      else if (kind === 2) runs = typeset(ALL, { cols: 18, perChar: true, advance: 1.1 });
      else {
        runs = [{ text: `表${i}`, x: 72, y: 740 }];
        for (let r = 0; r < 6; r++)
          runs.push({ text: `指标${r}`, x: 72, y: 700 - r * 20 }, { text: `${r * 10 + i}%以上`, x: 330, y: 700 - r * 20 });
      }
      pages.push({ runs: [...furniture, ...runs] });
    }
    return pages;
  }

  /** Reads with the given environment; counts the workers started and the workers that ended. */
  async function readWith(file, env) {
    const saved = {};
    for (const k of Object.keys(env)) {
      saved[k] = process.env[k];
      if (env[k] === undefined) delete process.env[k];
      else process.env[k] = env[k];
    }
    const Real = wt.Worker;
    const started = [];
    const ended = [];
    const failed = [];
    wt.Worker = class extends Real {
      constructor(...args) {
        super(...args);
        started.push(this);
        this.on('error', () => failed.push(this));
        this.on('exit', (code) => {
          ended.push(this);
          if (code !== 0 && code !== 1) failed.push(this); // 1: terminated
        });
      }
    };
    try {
      const src = await readPlanSource(file);
      // a terminated worker's 'exit' event follows its termination on the next turns of the loop
      for (let i = 0; i < 50 && ended.length < started.length; i++) await new Promise((r) => setTimeout(r, 20));
      return { src, started: started.length, ended: ended.length, failed: new Set(failed).size };
    } finally {
      wt.Worker = Real;
      for (const k of Object.keys(saved)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  }

  it('twelve mixed pages: the same text and page map from 0, 1, 2 and 3 workers, every worker stopped', async () => {
    const f = path.join(tmp, 'mixed.pdf');
    fs.writeFileSync(f, makePdf(mixedPages()));
    const one = await readWith(f, { PLANLINT_PDF_WORKERS: '0' });
    assert.equal(one.started, 0);
    assert.ok(!one.src.text.includes('某区儿童发展规划'), 'running header dropped');
    assert.deepEqual([...new Set(one.src.lineRefs.map((r) => r.page))], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const n of ['1', '2', '3']) {
      // the main thread reading its share, and (test hook) leaving every page to the workers
      for (const leave of [undefined, '1']) {
        const par = await readWith(f, { PLANLINT_PDF_WORKERS: n, PLANLINT_PDF_LEAVE_TO_WORKERS: leave });
        const what = `${n} worker(s)${leave ? ', every page read by a worker' : ''}`;
        assert.equal(par.started, Number(n), `${what}: started`);
        assert.equal(par.ended, par.started, `${what}: every worker ended`);
        assert.equal(par.failed, 0, `${what}: no worker failed`);
        assert.equal(par.src.text, one.src.text, `${what}: text`);
        assert.deepEqual(par.src.lineRefs, one.src.lineRefs, `${what}: page map`);
      }
    }
  });

  it('the 金林区 PDF (../shared/formats): the same text and page map with workers', async function () {
    if (!JINLIN) this.skip();
    const one = await readWith(JINLIN, { PLANLINT_PDF_WORKERS: '0' });
    const par = await readWith(JINLIN, { PLANLINT_PDF_WORKERS: '2', PLANLINT_PDF_LEAVE_TO_WORKERS: '1' });
    assert.equal(par.started, 2, 'workers used on a long file');
    assert.equal(par.failed, 0);
    assert.equal(par.src.text, one.src.text);
    assert.deepEqual(par.src.lineRefs, one.src.lineRefs);
  });

  for (const fault of ['throw', 'exit', 'oom']) {
    it(`a worker that fails (${fault}) hands its pages back: the same text, every worker ended`, async () => {
      const f = path.join(tmp, 'fault.pdf');
      fs.writeFileSync(f, makePdf(mixedPages()));
      const one = await readWith(f, { PLANLINT_PDF_WORKERS: '0' });
      const par = await readWith(f, {
        PLANLINT_PDF_WORKERS: '2',
        PLANLINT_PDF_WORKER_FAULT: fault,
        PLANLINT_PDF_LEAVE_TO_WORKERS: '1',
        PLANLINT_PDF_WORKER_HEAP_MB: '64',
      });
      assert.equal(par.started, 2);
      assert.equal(par.ended, 2);
      assert.equal(par.failed, 2, 'both workers failed after claiming a page');
      assert.equal(par.src.text, one.src.text);
      assert.deepEqual(par.src.lineRefs, one.src.lineRefs);
    });
  }

  it('a password-protected file of many pages: the same one-line error, no worker started', async () => {
    const f = path.join(tmp, 'enc-long.pdf');
    fs.writeFileSync(f, makePdf(mixedPages(), { encrypt: true }));
    const saved = process.env.PLANLINT_PDF_WORKERS;
    process.env.PLANLINT_PDF_WORKERS = '2';
    try {
      await assert.rejects(
        readPlanSource(f),
        (e) => e.name === 'PlanReadError' && e.kind === 'encrypted' && !e.message.includes('\n'),
      );
    } finally {
      if (saved === undefined) delete process.env.PLANLINT_PDF_WORKERS;
      else process.env.PLANLINT_PDF_WORKERS = saved;
    }
  });

  it('the CLI exits after a parallel read (no worker left running): same JSON as one thread', () => {
    const { spawnSync } = require('node:child_process');
    const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    const f = path.join(tmp, 'cli-mixed.pdf');
    fs.writeFileSync(f, makePdf(mixedPages()));
    const run = (n) =>
      spawnSync(process.execPath, [CLI, 'extract', '--format', 'json', f], {
        encoding: 'utf8',
        timeout: 60000,
        env: { ...process.env, PLANLINT_PDF_WORKERS: n },
      });
    const a = run('0');
    const b = run('2');
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(b.stdout, a.stdout);
  });
});
