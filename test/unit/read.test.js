// Reading plan files: encodings, line terminators, binary and I/O errors, folder walking.
// Needs dist/node.js: `node esbuild.mjs node`.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const iconv = require('iconv-lite');
const {
  decodePlanBytes,
  readPlanFile,
  PlanReadError,
  collectPlanFiles,
  fsErrorToPlanReadError,
  DEFAULT_MAX_BYTES,
  readFileGuarded,
} = require('../../dist/node.js');

const FIX = path.join(__dirname, '..', 'fixtures', 'encodings');
const fixture = (name) => fs.readFileSync(path.join(FIX, name));

/** A one-line message that starts with the path and carries no stack. */
function assertOneLine(err, file, cause) {
  assert.ok(err instanceof PlanReadError, `expected PlanReadError, got ${err && err.name}`);
  assert.equal(err.file, file);
  assert.ok(!err.message.includes('\n'), `message has a newline: ${JSON.stringify(err.message)}`);
  assert.ok(!/\bat .+:\d+:\d+/.test(err.message), 'message looks like a stack trace');
  assert.ok(err.message.startsWith(`${file}: `), err.message);
  if (cause) assert.match(err.message, cause);
  assert.equal(err.message, `${file}: ${err.reason}`);
  return true;
}

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-read-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
function tmpFile(name, data) {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
  return p;
}

