// Infinite scroll: loads the next page when the end of a list comes near the screen, and keeps going
// while it stays there. The Load more button below it remains for keyboards and failed pages.
import { useEffect, useRef, useState } from 'react';

type PagedList = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage(): unknown;
};

export function InfiniteSentinel({ list }: { list: PagedList }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? false), { rootMargin: '600px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError } = list;
  useEffect(() => {
    // After a failed page, wait for the reader to ask again rather than retrying in a loop.
    if (near && hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void list.fetchNextPage();
  }, [near, hasNextPage, isFetchingNextPage, isFetchNextPageError, list]);

  return <div ref={ref} aria-hidden="true" style={{ height: 1 }} />;
}
