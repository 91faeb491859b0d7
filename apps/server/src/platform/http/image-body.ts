// A content-type parser for routes that take an image as the raw request body (logos, profile
// pictures). Any image type (or octet-stream) is read: the bytes, not the header, decide what it
// is. Past the limit the rest is drained unread, so the client gets the 413 problem rather than a
// reset connection. Register it inside the route's own scope, so no other route accepts images.
import type { FastifyRequest } from 'fastify';

export const IMAGE_BODY_TYPES = /^(image\/[\w.+-]+|application\/octet-stream)$/;

export function imageBodyParser(maxBytes: number, tooLarge: () => Error) {
  return async (req: FastifyRequest, payload: AsyncIterable<Buffer>): Promise<Buffer> => {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of payload) {
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
    }
    if (total > maxBytes) throw tooLarge();
    return Buffer.concat(chunks);
  };
}