describe('decodePlanBytes', () => {
  const excerpt = fixture('qujiang-excerpt.utf8.txt').toString('utf8');

  it('reads valid UTF-8 as it is', () => {
    const r = decodePlanBytes(Buffer.from(excerpt, 'utf8'));
    assert.equal(r.encoding, 'UTF-8');
    assert.equal(r.text, excerpt);
  });

  it('strips a UTF-8 byte order mark', () => {
    const r = decodePlanBytes(fixture('short.utf8-bom.txt'));
    assert.equal(r.encoding, 'UTF-8-BOM');
    assert.equal(r.text, '一、总体要求\r\n（一）指导思想。\r\n');
  });

  it('decodes UTF-16LE with a byte order mark', () => {
    const r = decodePlanBytes(fixture('short.utf16le-bom.txt'));
    assert.equal(r.encoding, 'UTF-16LE');
    assert.equal(r.text, '一、总体要求\r\n（一）指导思想。\r\n');
  });

  it('decodes UTF-16BE with a byte order mark', () => {
    const le = Buffer.from(excerpt, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1];
      be[i + 1] = le[i];
    }
    const r = decodePlanBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    assert.equal(r.encoding, 'UTF-16BE');
    assert.equal(r.text, excerpt);
  });

  it('detects GBK without a BOM and decodes a real plan excerpt to the same text', () => {
    const gbk = fixture('qujiang-excerpt.gbk.txt');
    assert.ok(excerpt.length >= 200);
    assert.deepEqual(gbk, iconv.encode(excerpt, 'gbk'), 'fixture is the GBK form of the UTF-8 fixture');
    const r = decodePlanBytes(gbk);
    assert.equal(r.encoding, 'GB18030');
    assert.equal(r.text, excerpt);
  });

  it('decodes GB18030 four-byte sequences', () => {
    const text = '一、总体要求\n儿童发展规划（2021—2030年）¹ 𠀀';
    const r = decodePlanBytes(iconv.encode(text, 'gb18030'));
    assert.equal(r.encoding, 'GB18030');
    assert.equal(r.text, text);
  });

  it('detects Big5 without a BOM (traditional-Chinese plan text)', () => {
    const expected = fixture('health-goals-tc.utf8.txt').toString('utf8');
    const r = decodePlanBytes(fixture('health-goals-tc.big5.txt'));
    assert.equal(r.encoding, 'Big5');
    assert.equal(r.text, expected);
  });

  // What the detector does with very little text: chardet alone is unsure (it guesses ISO-8859-7
  // for "一、总体要求"), so the reader tries GB18030 and Big5 strictly and keeps the one that decodes
  // without replacement characters into Chinese text, preferring the one whose characters sit in
  // the encoding's common area, GB18030 on a tie. It never returns U+FFFD that was not in the file.
  describe('a single short GBK line', () => {
    const lines = ['一、总体要求', '（二）儿童与安全。', '健康', '中', '目标：婴儿死亡率降至5‰以下。', 'a中b'];
    for (const line of lines) {
      it(`"${line}" decodes as GB18030 to the same text`, () => {
        const r = decodePlanBytes(iconv.encode(line, 'gbk'));
        assert.equal(r.encoding, 'GB18030');
        assert.equal(r.text, line);
        assert.ok(!r.text.includes('\ufffd'));
      });
    }

    it('a line that is also valid UTF-8 ("目录" = C4 BF C2 BC) is read as UTF-8, as editors do', () => {
      const r = decodePlanBytes(iconv.encode('目录', 'gbk'));
      assert.equal(r.encoding, 'UTF-8');
      assert.equal(r.text, 'Ŀ¼');
    });

    it('never crashes and never reports GB18030 with replacement characters (every 1-3 byte high input)', () => {
      let gb = 0;
      for (let a = 0x80; a <= 0xff; a++) {
        for (const b of [0x30, 0x40, 0x7e, 0x80, 0xa1, 0xb0, 0xfe, 0xff]) {
          for (const tail of [[], [0x41], [0x81, 0x30]]) {
            const buf = Buffer.from([a, b, ...tail]);
            try {
              const r = decodePlanBytes(buf);
              if (r.encoding === 'GB18030') gb++;
              if (r.encoding === 'GB18030' || r.encoding === 'Big5') assert.ok(!r.text.includes('\ufffd'), buf.toString('hex'));
            } catch (e) {
              assert.ok(e instanceof PlanReadError, `${buf.toString('hex')}: ${e}`);
              assert.ok(!e.message.includes('\n'));
            }
          }
        }
      }
      assert.ok(gb > 100, `expected many GB18030 decodes, got ${gb}`);
    });
  });

  it('keeps CRLF and lone CR line terminators', () => {
    const text = '一、总体要求\r\n（一）指导思想。\r（二）总体目标。\n1. 目标\r\n';
    assert.equal(decodePlanBytes(Buffer.from(text, 'utf8')).text, text);
    assert.equal(decodePlanBytes(iconv.encode(text, 'gbk')).text, text);
  });

  it('returns "" for an empty buffer', () => {
    assert.deepEqual(decodePlanBytes(Buffer.alloc(0)), { text: '', encoding: 'UTF-8' });
  });

  it('rejects a PNG header with NUL bytes as binary', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.throws(
      () => decodePlanBytes(png, 'logo.png'),
      (e) => assertOneLine(e, 'logo.png', /binary file \(NUL byte at offset 8\), not a plan text$/),
    );
  });

  it('rejects text full of control characters as binary', () => {
    const buf = Buffer.from('\x01\x02\x03abc\x1b[0m\x07\x08 some words'.repeat(20), 'latin1');
    assert.throws(
      () => decodePlanBytes(buf, 'x.txt'),
      (e) => assertOneLine(e, 'x.txt', /binary file \(\d+ control characters/),
    );
  });

  it('accepts form feeds (page breaks from PDF extraction) and tabs', () => {
    const text = '一、总体要求\t1\n\f（一）指导思想\n';
    assert.equal(decodePlanBytes(Buffer.from(text)).text, text);
  });

  it('rejects a NUL character inside UTF-16 text', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、\u0000总体', 'utf16le')]);
    assert.throws(
      () => decodePlanBytes(buf, 'u16.txt'),
      (e) => assertOneLine(e, 'u16.txt', /binary file \(NUL character/),
    );
  });

  it('rejects truncated UTF-16 (odd byte count)', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、', 'utf16le'), Buffer.from([0x41])]);
    assert.throws(
      () => decodePlanBytes(buf, 'odd.txt'),
      (e) => assertOneLine(e, 'odd.txt', /cannot decode: .*odd number of bytes/),
    );
  });

  it('reports UTF-8 with a damaged byte instead of guessing GB18030', () => {
    const good = Buffer.from(excerpt.slice(0, 300), 'utf8');
    const buf = Buffer.concat([good, Buffer.from([0xff]), good]);
    assert.throws(
      () => decodePlanBytes(buf, 'damaged.txt'),
      (e) =>
        assertOneLine(e, 'damaged.txt', new RegExp(`cannot decode: invalid UTF-8 byte sequence at offset ${good.length}\\b`)),
    );
  });

  it('reports a GBK file with a damaged byte instead of returning replacement characters', () => {
    const gbk = fixture('qujiang-excerpt.gbk.txt');
    const buf = Buffer.concat([gbk, Buffer.from([0xff]), gbk]);
    assert.throws(
      () => decodePlanBytes(buf, 'gbk-damaged.txt'),
      (e) =>
        assertOneLine(
          e,
          'gbk-damaged.txt',
          new RegExp(`cannot decode: looks like GB18030 but has an invalid byte sequence near offset ${gbk.length}$`),
        ),
    );
  });

  it('rejects Latin-1 text it cannot read as Chinese', () => {
    const buf = Buffer.from('Le café du coin, où l’on déjeune à midi.', 'latin1');
    assert.throws(
      () => decodePlanBytes(buf, 'fr.txt'),
      (e) => assertOneLine(e, 'fr.txt', /^fr\.txt: cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text$/),
    );
  });

  it('gives a Chinese message through localized()', () => {
    try {
      decodePlanBytes(Buffer.from([0x89, 0x50, 0, 0]), 'a.png');
      assert.fail('should throw');
    } catch (e) {
      assert.equal(e.localized('zh-cn'), 'a.png: 二进制文件（偏移 2 处有 NUL 字节），不是规划文本');
      assert.equal(e.localized('en'), e.message);
    }
  });
});

