// A fuzzing LSP client (issue 10): keeps its own text per document (./text-model.js, not the
// server's library), sends seeded random edits — past-end, reversed, batched, full-text changes,
// versions out of order — to several documents at once, closes and reopens them, fires requests
// while edits are in flight (some cancelled), in push or pull mode, and checks every reply against
// its own text at the version the request was sent against. Deterministic by seed (the interleaving
// with the server's replies is not, the checks hold whatever it is).
// Used by test/lsp/fuzz-model.test.js (a few hundred edits) and scripts/fuzz-lsp.mjs (the campaign).
'use strict';
const fs = require('node:fs');
const rpc = require('vscode-jsonrpc/node');
const { LspClient, DEFAULT_CAPABILITIES, delay } = require('./lsp-client');
const { applyChanges, linesOf, rangeInText, applyTextEdits } = require('./text-model');

const { rng } = require('../../../scripts/lib/rng.js');

const SNIPPETS = [
  '',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '一、',
  '（三）',
  '(四)',
  '2、',
  '1.',
  '3．',
  '（1）',
  '①',
  '## ',
  '# 二、',
  '——',
  '主要目标：',
  '策略措施：',
  '（二）儿童与健康\n',
  '儿童与安全',
  '婴儿死亡率控制在5‰以下。',
  '达到95%以上',
  '降至',
  '9.5',
  '0',
  '2030年',
  '　　',
  '\t',
  '《中国儿童发展纲要（2021—2030年）》',
  '😀',
  '\ud83d',
  '<!-- planlint-disable-next-line weaker-target -->\n',
  '目录\n',
  '（1）\n'.repeat(40),
  '1.\n'.repeat(30),
  '儿'.repeat(500),
  '    '.repeat(50) + '12',
  '……………… 3\n',
];

const CAPS_PULL = {
  ...DEFAULT_CAPABILITIES,
  textDocument: {
    ...DEFAULT_CAPABILITIES.textDocument,
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
  workspace: { ...DEFAULT_CAPABILITIES.workspace, diagnostics: { refreshSupport: false } },
};

const CAPS_RESOLVE = {
  ...DEFAULT_CAPABILITIES,
  textDocument: {
    ...DEFAULT_CAPABILITIES.textDocument,
    codeAction: { ...DEFAULT_CAPABILITIES.textDocument.codeAction, dataSupport: true, resolveSupport: { properties: ['edit'] } },
  },
};

/** Resident and peak memory of a process (kB), from /proc; null elsewhere. */
function procMemory(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(s);
    const hwm = /VmHWM:\s+(\d+)/.exec(s);
    return { rss: rss ? Number(rss[1]) : null, peak: hwm ? Number(hwm[1]) : null };
  } catch {
    return { rss: null, peak: null };
  }
}

/** A random change against `text`: ordinary, past the end, reversed, or the whole text. */
function randomChange(text, r, stats) {
  const lines = linesOf(text);
  const k = r();
  if (k < 0.02) {
    stats.fullText++;
    return { text: r() < 0.5 ? text : text.slice(0, Math.floor(r() * text.length)) };
  }
  const pos = () => {
    const line = Math.floor(r() * lines.length);
    return { line, character: Math.floor(r() * (lines[line].length + 1)) };
  };
  let start = pos();
  let end = start;
  if (r() < 0.35) {
    const line = Math.min(lines.length - 1, start.line + (r() < 0.3 ? Math.floor(r() * 4) : 0));
    end = {
      line,
      character:
        line === start.line
          ? Math.min(lines[line].length, start.character + Math.floor(r() * 12))
          : Math.floor(r() * (lines[line].length + 1)),
    };
  }
  if (k < 0.08) {
    // past the end: a line beyond the last, or a character beyond its line
    stats.pastEnd++;
    const beyond =
      r() < 0.5
        ? { line: lines.length + Math.floor(r() * 5), character: Math.floor(r() * 10) }
        : { line: start.line, character: lines[start.line].length + 1 + Math.floor(r() * 20) };
    if (r() < 0.5) start = beyond;
    else end = beyond;
  } else if (k < 0.12) {
    stats.reversed++;
    [start, end] = [end, start];
    if (start.line === end.line && start.character === end.character)
      end = { line: start.line, character: Math.max(0, start.character - 1) };
  }
  return { range: { start, end }, text: SNIPPETS[Math.floor(r() * SNIPPETS.length)] };
}

