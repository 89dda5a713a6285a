// Word 97–2003 .doc and WPS .wps files that use the same container (an OLE compound file with a
// WordDocument stream, as WPS Office writes them), read with word-extractor: a maintained pure-JS
// reader of the piece table (no native code, no macros run). The same compound container also
// wraps *encrypted* OOXML files (EncryptionInfo + EncryptedPackage streams): those are refused.
//
// What .doc reading does not do: Word 97 automatic list numbers (stored as list formatting, not
// text) are not rendered; typed markers are kept. Tables come back as cell text separated by
// cell marks, written here as `| cell | cell |` rows.
import { PlanReadError } from '../read';
import { malformed } from './zip';
import { message, type Message } from '../message';
import { SourceBuilder, type PlanSource, type SourceFormat } from './source';

/* eslint-disable @typescript-eslint/no-require-imports */
const WordOleExtractor = require('word-extractor/lib/word-ole-extractor');
const OleCompoundDoc = require('word-extractor/lib/ole-compound-doc');
const BufferReader = require('word-extractor/lib/buffer-reader');
/* eslint-enable @typescript-eslint/no-require-imports */

interface DirEntry {
  streams: Record<string, unknown>;
  storages: Record<string, DirEntry>;
}

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCfb(buf: Uint8Array): boolean {
  return buf.length >= 8 && CFB_MAGIC.every((b, i) => buf[i] === b);
}

function encryptedError(file: string, what: Message): PlanReadError {
  return new PlanReadError(file, message('refused: {0} is password-protected (encrypted); save an unprotected copy', what), {
    kind: 'encrypted',
  });
}

function hasVba(root: DirEntry): boolean {
  const names = [...Object.keys(root.streams ?? {}), ...Object.keys(root.storages ?? {})];
  return names.some((n) => /^(Macros|_VBA_PROJECT_CUR|VBA)$/i.test(n));
}

/** Text of a Word 97 (or compatible WPS) body: one line per paragraph, table rows as pipe rows. */
export async function readDoc(buf: Buffer, file: string, format: SourceFormat = 'doc'): Promise<PlanSource> {
  const reader = new BufferReader(buf);
  const ole = new OleCompoundDoc(reader);
  try {
    await ole.read();
  } catch (e) {
    throw malformed(file, message('not a valid Word 97 compound file ({0})', (e as Error).message));
  }
  const root: DirEntry | undefined = ole._rootStorage?._dirEntry;
  if (!root) throw malformed(file, message('no root storage in the compound file'));
  if (root.streams.EncryptedPackage || root.streams.EncryptionInfo) throw encryptedError(file, message('this Word document'));
  if (!root.streams.WordDocument) {
    throw new PlanReadError(
      file,
      message(
        'not a Word document (an Office compound file without a WordDocument stream: an older WPS file, Excel or PowerPoint?)',
      ),
      { kind: 'unsupported' },
    );
  }
  if (hasVba(root)) {
    throw new PlanReadError(file, message('refused: the Word document contains macros; save it as .docx without macros'), {
      kind: 'macros',
    });
  }
  const extractor = new WordOleExtractor();
  let body: string;
  try {
    const wordDoc: Buffer = await extractor.streamBuffer(await extractor.documentStream(ole, 'WordDocument'));
    if (wordDoc.length < 0x20 || wordDoc.readUInt16LE(0) !== 0xa5ec) {
      throw malformed(file, message('the WordDocument stream has no Word 97 header'));
    }
    const flags = wordDoc.readUInt16LE(0x0a);
    if (flags & 0x0100) throw encryptedError(file, message('this Word document'));
    const doc = await extractor.extractWordDocument(ole, wordDoc);
    body = doc.getBody({ filterUnicode: false });
  } catch (e) {
    if (e instanceof PlanReadError) throw e;
    throw malformed(file, message('cannot read the Word 97 text ({0})', (e as Error).message));
  }
  return docBodyToSource(body, format);
}

/** word-extractor's body (paragraphs end with \n, table cells and rows with \t) → plan lines. */
export function docBodyToSource(body: string, format: SourceFormat): PlanSource {
  const out = new SourceBuilder();
  let paragraph = 0;
  let table = 0;
  let row = 0;
  let inTable = false;
  // eslint-disable-next-line no-control-regex -- Word 97 text streams carry NULs and field/control marks
  for (const raw of body.replace(/\u0000/g, '').split('\n')) {
    // eslint-disable-next-line no-control-regex -- see above
    const line = raw.replace(/[\u0001-\u0008\u000e-\u001f]/g, '');
    if (line.includes('\t') && /\t\t?$/.test(line)) {
      // table rows: cells end with a cell mark (\t), a row with one more
      if (!inTable) {
        table++;
        row = 0;
        inTable = true;
      }
      for (const r of line.split(/\t\t/)) {
        const cells = r.split('\t').map((c) => c.trim().replace(/\|/g, '｜'));
        while (cells.length && !cells[cells.length - 1]) cells.pop();
        if (!cells.some((c) => c)) continue;
        row++;
        out.push(`| ${cells.join(' | ')} |`, { table, row });
      }
      continue;
    }
    inTable = false;
    if (!line.trim()) continue;
    paragraph++;
    out.push(line.replace(/\s+$/, ''), { paragraph });
  }
  return out.build(format);
}
