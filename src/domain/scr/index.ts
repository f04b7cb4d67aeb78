// Significant Code Reviews and Authority-Led Variations (sec-process.md §6.7): pure records.
export * from './commands.ts';
export * from './events.ts';
export * from './state.ts';
export * from './decide.ts';