describe('readPlanFile', () => {
  it('reads a GBK file and reports its size', () => {
    const p = path.join(FIX, 'qujiang-excerpt.gbk.txt');
    const r = readPlanFile(p);
    assert.equal(r.encoding, 'GB18030');
    assert.equal(r.bytes, fs.statSync(p).size);
    assert.equal(r.text, fixture('qujiang-excerpt.utf8.txt').toString('utf8'));
  });

  it('reads an empty file as ""', () => {
    const p = tmpFile('empty.txt', '');
    assert.deepEqual(readPlanFile(p), { text: '', encoding: 'UTF-8', bytes: 0 });
  });

  it('keeps CR and CRLF from disk', () => {
    const text = '一、总体要求\r（一）指导思想\r\n正文\n';
    assert.equal(readPlanFile(tmpFile('cr.txt', text)).text, text);
  });

  it('nonexistent file → "no such file"', () => {
    const p = path.join(tmp, 'nope', 'missing.txt');
    assert.throws(
      () => readPlanFile(p),
      (e) => assertOneLine(e, p, /: no such file$/),
    );
  });

  it('directory → "is a directory"', () => {
    assert.throws(
      () => readPlanFile(tmp),
      (e) => assertOneLine(e, tmp, /: is a directory$/),
    );
  });

  it('binary file → one-line PlanReadError naming the NUL offset', () => {
    const p = tmpFile('image.png', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64)]));
    assert.throws(
      () => readPlanFile(p),
      (e) => assertOneLine(e, p, /: binary file \(NUL byte at offset 8\), not a plan text$/),
    );
  });

  it('permission errors map to "permission denied"', () => {
    // Tests may run as root, where chmod 000 does not deny reading: check the mapping itself.
    const e = fsErrorToPlanReadError(
      '/x/plan.txt',
      Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' }),
    );
    assertOneLine(e, '/x/plan.txt', /^\/x\/plan\.txt: permission denied$/);
    const other = fsErrorToPlanReadError('/x/plan.txt', Object.assign(new Error('boom\n    at foo (x.js:1:2)'), { code: 'EIO' }));
    assertOneLine(other, '/x/plan.txt', /: cannot read \(EIO\)$/);
  });

  it('permission denied on a real file when not root', function () {
    if (typeof process.getuid === 'function' && process.getuid() === 0) this.skip();
    const p = tmpFile('locked.txt', '一、总体要求\n');
    fs.chmodSync(p, 0o000);
    try {
      assert.throws(
        () => readPlanFile(p),
        (e) => assertOneLine(e, p, /: permission denied$/),
      );
    } finally {
      fs.chmodSync(p, 0o644);
    }
  });

  it('reads a generated 10 MB UTF-8 file', () => {
    const para = fixture('qujiang-excerpt.utf8.txt').toString('utf8');
    const parts = [];
    let size = 0;
    while (size < 10 * 1024 * 1024) {
      parts.push(para);
      size += Buffer.byteLength(para);
    }
    const text = parts.join('');
    const p = tmpFile('big.txt', text);
    const r = readPlanFile(p);
    assert.equal(r.encoding, 'UTF-8');
    assert.equal(r.bytes, size);
    assert.ok(r.bytes >= 10 * 1024 * 1024);
    assert.equal(r.text.length, text.length);
    assert.equal(r.text, text);
  });

  it('too-large file with a small maxBytes', () => {
    const p = tmpFile('large.txt', 'x'.repeat(3 * 1024 * 1024 + 200 * 1024));
    assert.throws(
      () => readPlanFile(p, { maxBytes: 1024 * 1024 }),
      (e) => assertOneLine(e, p, /: file too large \(3\.2 MB > 1\.0 MB\)$/),
    );
    assert.equal(readPlanFile(p, { maxBytes: 4 * 1024 * 1024 }).bytes, 3 * 1024 * 1024 + 200 * 1024);
    assert.equal(DEFAULT_MAX_BYTES, 64 * 1024 * 1024);
  });
});

