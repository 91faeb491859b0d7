import type { CourseGradebook } from '@edumatrix/contracts';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { client } from '../../api.ts';
import { coursesKeys } from '../queries.ts';

export const gradebookKeys = {
  book: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'gradebook'] as const,
};

export const courseGradebookQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: gradebookKeys.book(institutionId, courseId),
    queryFn: () => client.courses.gradebook(institutionId, courseId),
  });

/** Every gradebook write answers with the whole book: put it in the cache rather than fetch it again. */
export const storeBook = (queryClient: QueryClient, institutionId: string, courseId: string, book: CourseGradebook) =>
  queryClient.setQueryData(gradebookKeys.book(institutionId, courseId), book);

export type GradeItem = CourseGradebook['items'][number];
export type GradeRow = CourseGradebook['rows'][number];
export type GradeCell = GradeRow['total'];

/** What a cell overrides: an item's id, or `course` for the total. */
export type OverrideTarget = { row: GradeRow; item: GradeItem | null };

export const targetLabel = (target: OverrideTarget) => target.item?.title ?? 'Course total';

/** "87.5 %", or a dash without a result. */
export const percentText = (percent: number | null | undefined) =>
  percent === null || percent === undefined ? '—' : `${String(Math.round(percent * 10) / 10)} %`;

/** Each category's share of the total, in percent of the summed weights (items in no category weigh 1). */
export function categoryShares(categories: { name: string; weight: number }[], uncategorised: boolean) {
  const all = uncategorised ? [...categories, { name: 'No category', weight: 1 }] : categories;
  const sum = all.reduce((n, c) => n + (Number.isFinite(c.weight) ? c.weight : 0), 0);
  return all.map((c) => ({ name: c.name, weight: c.weight, share: sum > 0 ? (100 * c.weight) / sum : 0 }));
}

/** A file name from the course title: "Mechanics 1" → "mechanics-1-gradebook.csv". */
export const csvName = (title: string) =>
  `${
    title
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'course'
  }-gradebook.csv`;

/** Starts a download of text the page already holds. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
