// The one seeded PRNG of the scripts and tests (mulberry32): the adversarial documents
// (scripts/adversarial.mjs) and the LSP fuzzer (test/lsp/helpers/fuzz.js) draw from it, so a seed
// means the same sequence everywhere. CommonJS, so that both require() and import can load it.
'use strict';

/** mulberry32: a small seeded PRNG; returns a function giving numbers in [0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { rng };
