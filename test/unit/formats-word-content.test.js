// Word content beyond body paragraphs (issue 12), each in a .docx built here from XML (fflate):
// footnotes and endnotes (appended after the body in reference order), headers and footers
// (never read: page furniture), comments (never read: reviewers' remarks), text boxes (read
// once, after the paragraph they are anchored in), tracked changes (insertions read, deletions
// dropped), fields (the result, not the instruction; a table of contents dropped whole).
// Needs dist/node.js (`npm run build`).
const assert = require('node:assert/strict');
const { zipSync, strToU8 } = require('fflate');
const { sourceFromBytes } = require('../../dist/node.js');

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A .docx with the given body and optional parts (name → XML body inside its root element). */
function docx(body, parts = {}) {
  const roots = { footnotes: 'w:footnotes', endnotes: 'w:endnotes', comments: 'w:comments', header1: 'w:hdr', footer1: 'w:ftr' };
  const types = { footnotes: 'footnotes', endnotes: 'endnotes', comments: 'comments', header1: 'header', footer1: 'footer' };
  const rels = Object.keys(parts)
    .map((k, i) => `<Relationship Id="rId${i + 10}" Type="${REL}/${types[k]}" Target="${k}.xml"/>`)
    .join('');
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${NS}><w:body>${body}</w:body></w:document>`),
  };
  for (const [k, xml] of Object.entries(parts)) {
    files[`word/${k}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><${roots[k]} ${NS}>${xml}</${roots[k]}>`);
  }
  return Buffer.from(zipSync(files));
}
const r = (t) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
const p = (...runs) => `<w:p>${runs.join('')}</w:p>`;
const read = async (buf) => (await sourceFromBytes(buf, 'content.docx')).text.split('\n');

describe('formats: Word content beyond body paragraphs', () => {
  it('footnotes and endnotes: after the body, numbered in the order referenced, separators left out; no mark in the body', async () => {
    const fn = (id) => `<w:r><w:footnoteReference w:id="${id}"/></w:r>`;
    const en = (id) => `<w:r><w:endnoteReference w:id="${id}"/></w:r>`;
    const body =
      p(r('一、总体目标')) +
      p(r('到2025年，婴儿死亡率降至5‰以下'), fn('3'), r('，儿童友好城市建设取得实效'), fn('2'), r('。')) +
      p(r('（一）儿童与健康'), en('1'));
    const note = (tag, id, text, type) =>
      `<w:${tag} w:id="${id}"${type ? ` w:type="${type}"` : ''}><w:p><w:r><w:${tag}Ref/></w:r>${r(text)}</w:p></w:${tag}>`;
    const src = await sourceFromBytes(
      docx(body, {
        footnotes:
          note('footnote', '-1', '', 'separator') +
          note('footnote', '0', '', 'continuationSeparator') +
          note('footnote', '2', '儿童友好城市：指……') +
          note('footnote', '3', '数据来源：区卫生健康局。'),
        endnotes: note('endnote', '1', '本规划由区妇儿工委办公室负责解释。'),
      }),
      'notes.docx',
    );
    assert.deepEqual(src.text.split('\n'), [
      '一、总体目标',
      '到2025年，婴儿死亡率降至5‰以下，儿童友好城市建设取得实效。',
      '（一）儿童与健康',
      '注1：数据来源：区卫生健康局。',
      '注2：儿童友好城市：指……',
      '尾注1：本规划由区妇儿工委办公室负责解释。',
    ]);
    assert.deepEqual(src.lineRefs.slice(3), [{ footnote: 1 }, { footnote: 2 }, { endnote: 1 }]);
  });

  it('headers and footers are never read (page furniture)', async () => {
    const lines = await read(
      docx(p(r('一、总体目标')) + p(r('正文。')), {
        header1: p(r('金林区儿童发展规划（2021—2025年）')),
        footer1: p(r('第 1 页')),
      }),
    );
    assert.deepEqual(lines, ['一、总体目标', '正文。']);
  });

  it('comments are never read as body text (only their anchors are in the body)', async () => {
    const body = p(
      '<w:commentRangeStart w:id="0"/>',
      r('婴儿死亡率降至5‰以下。'),
      '<w:commentRangeEnd w:id="0"/>',
      '<w:r><w:commentReference w:id="0"/></w:r>',
    );
    const lines = await read(
      docx(body, { comments: `<w:comment w:id="0" w:author="审阅人">${p(r('建议改为4.5‰'))}</w:comment>` }),
    );
    assert.deepEqual(lines, ['婴儿死亡率降至5‰以下。']);
  });

  it('text boxes: read once (the VML fallback copy skipped), after the paragraph they are anchored in', async () => {
    const box = (t) =>
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${p(r(t))}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>${p(r(t))}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
    const src = await sourceFromBytes(
      docx(p(r('一、总体目标')) + p(r('锚定段落，'), box('专栏1 儿童友好城市建设'), r('接着写。')) + p(r('二、主要目标'))),
      'box.docx',
    );
    assert.deepEqual(src.text.split('\n'), ['一、总体目标', '锚定段落，接着写。', '专栏1 儿童友好城市建设', '二、主要目标']);
    assert.deepEqual(
      src.lineRefs.map((x) => x.paragraph),
      [1, 2, 3, 4],
    );
  });

  it('tracked changes: insertions read, deletions and moved-from text dropped', async () => {
    const body = p(
      r('婴儿死亡率降至'),
      '<w:del w:id="1" w:author="a"><w:r><w:delText>6‰</w:delText></w:r></w:del>',
      `<w:ins w:id="2" w:author="a">${r('5‰')}</w:ins>`,
      r('以下'),
      `<w:moveFrom w:id="3" w:author="a">${r('（旧位置）')}</w:moveFrom>`,
      `<w:moveTo w:id="4" w:author="a">${r('。')}</w:moveTo>`,
    );
    assert.deepEqual(await read(docx(body)), ['婴儿死亡率降至5‰以下。']);
  });

  it('fields: the result, never the instruction (complex and simple fields)', async () => {
    const fld = (instr, result) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const body =
      p(r('见第'), fld('PAGEREF _Toc1 \\h', '3'), r('页，'), fld('HYPERLINK "http://example.invalid/"', '全文链接'), r('。')) +
      p(r('共'), `<w:fldSimple w:instr=" NUMPAGES ">${r('12')}</w:fldSimple>`, r('页。'));
    assert.deepEqual(await read(docx(body)), ['见第3页，全文链接。', '共12页。']);
  });

  it('a table of contents field is dropped whole (its entries repeat the headings with page numbers)', async () => {
    const tab = '<w:r><w:tab/></w:r>';
    const body =
      p(r('目录')) +
      p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        r('一、总体目标'),
        tab,
        r('1'),
      ) +
      p(r('二、主要目标'), tab, r('2'), '<w:r><w:fldChar w:fldCharType="end"/></w:r>') +
      p(r('一、总体目标')) +
      p(r('正文。'));
    assert.deepEqual(await read(docx(body)), ['目录', '一、总体目标', '正文。']);
  });
});
