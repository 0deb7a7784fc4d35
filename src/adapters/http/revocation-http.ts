import type { RevocationPorts } from '../../pki/revocation/checker.ts';

export interface HttpRevocationOptions {
  readonly timeoutMs: number;
  /** NCA's production CRL is about 20 MB; anything far larger is not a CRL. */
  readonly maxCrlBytes?: number;
}

async function body(response: Response, limit: number, url: string): Promise<Uint8Array> {
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limit) throw new Error(`${url} answered ${declared} bytes, more than ${limit}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > limit) throw new Error(`${url} answered more than ${limit} bytes`);
  return bytes;
}

/** OCSP and CRL over HTTP with fetch; every request has a deadline so a slow NCA service cannot hold a sign-in. */
export function httpRevocationPorts(options: HttpRevocationOptions): RevocationPorts {
  return {
    async postOcsp(url, request) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: request,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      return body(response, 1 << 20, url);
    },
    async fetchCrl(url) {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs * 10) });
      return body(response, options.maxCrlBytes ?? 256 << 20, url);
    },
  };
}
