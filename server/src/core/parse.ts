// parsePlan: text → PlanDocument (outline, domains, targets, title, period, upstream references).
// Pure and total: never throws on any string (a failure inside a stage degrades to an empty result).
import type { NoiseRegion, PlanDocument } from './types';
import { splitLines } from './text';
import { findNoise, readMarker, readOutline } from './outline';
import { findDomains } from './domains';
import { extractTargets } from './targets';
import { classifyLines } from './lines';

export function parsePlan(text: string): PlanDocument {
  const src = typeof text === 'string' ? text.replace(/^\ufeff/, '') : '';
  const lines = splitLines(src);
  const noise: NoiseRegion[] = safe(() => findNoise(lines), []);
  const outline = safe(() => readOutline(lines, noise), []);
  const lineModel = safe(
    () => classifyLines(lines, outline, noise),
    () => classifyLines(lines, [], []),
  );
  const domains = safe(() => findDomains(lineModel, outline), []);
  for (const d of domains) lineModel[d.line - 1].domain = d.domain;
  const meta = safe(() => readMeta(lines, domains.length ? domains[0].line : Math.min(lines.length, 80)), {
    title: null,
    period: null,
    upstreamRefs: [] as string[],
  });
  // the period tells achieved figures (截至2020年底…) from targets
  const targets = safe(() => extractTargets(lineModel, domains, noise, meta.period?.start ?? null), []);
  const isPlan = domains.length > 0 || (meta.title !== null && /规划|纲要|计划/.test(meta.title));
  return {
    lines,
    lineModel,
    title: meta.title,
    period: meta.period,
    upstreamRefs: meta.upstreamRefs,
    outline,
    noise,
    domains,
    targets,
    isPlan,
  };
}

function safe<T>(f: () => T, fallback: T | (() => T)): T {
  try {
    return f();
  } catch {
    return typeof fallback === 'function' ? (fallback as () => T)() : fallback;
  }
}

const RE_PERIOD = /(20\d\d)\s*[—–\-－~～至到]+\s*(20\d\d)\s*年/;

function normTitle(s: string): string {
  return s
    .replace(/[\s\u3000]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[-－–]/g, '—');
}

function readMeta(
  lines: string[],
  until: number,
): { title: string | null; period: { start: number; end: number } | null; upstreamRefs: string[] } {
  let title: string | null = null;
  const head = lines.slice(0, Math.max(1, Math.min(until, 120)));
  for (let i = 0; i < head.length && !title; i++) {
    const l = head[i];
    const notice = /印发(.+?(?:规划|纲要|计划).*?)的通知/.exec(l);
    if (notice) {
      title = normTitle(notice[1].replace(/[《》]/g, ''));
      break;
    }
    const t = l.replace(/^[#\s\u3000]+/, '').trim();
    // a numbered line (1. 讨论规划进度, 一、规划背景) is a list item or a section, never the title
    const numbered = readMarker(l, i + 1);
    if (numbered && numbered.family !== 'md') continue;
    if (
      /^[^，。；]{2,40}(儿童发展规划|儿童发展纲要|儿童发展.{0,6}计划|规划|纲要)/.test(t) &&
      t.length <= 50 &&
      !/[《》，。]/.test(t)
    ) {
      title = t;
      // the period on the next non-blank line: "(2021—2030年)"
      if (!RE_PERIOD.test(t)) {
        for (let j = i + 1; j < Math.min(head.length, i + 4); j++) {
          const n = head[j].replace(/^[#\s\u3000]+/, '').trim();
          if (!n) continue;
          if (/^[（(]?\s*20\d\d\s*[—–\-－~～至到]+\s*20\d\d\s*年\s*[）)]?$/.test(n)) title += n;
          break;
        }
      }
      title = normTitle(title);
    }
  }
  let period: { start: number; end: number } | null = null;
  const p = RE_PERIOD.exec(title ?? '') ?? RE_PERIOD.exec(head.join('\n'));
  if (p) period = { start: Number(p[1]), end: Number(p[2]) };
  const refs: string[] = [];
  for (const l of lines.slice(0, Math.max(1, until))) {
    if (!/贯彻|按照|依据|依照|根据|落实|衔接/.test(l)) continue;
    const re = /《([^《》]{2,60})》/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(l))) {
      const name = m[1];
      if (!/(规划|纲要)/.test(name) || /法$/.test(name)) continue;
      if (title && normTitle(name) === title) continue;
      if (/20(0|1)\d\s*[—–\-－~至]+\s*20(1\d|20)/.test(name)) continue; // the previous cycle
      if (!refs.includes(name)) refs.push(name);
    }
  }
  return { title, period, upstreamRefs: refs };
}

/**
 * The plan test (`isPlan`) on the beginning of a text: its first `maxLines` lines, at most 200,000
 * characters. Cheap enough for every file an editor opens: the VS Code client uses it to give a plan saved
 * under any name (草案.txt) the plan language, and the server to decide whether an oversized text is a plan.
 */
export function looksLikePlan(text: string, maxLines = 400): boolean {
  if (typeof text !== 'string' || !text) return false;
  let end = 0;
  for (let n = 0; n < maxLines && end >= 0 && end < 200_000; n++) {
    end = text.indexOf('\n', end);
    if (end >= 0) end++;
  }
  const head = end < 0 ? text.slice(0, 200_000) : text.slice(0, Math.min(end, 200_000));
  try {
    return parsePlan(head).isPlan;
  } catch {
    return false;
  }
}
