// The obligations tracker (sec-process.md §6.9): pure.
export * from './obligations.ts';
