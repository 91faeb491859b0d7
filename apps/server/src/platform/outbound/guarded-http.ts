// HTTP requests to addresses users typed in. The host name is resolved once, every address it
// resolves to is checked, and the connection goes to a checked address — so DNS rebinding between
// check and connect cannot reach the private network. Redirects are not followed.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './private-addresses.ts';

export class BlockedAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} is a private, loopback or link-local address`);
  }
}

export type GuardedRequest = {
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  /** Text, or bytes (an encrypted web push payload). */
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Operators may allow private networks (on-premise receivers; tests use loopback). */
  allowPrivate: boolean;
  /** At most this much of the response body is kept. */
  maxResponseBytes?: number;
};

/** `headers` as Node gives them (lower-case names). */
export type GuardedResponse = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Resolves like the system resolver, but fails when any address is private (unless allowed). */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
        return callback(Object.assign(new BlockedAddressError(hostname), { code: 'EBLOCKED' }), '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** Checks that the URL's host is, and resolves to, public addresses only. */
export async function assertPublicHost(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = bareHost(url);
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw new BlockedAddressError(host);
    return;
  }
  await new Promise<void>((resolve, reject) => guardedLookup(false)(host, { all: true }, (err) => (err ? reject(err) : resolve())));
}

export async function guardedRequest(target: string | URL, req: GuardedRequest): Promise<GuardedResponse> {
  const url = new URL(target);
  // A literal IP address never goes through lookup, so it is checked here.
  const host = bareHost(url);
  if (!req.allowPrivate && isIP(host) && isPrivateAddress(host)) throw new BlockedAddressError(host);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const limit = req.maxResponseBytes ?? 4096;
  return new Promise<GuardedResponse>((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: req.method,
        headers: { ...req.headers, ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body).toString() } : {}) },
        lookup: guardedLookup(req.allowPrivate),
        ...(req.signal ? { signal: req.signal } : {}),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < limit) chunks.push(chunk.subarray(0, limit - kept));
          kept += chunk.length;
          // Nobody needs more than the start of the answer; stop reading a huge one.
          if (kept > limit * 16) res.destroy();
        });
        const finish = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers });
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}
