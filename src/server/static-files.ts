import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';
import serve from 'koa-static';

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), '../../public');
const PREFIX = '/static';

/** public/ under /static: the NCALayer client, the page scripts and CSS, served as they are (no build step). */
export function staticFiles(): Koa.Middleware {
  const files = serve(PUBLIC, { index: false, maxage: 3_600_000 });
  return async (ctx, next) => {
    if (!ctx.path.startsWith(`${PREFIX}/`)) return next();
    const original = ctx.path;
    ctx.path = original.slice(PREFIX.length);
    try {
      await files(ctx, next);
    } finally {
      ctx.path = original;
    }
  };
}
