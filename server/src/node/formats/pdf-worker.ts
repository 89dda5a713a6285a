// A PDF page worker (worker thread): loads the PDF reader bundle (dist/pdf.js) as the main thread
// does, with the same code cache, and reads the pages it claims (pdf.ts: pdfWorkerMain).
import { join } from 'node:path';
import { loadPdfBundle } from './pdf-load';

const reader = loadPdfBundle(join(__dirname, 'pdf.js'), false) as { pdfWorkerMain: () => Promise<void> };
// an error here is the worker's 'error' event in the main thread, which then reads this worker's pages
void reader.pdfWorkerMain().then(() => process.exit(0));