describe('readFileGuarded (the one guarded reader for plans, upstreams and configuration)', () => {
  const posix = process.platform !== 'win32';
  it('returns the bytes of a regular file', () => {
    const p = tmpFile('g.txt', Buffer.from('儿童发展规划\n'));
    assert.deepEqual(readFileGuarded(p), Buffer.from('儿童发展规划\n'));
  });
  it('a FIFO with no writer → "not a regular file" at once (no hang)', function () {
    if (!posix) this.skip();
    const p = path.join(tmp, 'fifo');
    require('node:child_process').execFileSync('mkfifo', [p]);
    assert.throws(
      () => readFileGuarded(p),
      (e) => assertOneLine(e, p, /not a regular file \(named pipe\)/) && e.kind === 'not-a-file',
    );
  });
  it('/dev/zero and /dev/urandom → "not a regular file (device)", nothing read', function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      assert.throws(
        () => readFileGuarded(dev),
        (e) => assertOneLine(e, dev, /not a regular file \(device\)/),
      );
    }
  });
  it('a symbolic link loop → "too many symbolic links"', function () {
    if (!posix) this.skip();
    const a = path.join(tmp, 'loopA');
    const b = path.join(tmp, 'loopB');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    assert.throws(
      () => readFileGuarded(a),
      (e) => assertOneLine(e, a, /too many symbolic links/),
    );
  });
  it('a folder → "is a directory"', () => {
    assert.throws(
      () => readFileGuarded(tmp),
      (e) => assertOneLine(e, tmp, /is a directory/) && e.kind === 'is-directory',
    );
  });
  it('maxBytes: a file of exactly maxBytes is read, one byte more is refused', () => {
    const p = tmpFile('cap.txt', Buffer.alloc(100, 0x61));
    assert.equal(readFileGuarded(p, { maxBytes: 100 }).length, 100);
    assert.throws(
      () => readFileGuarded(p, { maxBytes: 99 }),
      (e) => assertOneLine(e, p, /file too large/) && e.kind === 'too-large',
    );
  });
  it('a file that is larger than its stat size (procfs) is read whole up to the cap', function () {
    if (!fs.existsSync('/proc/self/status')) this.skip();
    const buf = readFileGuarded('/proc/self/status');
    assert.ok(buf.length > 0 && buf.includes('Name:'));
    assert.throws(
      () => readFileGuarded('/proc/self/status', { maxBytes: 10 }),
      (e) => assertOneLine(e, '/proc/self/status', /file too large \(more than/),
    );
  });
});

describe('collectPlanFiles', () => {
  it('walks a folder for .txt/.md/.markdown, sorted, skipping node_modules, .git and dot-folders', () => {
    const root = path.join(tmp, 'walk');
    for (const f of [
      'b.txt',
      'a.md',
      'notes.markdown',
      'image.png',
      'data.json',
      'sub/z.TXT',
      'sub/deeper/c.txt',
      'node_modules/pkg/readme.md',
      '.git/x.txt',
      '.vscode/notes.md',
      'sub/.hidden/y.txt',
    ]) {
      tmpFile(path.join('walk', f), '一、总体要求\n');
    }
    assert.deepEqual(collectPlanFiles([root]), [
      path.join(root, 'a.md'),
      path.join(root, 'b.txt'),
      path.join(root, 'notes.markdown'),
      path.join(root, 'sub', 'deeper', 'c.txt'),
      path.join(root, 'sub', 'z.TXT'),
    ]);
  });

  it('passes files through as given, whatever their extension, once each', () => {
    const png = tmpFile('walk2/x.png', 'x');
    const txt = tmpFile('walk2/y.txt', 'x');
    assert.deepEqual(collectPlanFiles([png, txt, png]), [png, txt]);
  });

  it('nonexistent path → PlanReadError "no such file or folder"', () => {
    const p = path.join(tmp, 'does-not-exist');
    assert.throws(
      () => collectPlanFiles([p]),
      (e) => assertOneLine(e, p, /: no such file or folder$/),
    );
  });
});
