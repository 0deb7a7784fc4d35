// The user agent of a code flow: follows Kilt's redirects with a cookie jar until the client's redirect URI.
import request from 'supertest';

export interface Browser {
  /** Follows redirects from `url` and returns the URL Kilt finally sends the browser to outside itself. */
  authorize(url: URL): Promise<URL>;
  get(path: string): request.Test;
  post(path: string): request.Test;
}

export function browser(issuer: string): Browser {
  const agent = request.agent(issuer);
  return {
    async authorize(url) {
      let next = url;
      for (let hop = 0; hop < 10; hop++) {
        if (next.origin !== new URL(issuer).origin) return next;
        const response = await agent.get(`${next.pathname}${next.search}`);
        const location = response.headers['location'];
        if (!location) throw new Error(`no redirect from ${next.pathname}: ${response.status} ${response.text.slice(0, 300)}`);
        next = new URL(location, issuer);
      }
      throw new Error('too many redirects');
    },
    get: (path) => agent.get(path),
    post: (path) => agent.post(path),
  };
}
