import { invalidParam } from './errors.ts';

/**
 * Twilio pages lists with Page + PageSize + PageToken. The token names the last item of the
 * previous page, so paging stays stable while new items arrive at the front of the list.
 */
export interface PageRequest {
  pageSize: number;
  page: number;
  pageToken: string | null;
}

export function readPageRequest(query: URLSearchParams, defaultSize: number): PageRequest {
  const sizeText = query.get('PageSize');
  const pageText = query.get('Page');
  const pageSize = sizeText === null ? defaultSize : Number(sizeText);
  const page = pageText === null ? 0 : Number(pageText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw invalidParam('PageSize', sizeText ?? '');
  if (!Number.isInteger(page) || page < 0) throw invalidParam('Page', pageText ?? '');
  return { pageSize, page, pageToken: query.get('PageToken') };
}

interface Slice<T> {
  items: T[];
  start: number;
  hasMore: boolean;
  lastId: string | null;
}

function slice<T>(all: readonly T[], req: PageRequest, idOf: (item: T) => string, tokenPrefix: string): Slice<T> {
  let start = req.page * req.pageSize;
  if (req.pageToken !== null && req.pageToken.startsWith(tokenPrefix)) {
    const after = req.pageToken.slice(tokenPrefix.length);
    const index = all.findIndex((item) => idOf(item) === after);
    start = index < 0 ? all.length : index + 1;
  }
  const items = all.slice(start, start + req.pageSize);
  const last = items.at(-1);
  return { items, start, hasMore: start + items.length < all.length, lastId: last === undefined ? null : idOf(last) };
}

function withPaging(base: string, filters: ReadonlyArray<[string, string]>, size: number, page: number, token?: string): string {
  const params = new URLSearchParams([...filters]);
  params.set('PageSize', String(size));
  params.set('Page', String(page));
  if (token !== undefined) params.set('PageToken', token);
  return `${base}?${params.toString()}`;
}

/** 2010-04-01 list envelope: relative URIs and start/end indexes. */
export function page2010<T>(
  all: readonly T[],
  req: PageRequest,
  opts: { path: string; key: string; filters: ReadonlyArray<[string, string]>; idOf: (item: T) => string; render: (item: T) => unknown },
): Record<string, unknown> {
  const s = slice(all, req, opts.idOf, 'PA');
  const uri = withPaging(opts.path, opts.filters, req.pageSize, req.page, req.pageToken ?? undefined);
  return {
    [opts.key]: s.items.map(opts.render),
    end: s.items.length === 0 ? s.start : s.start + s.items.length - 1,
    first_page_uri: withPaging(opts.path, opts.filters, req.pageSize, 0),
    next_page_uri: s.hasMore && s.lastId !== null ? withPaging(opts.path, opts.filters, req.pageSize, req.page + 1, `PA${s.lastId}`) : null,
    page: req.page,
    page_size: req.pageSize,
    previous_page_uri: req.page > 0 ? withPaging(opts.path, opts.filters, req.pageSize, req.page - 1) : null,
    start: s.start,
    uri,
  };
}

/** v1 list envelope: items under `key`, absolute URLs in `meta`. */
export function pageV1<T>(
  all: readonly T[],
  req: PageRequest,
  opts: { url: string; key: string; filters: ReadonlyArray<[string, string]>; idOf: (item: T) => string; render: (item: T) => unknown },
): Record<string, unknown> {
  const s = slice(all, req, opts.idOf, 'PT');
  return {
    [opts.key]: s.items.map(opts.render),
    meta: {
      page: req.page,
      page_size: req.pageSize,
      first_page_url: withPaging(opts.url, opts.filters, req.pageSize, 0),
      previous_page_url: req.page > 0 ? withPaging(opts.url, opts.filters, req.pageSize, req.page - 1) : null,
      next_page_url: s.hasMore && s.lastId !== null ? withPaging(opts.url, opts.filters, req.pageSize, req.page + 1, `PT${s.lastId}`) : null,
      key: opts.key,
      url: withPaging(opts.url, opts.filters, req.pageSize, req.page, req.pageToken ?? undefined),
    },
  };
}
