// Adversarial plan texts (issue 10): inputs built to make a stage of the checker quadratic, deep or
// huge. Shared by scripts/bench.mjs, scripts/fuzz-lsp.mjs and test/unit/adversarial.test.js.
// Deterministic: the same text for the same arguments.

import { rng } from './lib/rng.js';

export { rng };

const TITLE = '某区儿童发展规划（2021—2030年）';

/** Repeats `unit` until the text reaches about `bytes` UTF-8 bytes. */
function fill(head, unit, bytes) {
  const u = Buffer.byteLength(unit, 'utf8');
  const n = Math.max(1, Math.floor((bytes - Buffer.byteLength(head, 'utf8')) / u));
  return head + unit.repeat(n);
}

const LEVELS = ['一、', '（一）', '1.', '（1）', '①'];

/**
 * The adversarial documents, each about `bytes` large (1 MB by default; the long list is 10,000 lines
 * as in the issue whatever `bytes` is).
 */
export function adversarialDocs(bytes = 1024 * 1024) {
  const docs = [];
  // 1. the case: 10,000 lines of （1） (every line a duplicate)
  docs.push({ name: 'dup-10000', text: `儿童发展规划\n${'（1）\n'.repeat(10000)}` });
  // 2. the same up to the size: about 95,000 duplicates
  docs.push({ name: 'dup-1mb', text: fill('儿童发展规划\n', '（1）\n', bytes) });
  // 3. a list of ascending numbers with every other one skipped (a gap per item)
  {
    const lines = ['儿童发展规划'];
    for (let i = 1, size = 0; size < bytes; i += 2) {
      const l = `${i}.加强儿童健康服务。`;
      lines.push(l);
      size += Buffer.byteLength(l, 'utf8') + 1;
    }
    docs.push({ name: 'gaps-1mb', text: lines.join('\n') });
  }
  // 4. deep nesting: the five marker levels cycling, each level's list restarting (a very deep outline)
  {
    const lines = ['儿童发展规划'];
    for (let i = 0, size = 0; size < bytes; i++) {
      const l = `${LEVELS[i % LEVELS.length]}儿童与健康`;
      lines.push(l);
      size += Buffer.byteLength(l, 'utf8') + 1;
    }
    docs.push({ name: 'nested-levels-1mb', text: lines.join('\n') });
  }
  // 5. deep markdown nesting: headings 1–6 and nested list indentation growing without end
  {
    const lines = ['# 儿童发展规划'];
    for (let i = 0, size = 0; size < bytes; i++) {
      const l =
        i % 2
          ? `${'#'.repeat(1 + (i % 6))} （${(i % 9) + 1}）儿童与安全`
          : `${' '.repeat(i % 400)}- 婴儿死亡率控制在${i % 10}‰以下`;
      lines.push(l);
      size += Buffer.byteLength(l, 'utf8') + 1;
    }
    docs.push({ name: 'nested-markdown-1mb', text: lines.join('\n') });
  }
  // 6. brackets nested 100,000 deep on one line
  docs.push({ name: 'brackets-deep', text: `儿童发展规划\n${'（'.repeat(100000)}1${'）'.repeat(100000)}\n` });
  // 7. one line of 1 MB: targets without a line break
  docs.push({
    name: 'one-line-1mb',
    text: fill(`${TITLE}\n（一）儿童与健康\n主要目标：\n`, '婴儿死亡率控制在5‰以下，孕产妇死亡率下降到12/10万以下，', bytes),
  });
  // 8. one line of 1 MB of one character
  docs.push({ name: 'one-line-1mb-x', text: `${TITLE}\n${'儿'.repeat(Math.floor(bytes / 3))}` });
  // 9. 100,000 lines
  {
    const units = ['（一）儿童与健康', '1.婴儿死亡率控制在5‰以下。', '', '主要目标：', '策略措施：', '2.达到95%以上。'];
    const lines = [TITLE];
    for (let i = 0; i < 100000; i++) lines.push(units[i % units.length]);
    docs.push({ name: 'lines-100000', text: lines.join('\n') });
  }
  // 10. 100,000 empty lines
  docs.push({ name: 'blank-100000', text: `${TITLE}${'\n'.repeat(100000)}` });
  // 11. domain headings repeated (every domain many times, each with targets)
  {
    const doms = ['儿童与健康', '儿童与安全', '儿童与教育', '儿童与福利', '儿童与家庭', '儿童与环境', '儿童与法律保护'];
    const cn = ['一', '二', '三', '四', '五', '六', '七'];
    const lines = [TITLE];
    for (let i = 0, size = 0; size < bytes; i++) {
      const l =
        i % 3 === 0
          ? `（${cn[i % 7]}）${doms[i % 7]}`
          : i % 3 === 1
            ? '主要目标：'
            : `${(i % 50) + 1}.新生儿死亡率、婴儿死亡率和5岁以下儿童死亡率分别控制在3.0‰、5.0‰和6.0‰以下。`;
      lines.push(l);
      size += Buffer.byteLength(l, 'utf8') + 1;
    }
    docs.push({ name: 'domains-repeated-1mb', text: lines.join('\n') });
  }
  // 12. random CJK, digits, markers and punctuation (seeded)
  {
    const r = rng(10);
    const alphabet = [
      '儿',
      '童',
      '规',
      '划',
      '（',
      '）',
      '一',
      '二',
      '、',
      '1',
      '.',
      '%',
      '‰',
      '\n',
      '　',
      '#',
      '：',
      '。',
      '以',
      '下',
      '达到',
      '控制在',
      '目录',
    ];
    let t = `${TITLE}\n`;
    const parts = [];
    for (let size = 0; size < bytes;) {
      const p = alphabet[Math.floor(r() * alphabet.length)];
      parts.push(p);
      size += Buffer.byteLength(p, 'utf8');
    }
    t += parts.join('');
    docs.push({ name: 'random-1mb', text: t });
  }
  return docs;
}
