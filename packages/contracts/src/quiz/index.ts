// The quiz engine's pure parts: the question model and its validation, auto-grading, seeded
// shuffles, pool draws and adaptive picks, and QTI import/export. Storage and attempts belong to
// the courses module.
export * from './answer-pattern.ts';
export * from './draw.ts';
export * from './grading.ts';
export * from './qti/index.ts';
export * from './questions.ts';
