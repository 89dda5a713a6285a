export * from './read';
export * from './files';
export * from './config';
export * from './segmenter';
export * from './baselines';
