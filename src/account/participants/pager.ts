import { z } from 'zod';
import { PARTICIPANTS_PER_PAGE, type ParticipantsPerPage } from '../../domain/participants/management.ts';

/** Which page of the table a request is about; anything unreadable means the first page at 10 rows, as Keden opens. */
export interface View {
  readonly page: number;
  readonly perPage: ParticipantsPerPage;
}

const viewSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  per_page: z.coerce.number().pipe(z.union(PARTICIPANTS_PER_PAGE.map((n) => z.literal(n)))).catch(10),
});

/** From the query of a GET or the hidden fields of a form: both carry `page` and `per_page`. */
export function readView(source: unknown): View {
  const parsed = viewSchema.parse(source);
  return { page: parsed.page, perPage: parsed.per_page };
}

export const listUrl = (view: View, extra: Readonly<Record<string, string>> = {}): string =>
  `/account/participants?${new URLSearchParams({ page: String(view.page), per_page: String(view.perPage), ...extra })}`;

export interface PagerModel {
  readonly page: number;
  readonly perPage: ParticipantsPerPage;
  readonly total: number;
  /** Rows on this page: «N» of «N из M шт.». */
  readonly shown: number;
  readonly pageCount: number;
  /** Page numbers to link, null where a run of pages is left out. */
  readonly links: readonly (number | null)[];
  readonly previous: string | null;
  readonly next: string | null;
  readonly hrefOf: (page: number) => string;
}

/** Around the current page and both ends: 10 000 participants at 10 a page must not print a thousand links. */
const NEIGHBOURS = 2;

export function pager(view: View, total: number, shown: number): PagerModel {
  const pageCount = Math.max(1, Math.ceil(total / view.perPage));
  const hrefOf = (page: number) => listUrl({ page, perPage: view.perPage });
  const wanted = [1, pageCount];
  for (let page = view.page - NEIGHBOURS; page <= view.page + NEIGHBOURS; page++) if (page >= 1 && page <= pageCount) wanted.push(page);
  const links: (number | null)[] = [];
  for (const page of [...new Set(wanted)].sort((a, b) => a - b)) {
    const last = links.at(-1);
    if (typeof last === 'number' && page > last + 1) links.push(null);
    links.push(page);
  }
  return {
    page: view.page,
    perPage: view.perPage,
    total,
    shown,
    pageCount,
    links,
    previous: view.page > 1 ? hrefOf(view.page - 1) : null,
    next: view.page < pageCount ? hrefOf(view.page + 1) : null,
    hrefOf,
  };
}
