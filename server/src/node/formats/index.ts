// Document formats a plan arrives in: the readers behind node/read.ts's readPlanSource.
export * from './source';
export { readDocx, formatNumber, chineseCounting } from './docx';
export { readDoc, docBodyToSource } from './doc';
export { readHtml, declaredCharset, normalizeCharset } from './html';
