import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `{object:"list", total, data}` — the shape of most Portkey lists. */
export interface ListResponse<T> {
  object: 'list';
  total: number;
  data: T[];
}

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * A page size. Where Portkey's spec allows `0` (audit logs, members, users, invites — the member
 * list documents it as its default), `0` means "the route's default size".
 */
export function PageSize(options: { allowZero?: boolean; max?: number } = {}): PropertyDecorator {
  return applyDecorators(IsOptional(), Type(() => Number), IsInt(), Min(options.allowZero ? 0 : 1), Max(options.max ?? MAX_PAGE_SIZE));
}

/** A 0-based page number. */
export const PageNumber = (): PropertyDecorator => applyDecorators(IsOptional(), Type(() => Number), IsInt(), Min(0));

/** snake_case paging (most lists): `current_page` is 0-based. */
export class SnakePaging {
  @PageSize() page_size?: number;
  @PageNumber() current_page?: number;
}

/** snake_case paging where the spec allows `page_size=0` (workspace members). */
export class SnakePagingZeroDefault {
  @PageSize({ allowZero: true }) page_size?: number;
  @PageNumber() current_page?: number;
}

/** camelCase paging (`/admin/users`, `/admin/users/invites`); `pageSize=0` is the default size. */
export class CamelPaging {
  @PageSize({ allowZero: true }) pageSize?: number;
  @PageNumber() currentPage?: number;
}

/** `skip`/`limit` of a page; a size of 0 or none is the default size. */
export function pageOf(size: number | undefined, page: number | undefined, defaultSize = DEFAULT_PAGE_SIZE): { skip: number; limit: number } {
  const limit = size || defaultSize;
  return { skip: (page ?? 0) * limit, limit };
}
