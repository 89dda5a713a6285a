// Markdown disable comments, as markdownlint users know them:
//   <!-- planlint-disable-file [rule …] -->        the whole file
//   <!-- planlint-disable [rule …] --> … <!-- planlint-enable [rule …] -->
//   <!-- planlint-disable-next-line [rule …] -->   the next non-blank line
//   <!-- planlint-disable-line [rule …] -->        this line
// Without rule ids a comment applies to every rule. Rule ids are separated by spaces or commas.

export interface DisableSpan {
  rules: string[] | null; // null = all rules
  /** With rules = null: the rules re-enabled inside the span (disable all, then enable one). */
  except?: string[];
  start: number; // first line (1-based)
  end: number; // last line (inclusive)
}

const DISABLE_COMMENT = /<!--\s*planlint-(disable-file|disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

export function readDisableComments(lines: string[]): DisableSpan[] {
  const spans: DisableSpan[] = [];
  const open: Array<{ rules: string[] | null; except: string[]; start: number }> = [];
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const text = lines[i];
    if (!text.includes('planlint-')) continue;
    for (const comment of text.matchAll(DISABLE_COMMENT)) {
      const ids = comment[2].split(/[\s,]+/).filter(Boolean);
      const rules = ids.length ? ids : null;
      const line = i + 1;
      switch (comment[1]) {
        case 'disable-file':
          spans.push({ rules, start: 1, end: n });
          break;
        case 'disable-line':
          spans.push({ rules, start: line, end: line });
          break;
        case 'disable-next-line': {
          let j = i + 1;
          while (j < n && !lines[j].trim()) j++;
          spans.push({ rules, start: j + 1, end: j + 1 });
          break;
        }
        case 'disable':
          open.push({ rules, except: [], start: line });
          break;
        case 'enable': {
          // As markdownlint-enable: without ids every open span closes; with ids only those rules are
          // enabled again and the span goes on for the others.
          const still: typeof open = [];
          for (const span of open) {
            const affected = !rules || !span.rules || span.rules.some((rule) => rules.includes(rule));
            if (!affected) {
              still.push(span);
              continue;
            }
            spans.push({
              rules: span.rules,
              ...(span.except.length ? { except: span.except } : {}),
              start: span.start,
              end: line,
            });
            if (!rules) continue;
            if (!span.rules) still.push({ rules: null, except: [...new Set([...span.except, ...rules])], start: line + 1 });
            else {
              const rest = span.rules.filter((rule) => !rules.includes(rule));
              if (rest.length) still.push({ rules: rest, except: [], start: line + 1 });
            }
          }
          open.splice(0, open.length, ...still);
          break;
        }
      }
    }
  }
  for (const span of open)
    spans.push({ rules: span.rules, ...(span.except.length ? { except: span.except } : {}), start: span.start, end: n });
  return spans;
}

export function disabledAt(spans: DisableSpan[], rule: string, line: number): boolean {
  return spans.some(
    (span) => line >= span.start && line <= span.end && (span.rules ? span.rules.includes(rule) : !span.except?.includes(rule)),
  );
}

/** The comment a "disable for this line" quick fix inserts above a line. */
export function disableNextLineComment(rule: string): string {
  return `<!-- planlint-disable-next-line ${rule} -->`;
}
