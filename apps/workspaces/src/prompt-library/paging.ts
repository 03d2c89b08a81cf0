/** Page size of the library's lists when none is asked for (Terraform reads only the first page). */
export const LIBRARY_PAGE_SIZE = 100;
