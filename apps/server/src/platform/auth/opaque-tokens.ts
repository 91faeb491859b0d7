// Opaque single-use secrets (refresh tokens, email links, invitations): 32 random bytes, stored only
// as SHA-256. A fast hash is enough for high-entropy secrets; passwords use argon2id instead.
import { createHash, randomBytes } from 'node:crypto';

export const newOpaqueToken = () => randomBytes(32).toString('base64url');
export const hashOpaqueToken = (token: string) => createHash('sha256').update(token).digest('hex');
