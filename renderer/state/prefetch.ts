/**
 * Warms the browser's image cache. Kept images are referenced until loaded so the
 * request is not dropped; a bounded set remembers what was asked already.
 */
const requested = new Set<string>();
const MAX_REMEMBERED = 2000;

export function prefetchImage(url: string): void {
  if (requested.has(url)) return;
  if (requested.size >= MAX_REMEMBERED) requested.clear();
  requested.add(url);
  const image = new Image();
  image.decoding = 'async';
  image.src = url;
}
