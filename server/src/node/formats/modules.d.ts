// Modules without type declarations that the format readers use.
// pdfjs' document core, exported from its worker module by the esbuild plugin (esbuild.mjs).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export interface PdfPage {
    view: number[];
    rotate: number;
    extractTextContent(args: {
      handler: unknown;
      task: unknown;
      sink: unknown;
      includeMarkedContent: boolean;
      disableNormalization: boolean;
    }): Promise<void>;
  }
  export class LocalPdfManager {
    constructor(args: Record<string, unknown>);
    ensureDoc(prop: string, args?: unknown[]): Promise<unknown>;
    getPage(index: number): Promise<unknown>;
    cleanup(manuallyTriggered?: boolean): Promise<void>;
  }
  export class WorkerTask {
    constructor(name: string);
  }
  export class XRefParseException extends Error {}
  export class PasswordException extends Error {}
  export function setVerbosityLevel(level: number): void;
}
