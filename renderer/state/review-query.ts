import type { ImageFilter, ImageSort } from '../../electron/contract.js';

/** What the review grid shows: a filter and an order. Kept by the app across screens. */
export interface ReviewQuery {
  filter: ImageFilter;
  sort: ImageSort;
  descending: boolean;
}

/** Least confident first: the photos most likely to be wrong come first. */
export const defaultReviewQuery: ReviewQuery = {
  filter: {},
  sort: 'confidence',
  descending: false,
};

/** Whether any filter narrows the grid (to offer "clear filters"). */
export function hasFilter(filter: ImageFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined);
}
