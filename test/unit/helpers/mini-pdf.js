// A minimal PDF writer for tests: pages of positioned text runs in one composite (Type0,
// Identity-H) font whose codes are the characters' own code points, with a ToUnicode map and no
// embedded program (readers take the text from ToUnicode, the widths from /DW: 1 em a glyph).
// Enough to lay text out exactly as a test needs (columns, rotation, one run per character).
'use strict';

/**
 * @param {Array<{ rotate?: number, width?: number, height?: number,
 *   runs: Array<{ text: string, x: number, y: number, size?: number, matrix?: number[] }> }>} pages
 *   matrix: the text matrix's [a, b, c, d] (default upright [1, 0, 0, 1]), scaled by size.
 * @param {{ encrypt?: boolean }} [opts] encrypt: password-protected (see below)
 * @returns {Buffer}
 */
function makePdf(pages, { encrypt = false } = {}) {
  const chars = new Set();
  for (const p of pages) for (const r of p.runs) for (const ch of r.text) chars.add(ch.codePointAt(0));
  const codes = [...chars].filter((c) => c <= 0xffff).sort((a, b) => a - b);
  const hex4 = (n) => n.toString(16).toUpperCase().padStart(4, '0');
  const bfchar = [];
  for (let i = 0; i < codes.length; i += 100) {
    const block = codes.slice(i, i + 100);
    bfchar.push(`${block.length} beginbfchar\n${block.map((c) => `<${hex4(c)}> <${hex4(c)}>`).join('\n')}\nendbfchar`);
  }
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...bfchar,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');

  const objs = []; // index i → object number i + 1
  const add = (body) => {
    objs.push(body);
    return objs.length;
  };
  const stream = (dict, data) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
  const catalog = add(null);
  const pagesObj = add(null);
  const descriptor = add(
    '<< /Type /FontDescriptor /FontName /PlanTestSans /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>',
  );
  const cid = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /PlanTestSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
  );
  const tu = add(stream('', toUnicode));
  const font = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /PlanTestSans /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${tu} 0 R >>`,
  );
  const kids = [];
  for (const p of pages) {
    const ops = ['BT'];
    for (const r of p.runs) {
      const size = r.size ?? 12;
      const [a, b, c, d] = r.matrix ?? [1, 0, 0, 1];
      const hex = [...r.text].map((ch) => hex4(ch.codePointAt(0))).join('');
      ops.push(`/F1 ${size} Tf`, `${a} ${b} ${c} ${d} ${r.x} ${r.y} Tm`, `<${hex}> Tj`);
    }
    ops.push('ET');
    const content = add(stream('', ops.join('\n')));
    const w = p.width ?? 595;
    const h = p.height ?? 842;
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${w} ${h}]${p.rotate ? ` /Rotate ${p.rotate}` : ''} /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objs[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objs.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  // encrypt: a standard security handler (RC4, revision 2) whose user password is not empty: the
  // O and U strings are arbitrary, so no empty password opens it (the streams are left plain: a
  // reader must refuse before it reads any)
  const enc = encrypt
    ? ` /Encrypt << /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -44 >> /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`
    : '';
  out += `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R${enc} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Lays out lines of text top to bottom from (x, top), one run per line (or per character with `perChar`). */
function lines(texts, { x = 72, top = 760, size = 12, leading = 20, perChar = false, advance = 1 } = {}) {
  const runs = [];
  texts.forEach((t, i) => {
    const y = top - i * leading;
    if (!perChar) runs.push({ text: t, x, y, size });
    else [...t].forEach((ch, j) => runs.push({ text: ch, x: x + j * size * advance, y, size }));
  });
  return runs;
}

/**
 * Typesets blocks into runs: a heading on a line of its own, a paragraph wrapped every `cols`
 * characters with its first line indented two characters (as Chinese text is set).
 * @param {Array<{ heading?: string, para?: string }>} blocks
 */
function typeset(blocks, { x = 72, top = 760, size = 12, leading = 20, cols = 30, perChar = false, advance = 1 } = {}) {
  const rows = [];
  for (const b of blocks) {
    if (b.heading) rows.push({ text: b.heading, indent: 0 });
    else {
      let s = b.para;
      let first = true;
      while (s.length) {
        const k = first ? cols - 2 : cols;
        rows.push({ text: s.slice(0, k), indent: first ? 2 : 0 });
        s = s.slice(k);
        first = false;
      }
    }
  }
  const runs = [];
  rows.forEach((r, i) => {
    const y = top - i * leading;
    const x0 = x + r.indent * size * advance;
    if (!perChar) runs.push({ text: r.text, x: x0, y, size });
    else [...r.text].forEach((ch, j) => runs.push({ text: ch, x: x0 + j * size * advance, y, size }));
  });
  return runs;
}

/** The plain text those blocks should read as: one line per heading and per paragraph. */
function blocksText(blocks) {
  return blocks.map((b) => b.heading ?? b.para).join('\n');
}

module.exports = { makePdf, lines, typeset, blocksText };
