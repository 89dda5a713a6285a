// The environment the language server is started with, by every launcher PlanLint controls (the VS Code
// client, the LSP tests) and, as documented in docs/LSP.md, by other editors.
//
// Why: a long-lived Node process on glibc keeps freed native memory. V8's background threads (the
// optimising compiler, the concurrent collector) each allocate from their own malloc arena (up to 8 per
// core), and glibc raises its trim threshold after large buffers are freed, so the native memory used while
// a big document was checked stays resident after it is closed (measured by `npm run fuzz`: +22 to +33 %
// resident size after 2,000 edits and every document closed; with these two settings +11 to +15 %).
// Two arenas and a fixed 128 KB trim threshold return it. Only glibc reads these variables; elsewhere they
// are ignored. A value the user has set is kept.
export const SERVER_ENV: Readonly<Record<string, string>> = Object.freeze({
  MALLOC_ARENA_MAX: '2',
  MALLOC_TRIM_THRESHOLD_: '131072',
});

/** `base` with SERVER_ENV's variables added where `base` does not set them. */
export function serverEnv(base: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  for (const [k, v] of Object.entries(SERVER_ENV)) if (env[k] === undefined) env[k] = v;
  return env;
}
