export * from './audit.ts';
export * from './common.ts';
export * from './events.ts';
export * from './identity.ts';
export * from './institutions.ts';
export * from './realtime.ts';
export * from './structure.ts';
export * from './webhooks.ts';
