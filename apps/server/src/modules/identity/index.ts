// Identity owns users, credentials, sessions, email verification and password reset (global schema
// `identity`). Other modules use its service interface, never its tables.

export { liveSessionsConsumer } from './identity.live.ts';
export { clientMeta, identityRoutes, presentAuth } from './identity.routes.ts';
export { type ClientMeta, createIdentityService, type IdentityService, type IssuedAuth } from './identity.service.ts';
export { identityMigrations } from './migrations/index.ts';
