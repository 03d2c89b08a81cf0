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

/** snake_case paging (most lists): `current_page` is 0-based. */
export class SnakePaging {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) page_size?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) current_page?: number;
}

/** camelCase paging (`/admin/users`, `/admin/users/invites`). */
export class CamelPaging {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) pageSize?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) currentPage?: number;
}

export function pageOf(size: number | undefined, page: number | undefined): { skip: number; limit: number } {
  const limit = size ?? DEFAULT_PAGE_SIZE;
  return { skip: (page ?? 0) * limit, limit };
}
