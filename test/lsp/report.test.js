// planlint/report over the language server (what the VS Code commands 导出对照表 / 生成审查意见 call): the
// file's bytes for the given plans, with work-done progress, and the same findings as the diagnostics.
const assert = require('node:assert/strict');
const path = require('node:path');
const ExcelJS = require('exceljs');
const mammoth = require('mammoth');
const { LspClient, ROOT, fileUri } = require('./helpers/lsp-client');

describe('LSP planlint/report', function () {
  this.timeout(60000);
  let c;
  const files = ['jinlin-district-2021-2025.txt', 'qujiang-district-2021-2030.txt'].map((f) =>
    path.join(ROOT, 'test', 'fixtures', 'corpus', f),
  );
  before(async () => {
    c = await LspClient.start({ rootPath: path.join(ROOT, 'test', 'fixtures', 'corpus') });
  });
  after(async () => c && c.stop());

  it('xlsx for two closed plans, with progress; the findings sheet has every finding the server counted', async () => {
    const progress = [];
    c.conn.onNotification('$/progress', (p) => progress.push(p));
    const res = await c.request('planlint/report', { uris: files.map(fileUri), format: 'xlsx', workDoneToken: 'tok-1' });
    assert.equal(res.files, 2);
    assert.ok(res.findings > 0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.data, 'base64'));
    assert.equal(wb.worksheets.length, 1 + 2 + 2, 'summary, one sheet per plan, findings, upstream sources');
    assert.equal(wb.getWorksheet('问题').rowCount, 1 + res.findings);
    const kinds = progress.filter((p) => p.token === 'tok-1').map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(kinds.includes('report'));
  });

  it('docx for one plan: one 审查意见', async () => {
    const res = await c.request('planlint/report', { uris: [fileUri(files[0])], format: 'docx' });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(res.data, 'base64') });
    assert.match(value, /^关于《金林区儿童发展规划（2021—2025年）》的审查意见/);
    assert.match(value, /一、总体意见/);
  });

  it('an unknown format is an error response, and the server keeps running', async () => {
    await assert.rejects(c.request('planlint/report', { uris: [fileUri(files[0])], format: 'pdf' }), /unknown report format/);
    const res = await c.request('planlint/checkFiles', { uris: [fileUri(files[0])] });
    assert.equal(res.files, 1);
  });
});