/**
 * Runs one fuzzing session against a fresh server.
 * @param {object} o
 * @param {number} o.seed
 * @param {number} o.edits how many didChange notifications in all
 * @param {Array<{name: string, text: string}>} o.docs the texts documents are opened with
 * @param {'push'|'pull'} [o.mode]
 * @param {boolean} [o.resolve] the client resolves code actions (codeAction/resolve)
 * @param {number} [o.open] documents open at once (default 3)
 * @param {number} [o.requestTimeoutMs] a request without a reply after this long is a hang
 * @param {(s: string) => void} [o.log]
 */
async function fuzzSession(o) {
  const r = rng(o.seed);
  const mode = o.mode ?? 'push';
  const stats = {
    edits: 0,
    changes: 0,
    pastEnd: 0,
    reversed: 0,
    fullText: 0,
    outOfOrder: 0,
    batched: 0,
    reopened: 0,
    requests: 0,
    replies: 0,
    cancelled: 0,
    staleCancelled: 0,
    errors: 0,
    hangs: 0,
    outOfRange: 0,
    wrongVersion: 0,
    late: 0,
    slow: 0,
    slowestMs: 0,
    unchecked: 0,
    publishes: 0,
    drift: 0,
    crashes: 0,
    maxReplyBytes: 0,
    peakKB: 0,
    rssStartKB: 0,
    rssEndKB: 0,
    resolved: 0,
    problems: [],
  };
  const problem = (s) => {
    if (stats.problems.length < 20) stats.problems.push(s);
  };
  const client = await LspClient.start({
    capabilities: mode === 'pull' ? CAPS_PULL : o.resolve ? CAPS_RESOLVE : DEFAULT_CAPABILITIES,
    settings: { debounceMs: 20 },
    locale: 'en',
  });
  const pid = client.proc.pid;
  const size = (x) => {
    const n = JSON.stringify(x ?? null).length;
    if (n > stats.maxReplyBytes) stats.maxReplyBytes = n;
  };
  // uri → { text, version, history: Map(version → Set(texts)) , name }
  const docs = new Map();
  const remember = (d) => {
    let set = d.history.get(d.version);
    if (!set) d.history.set(d.version, (set = new Set()));
    set.add(d.text);
    d.sent.add(d.version);
    // keep the last 200 versions
    if (d.history.size > 200) d.history.delete(d.history.keys().next().value);
  };
  const inFlight = new Set();
  let uriSeq = 0;

  const open = (src) => {
    const uri = `untitled:fuzz-${o.seed}-${uriSeq++}`;
    const d = { uri, name: src.name, text: src.text, version: 1 + Math.floor(r() * 3), history: new Map(), sent: new Set() };
    docs.set(uri, d);
    remember(d);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: d.version, text: d.text } });
    return d;
  };
  const close = (d) => {
    docs.delete(d.uri);
    client.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
  };

  /**
   * Checks that every range of a reply lies inside one of the texts the document had at `version`.
   * A reply whose ranges do not fit that text but fit a text the document had later (or has now) was
   * computed on a later version than the request's: counted as late, not as out of range.
   */
  const checkRanges = (what, ranges, d, version, texts) => {
    if (!ranges.length) return;
    const lineSets = [...texts].map(linesOf); // once per reply, not per range
    const bad = ranges.find((rg) => !lineSets.some((lines) => rangeInText(rg, lines)));
    if (!bad) return;
    const later = [d.text, ...[...d.history.entries()].filter(([v]) => v > version).flatMap(([, set]) => [...set])]
      .filter((t) => !texts.has(t))
      .map(linesOf);
    if (later.some((lines) => ranges.every((rg) => rangeInText(rg, lines)))) {
      stats.late++;
      problem(`${what} ${d.name} v${version}: computed on a later version (${JSON.stringify(bad)} fits a later text only)`);
      return;
    }
    stats.outOfRange++;
    problem(`${what} ${d.name} v${version}: ${JSON.stringify(bad)} outside the client's text`);
  };

  const request = (method, params, d, check) => {
    const version = d.version;
    const texts = new Set(d.history.get(version) ?? [d.text]);
    const src = new rpc.CancellationTokenSource();
    stats.requests++;
    const t0 = Date.now();
    let settled = false;
    const timer = setTimeout(() => {
      if (!settled) {
        stats.hangs++;
        problem(`${method} ${d.name} v${version}: no reply after ${o.requestTimeoutMs ?? 30000} ms`);
      }
    }, o.requestTimeoutMs ?? 30000);
    const p = client.conn
      .sendRequest(method, params, src.token)
      .then(
        (res) => {
          stats.replies++;
          size(res);
          check(res, version, texts);
        },
        (err) => {
          // cancelled by us, or by the server as stale (the document changed): fine
          if (err && (err.code === -32800 || err.code === -32801 || err.code === -32802)) {
            if (err.code === -32800) stats.cancelled++;
            else stats.staleCancelled++;
            return;
          }
          stats.errors++;
          problem(`${method} ${d.name} v${version}: error ${err && err.code} ${err && err.message}`);
        },
      )
      .finally(() => {
        settled = true;
        clearTimeout(timer);
        inFlight.delete(p);
        const ms = Date.now() - t0;
        // slow replies are counted, not listed: the problems list keeps room for real faults
        if (ms > 10000) stats.slow++;
        if (ms > stats.slowestMs) stats.slowestMs = ms;
      });
    inFlight.add(p);
    if (r() < 0.1) setTimeout(() => src.cancel(), Math.floor(r() * 30));
    return p;
  };

  const randomRequest = (d) => {
    const lines = linesOf(d.text);
    const uri = d.uri;
    const line = Math.floor(r() * lines.length);
    const at = { line, character: Math.floor(r() * (lines[line].length + 1)) };
    const k = r();
    if (k < 0.25) {
      return request('textDocument/hover', { textDocument: { uri }, position: at }, d, (res, v, texts) => {
        if (res && res.range) checkRanges('hover', [res.range], d, v, texts);
      });
    }
    if (k < 0.5) {
      const end = { line: Math.min(lines.length - 1, line + Math.floor(r() * 40)), character: 0 };
      return request(
        'textDocument/codeAction',
        {
          textDocument: { uri },
          range: { start: at, end },
          context: { diagnostics: [], ...(r() < 0.2 ? { only: ['source.fixAll'] } : {}) },
        },
        d,
        async (res, v, texts) => {
          for (const a of res ?? []) {
            let edit = a.edit;
            if (!edit && a.data && o.resolve) {
              try {
                const resolved = await client.conn.sendRequest('codeAction/resolve', a);
                size(resolved);
                stats.resolved++;
                edit = resolved.edit;
              } catch (err) {
                stats.errors++;
                problem(`codeAction/resolve: ${err && err.message}`);
              }
            }
            for (const dc of edit?.documentChanges ?? []) {
              if (dc.textDocument?.uri !== uri) continue;
              if (dc.textDocument.version !== v) {
                if (dc.textDocument.version > v) stats.late++;
                else stats.wrongVersion++;
                problem(`codeAction ${d.name}: edits for v${dc.textDocument.version}, request sent at v${v}`);
              }
              checkRanges(
                'codeAction edit',
                dc.edits.map((e) => e.range),
                d,
                v,
                texts,
              );
              // the edits apply cleanly to that text
              for (const t of texts) applyTextEdits(t, dc.edits);
            }
          }
        },
      );
    }
    if (k < 0.65) {
      return request('textDocument/documentSymbol', { textDocument: { uri } }, d, (res, v, texts) => {
        const ranges = [];
        const walk = (list) => {
          for (const s of list ?? []) {
            if (s.range) ranges.push(s.range, s.selectionRange);
            else if (s.location) ranges.push(s.location.range);
            walk(s.children);
          }
        };
        walk(res);
        checkRanges('documentSymbol', ranges, d, v, texts);
      });
    }
    if (k < 0.72) {
      // the comparison view's request: its rows carry no version, so only its size is checked (≤ 1 MB)
      return request('planlint/comparison', { uri }, d, (res) => {
        if (!res || !Array.isArray(res.rows)) problem(`planlint/comparison ${d.name}: no rows`);
      });
    }
    if (k < 0.75) {
      return request('textDocument/foldingRange', { textDocument: { uri } }, d, (res, v, texts) => {
        const ranges = (res ?? []).map((f) => ({
          start: { line: f.startLine, character: 0 },
          end: { line: f.endLine, character: 0 },
        }));
        checkRanges('foldingRange', ranges, d, v, texts);
      });
    }
    if (k < 0.8) {
      return request('textDocument/semanticTokens/full', { textDocument: { uri } }, d, (res, v, texts) => {
        // decoded: each token is (Δline, Δstart, length, type, modifiers)
        const ranges = [];
        let line = 0;
        let ch = 0;
        const data = res?.data ?? [];
        for (let i = 0; i + 4 < data.length; i += 5) {
          line += data[i];
          ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
          ranges.push({ start: { line, character: ch }, end: { line, character: ch + data[i + 2] } });
        }
        checkRanges('semanticTokens', ranges, d, v, texts);
      });
    }
    if (k < 0.85 || mode !== 'pull') {
      return request(
        'textDocument/inlayHint',
        { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } },
        d,
        (res, v, texts) => {
          checkRanges(
            'inlayHint',
            (res ?? []).map((h) => ({ start: h.position, end: h.position })),
            d,
            v,
            texts,
          );
        },
      );
    }
    return request('textDocument/diagnostic', { textDocument: { uri } }, d, (res, v, texts) => {
      // the server's resultId starts with the version it describes
      const described = Number(/^(\d+):/.exec(res?.resultId ?? '')?.[1] ?? v);
      if (described > v) {
        stats.late++;
        problem(`pull diagnostics ${d.name}: describe v${described}, request sent at v${v}`);
      }
      if (res && res.kind === 'full')
        checkRanges(
          'pull diagnostics',
          res.items.flatMap((x) => [
            x.range,
            ...(x.relatedInformation ?? []).filter((ri) => ri.location.uri === uri).map((ri) => ri.location.range),
          ]),
          d,
          v,
          texts,
        );
    });
  };

  const checkPublished = () => {
    for (const [uri, list] of client.published) {
      for (const p of list) {
        if (p.checked) continue;
        p.checked = true;
        stats.publishes++;
        size(p);
        const d = docs.get(uri) ?? closedDocs.get(uri);
        if (!d || !p.diagnostics.length) continue;
        const texts = d.history.get(p.version);
        if (!texts && d.sent.has(p.version)) {
          // a version sent long ago whose text the client no longer keeps (a server far behind a loaded machine)
          stats.unchecked++;
          continue;
        }
        if (!texts) {
          stats.wrongVersion++;
          problem(`published for ${d.name} v${p.version}, a version the client did not send`);
          continue;
        }
        checkRanges(
          'published',
          p.diagnostics.flatMap((x) => [
            x.range,
            ...(x.relatedInformation ?? []).filter((ri) => ri.location.uri === uri).map((ri) => ri.location.range),
          ]),
          d,
          p.version,
          texts,
        );
      }
    }
  };
  const closedDocs = new Map();

  try {
    // warm-up: one document checked in full (loads the segmenter), closed; then the memory baseline
    const warm = open(o.docs[0]);
    if (mode === 'push') await client.fullDiagnostics(warm.uri, warm.version, 60000);
    else await client.request('textDocument/diagnostic', { textDocument: { uri: warm.uri } });
    // every request kind once, so that the code it runs is loaded and compiled before the baseline: code
    // compiled on first use is not memory that grows with the work (the leak this measures)
    {
      const uri = warm.uri;
      const n = linesOf(warm.text).length;
      const whole = { start: { line: 0, character: 0 }, end: { line: n, character: 0 } };
      const q = (m, p) => client.request(m, p).catch(() => null);
      await q('textDocument/hover', { textDocument: { uri }, position: { line: Math.min(3, n - 1), character: 1 } });
      const actions = await q('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } });
      const unresolved = (actions ?? []).find((a) => a && !a.edit && a.data);
      if (unresolved && o.resolve) await q('codeAction/resolve', unresolved);
      await q('textDocument/documentSymbol', { textDocument: { uri } });
      await q('textDocument/foldingRange', { textDocument: { uri } });
      await q('textDocument/semanticTokens/full', { textDocument: { uri } });
      await q('textDocument/inlayHint', { textDocument: { uri }, range: whole });
      await q('planlint/comparison', { uri });
    }
    close(warm);
    await delay(300);
    stats.rssStartKB = procMemory(pid).rss ?? 0;

    const openCount = o.open ?? 3;
    let next = 0;
    const pick = () => o.docs[next++ % o.docs.length];
    for (let i = 0; i < openCount; i++) open(pick());

    for (let i = 0; i < o.edits; i++) {
      if (client.exited) break;
      const all = [...docs.values()];
      const d = all[Math.floor(r() * all.length)];
      const k = r();
      if (k < 0.015) {
        // close, and reopen the same document or the next one
        stats.reopened++;
        closedDocs.set(d.uri, d);
        close(d);
        open(r() < 0.5 ? { name: d.name, text: d.text } : pick());
        continue;
      }
      // a batch of 1–3 changes
      const n = r() < 0.15 ? 2 + Math.floor(r() * 2) : 1;
      if (n > 1) stats.batched++;
      const changes = [];
      let text = d.text;
      for (let c = 0; c < n; c++) {
        const ch = randomChange(text, r, stats);
        changes.push(ch);
        text = applyChanges(text, [ch]);
      }
      stats.changes += n;
      // versions: usually the next one; sometimes the same or an older number (a misbehaving client)
      let version = d.version + 1;
      if (r() < 0.03) {
        stats.outOfOrder++;
        version = Math.max(0, d.version - Math.floor(r() * 3));
      }
      d.text = text;
      d.version = version;
      remember(d);
      stats.edits++;
      client.notify('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: changes });
      if (r() < 0.12) randomRequest(d);
      if (i % 40 === 39) {
        // let the server breathe; check what was published
        await Promise.race([Promise.all([...inFlight]), delay(3000)]);
        checkPublished();
      }
      if (o.log && i % 1000 === 999) o.log(`  ${i + 1} edits, ${stats.requests} requests`);
    }
    await Promise.race([Promise.all([...inFlight]), delay((o.requestTimeoutMs ?? 30000) + 1000)]);
    checkPublished();

    // drift: the server's copy equals the client's text when its diagnostics equal a fresh open's
    // (only for versions sent once: an out-of-order number may stand for two texts)
    const key = (x) =>
      `${x.code}|${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}|${x.message}`;
    const diagsOf = async (uri, version) => {
      if (mode === 'pull') {
        for (let attempt = 0; attempt < 10; attempt++) {
          try {
            const res = await client.request('textDocument/diagnostic', { textDocument: { uri } });
            if (res.kind === 'full') return res.items;
          } catch {
            await delay(100);
          }
        }
        return null;
      }
      return client.fullDiagnostics(uri, version, 60000);
    };
    for (const d of [...docs.values()]) {
      // one more edit with a fresh version number, so that the last version is unambiguous
      d.version = Math.max(...d.history.keys(), d.version) + 1;
      d.text = d.text + '\n';
      remember(d);
      client.notify('textDocument/didChange', {
        textDocument: { uri: d.uri, version: d.version },
        contentChanges: [{ range: { start: { line: 1e6, character: 0 }, end: { line: 1e6, character: 0 } }, text: '\n' }],
      });
      const mine = await diagsOf(d.uri, d.version);
      const fresh = open({ name: `${d.name}-fresh`, text: d.text });
      const theirs = await diagsOf(fresh.uri, fresh.version);
      close(fresh);
      if (!mine || !theirs || JSON.stringify(mine.map(key).sort()) !== JSON.stringify(theirs.map(key).sort())) {
        stats.drift++;
        problem(`${d.name}: the server's diagnostics differ from a fresh check of the client's text`);
      }
    }
    checkPublished();
    for (const d of [...docs.values()]) close(d);
    // settle: the server collects a second after its last document closes; under load that can take a
    // few seconds, so the resident size is read once it has stopped falling (at most 8 s)
    let m = procMemory(pid);
    for (let waited = 0; waited < 8000; waited += 1000) {
      await delay(1000);
      const now = procMemory(pid);
      const falling = now.rss !== null && m.rss !== null && now.rss < m.rss - 1024;
      m = now;
      if (waited >= 2000 && !falling) break;
    }
    stats.rssEndKB = m.rss ?? 0;
    stats.peakKB = m.peak ?? 0;
  } finally {
    if (client.exited) {
      stats.crashes++;
      problem(`the server exited: ${client.stderr.slice(-500)}`);
    }
    await client.stop();
  }
  return stats;
}

module.exports = { fuzzSession, rng, procMemory, SNIPPETS };
