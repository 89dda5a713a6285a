// The DecompressionStream pdfjs sees (esbuild `inject`, dist/pdf.js only): the same formats,
// inflated synchronously by zlib. Node's web DecompressionStream wraps zlib in web streams, a
// dozen objects and promise turns per call; pdfjs makes one call per content stream, font and
// image, so on a long PDF the wrapping cost more than the inflating. Errors surface where
// pdfjs expects them (reading `readable`), and it then falls back to its own inflater.
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

const MAX_OUTPUT = 256 << 20;

export class DecompressionStream {
  readonly writable: { getWriter(): { ready: Promise<void>; write(b: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: AsyncIterable<Uint8Array>;

  constructor(format: string) {
    let out: Uint8Array | null = null;
    let err: unknown = null;
    const inflate = (b: Uint8Array) => {
      try {
        const opts = { maxOutputLength: MAX_OUTPUT };
        const r =
          format === 'brotli'
            ? brotliDecompressSync(b, opts)
            : format === 'deflate-raw'
              ? inflateRawSync(b, opts)
              : format === 'gzip'
                ? gunzipSync(b, opts)
                : format === 'deflate'
                  ? inflateSync(b, opts)
                  : null;
        if (!r) throw new TypeError(`unsupported format: ${format}`);
        out = new Uint8Array(r.buffer, r.byteOffset, r.byteLength);
      } catch (e) {
        err = e;
      }
    };
    this.writable = {
      getWriter: () => ({
        ready: Promise.resolve(),
        write: async (b: Uint8Array) => inflate(b),
        close: async () => undefined,
      }),
    };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await null;
        if (err) throw err;
        if (out) yield out;
      },
    };
  }
}
