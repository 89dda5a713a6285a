export * from './read';
export * from './files';
export * from './config';
export * from './segmenter';
export * from './baselines';
export * from './formats';
export * from './server-env';
